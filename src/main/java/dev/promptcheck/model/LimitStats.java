package dev.promptcheck.model;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model's counters of living within limits, for the console and the reports: how many calls the
 * provider refused with 429, and how long the model's calls were held by a limit. The wait is
 * wall-clock time during which at least one of the model's calls was held (by the provider's
 * remaining allowance, a 429's back-off, or the {@code --rpm} spacing), not a sum over calls: eight
 * calls held together for a second count one second, as the run waited one second.
 */
public final class LimitStats {
  private final AtomicInteger refused = new AtomicInteger();
  private int waiting;
  private long waitingSince;
  private long waitedNanos;

  void refused() {
    refused.incrementAndGet();
  }

  /** A call starts being held; pair with {@link #endWait()}. */
  synchronized void beginWait() {
    if (waiting++ == 0) {
      waitingSince = System.nanoTime();
    }
  }

  synchronized void endWait() {
    if (waiting > 0 && --waiting == 0) {
      waitedNanos += System.nanoTime() - waitingSince;
    }
  }

  /** Calls the provider refused with 429 (each attempt counts). */
  public int refusedCalls() {
    return refused.get();
  }

  /** Milliseconds during which some call was held by a limit, a hold still going included. */
  public synchronized long waitedMillis() {
    long nanos = waitedNanos + (waiting > 0 ? System.nanoTime() - waitingSince : 0);
    return nanos / 1_000_000;
  }
}
