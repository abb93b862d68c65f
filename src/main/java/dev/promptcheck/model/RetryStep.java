package dev.promptcheck.model;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries rate limits, server errors, timeouts and network failures with exponential backoff and
 * jitter, or exactly the server's {@code Retry-After} when it sends one. Authentication and bad
 * requests fail at once. The number of live calls made is put on the answer (or on the final
 * failure) as {@code attempts}.
 */
public final class RetryStep implements CallStep {
  public static final Duration BASE_DELAY = Duration.ofMillis(500);
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

  /** How the step waits between attempts; tests record the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
  }

  private final int retries;
  private final Sleeper sleeper;

  public RetryStep(int retries, Sleeper sleeper) {
    this.retries = retries;
    this.sleeper = sleeper;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    for (int attempt = 1; ; attempt++) {
      ModelCallException failure;
      try {
        return chain.proceed(chain.request()).withAttempts(attempt);
      } catch (ModelCallException e) {
        failure = e.afterAttempts(attempt);
      }
      if (!failure.retryable() || attempt > retries) {
        throw failure;
      }
      try {
        sleeper.sleep(delay(attempt, failure.retryAfter()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  static Duration delay(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
    long exp = BASE_DELAY.toMillis() << Math.min(attempt - 1, 16);
    long capped = Math.min(exp, MAX_DELAY.toMillis());
    // "equal jitter": half fixed, half random, so retries of many trials do not line up
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }
}
