package dev.promptcheck.model;

import java.util.Locale;

/**
 * A run's spending limit in USD ({@code --max-cost}), shared by every model and judge of the run. A
 * call is admitted only when what was spent, what the calls in flight are estimated to cost and its
 * own estimate stay within the limit; its estimate is reserved until its answer says what it really
 * cost. The limit can still be passed by as much as the calls in flight cost beyond their
 * estimates, never by a call started after it was reached.
 */
public final class Budget {
  private final double limitUsd;
  private double spent;
  private double reserved;

  public Budget(double limitUsd) {
    if (!(limitUsd > 0 && Double.isFinite(limitUsd))) {
      throw new IllegalArgumentException("a budget must be a positive amount, not " + limitUsd);
    }
    this.limitUsd = limitUsd;
  }

  /** Counts what a run spent before this process (the finished trials a resume keeps). */
  public synchronized void spentBefore(double usd) {
    spent += Math.max(0, usd);
  }

  /** Reserves {@code estimate}; false, reserving nothing, when it would pass the limit. */
  public synchronized boolean reserve(double estimate) {
    if (spent + reserved + estimate > limitUsd) {
      return false;
    }
    reserved += estimate;
    return true;
  }

  /** Replaces a reservation by what the call cost (0 for a call that failed before an answer). */
  public synchronized void settle(double estimate, double actual) {
    reserved = Math.max(0, reserved - estimate);
    spent += Math.max(0, actual);
  }

  public synchronized double spent() {
    return spent;
  }

  public double limit() {
    return limitUsd;
  }

  /** {@code $0.0123}: four decimals, as the reports show costs. */
  public static String usd(double amount) {
    return String.format(Locale.ROOT, "$%.4f", amount);
  }
}
