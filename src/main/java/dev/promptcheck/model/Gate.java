package dev.promptcheck.model;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission to a model or a provider: at most {@code concurrency} calls in flight and, with a
 * requests-per-minute ceiling, call starts spaced evenly so a minute never holds more than the
 * ceiling.
 */
public final class Gate {
  private final String name;
  private final int concurrency;
  private final int requestsPerMinute;
  private final Semaphore permits;
  private final long intervalNanos;
  private long nextStart;

  public Gate(String name, int concurrency, int requestsPerMinute) {
    this.name = name;
    this.concurrency = Math.max(1, concurrency);
    this.requestsPerMinute = Math.max(0, requestsPerMinute);
    this.permits = new Semaphore(this.concurrency, true);
    this.intervalNanos =
        requestsPerMinute > 0 ? TimeUnit.MINUTES.toNanos(1) / requestsPerMinute : 0;
  }

  public String name() {
    return name;
  }

  public int concurrency() {
    return concurrency;
  }

  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  /** Takes a permit, then waits for the call's rpm slot (counted in {@code stats} as a hold). */
  void enter(LimitStats stats) throws InterruptedException {
    permits.acquire();
    if (intervalNanos > 0) {
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        long start = Math.max(now, nextStart);
        nextStart = start + intervalNanos;
        wait = start - now;
      }
      if (wait > 0) {
        stats.beginWait();
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          permits.release();
          throw e;
        } finally {
          stats.endWait();
        }
      }
    }
  }

  void leave() {
    permits.release();
  }

  @Override
  public String toString() {
    return name + " (concurrency " + concurrency + ", rpm " + requestsPerMinute + ")";
  }
}
