package dev.promptcheck.run;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission to one provider: at most {@code concurrency} calls in flight and, with {@code --rpm},
 * call starts spaced evenly so a minute never holds more than the ceiling.
 */
final class ProviderGate {
  private final Semaphore permits;
  private final long intervalNanos;
  private long nextStart;

  ProviderGate(int concurrency, int requestsPerMinute) {
    this.permits = new Semaphore(Math.max(1, concurrency), true);
    this.intervalNanos =
        requestsPerMinute > 0 ? TimeUnit.MINUTES.toNanos(1) / requestsPerMinute : 0;
  }

  void enter() throws InterruptedException {
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
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }

  void leave() {
    permits.release();
  }
}
