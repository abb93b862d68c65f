package dev.promptcheck.model;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Retries rate limits, server errors, timeouts and network failures with exponential backoff and
 * jitter, or exactly the server's {@code Retry-After} when it sends one. Authentication and bad
 * requests fail at once. No wait is longer than {@code maxWait}: a 429 asking for more (a daily
 * quota spent: GitHub Models answers {@code Retry-After: 43200}), or whose body names a daily
 * quota, is not retried but ends as {@link ModelCallException.Kind#QUOTA_EXHAUSTED}, so the run
 * stops calling that model instead of sleeping for hours. The number of live calls made is put on
 * the answer (or on the final failure) as {@code attempts}.
 */
public final class RetryStep implements CallStep {
  public static final Duration BASE_DELAY = Duration.ofMillis(500);
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

  /**
   * Words of a 429 body that name a quota per day rather than per minute: GitHub Models' "Rate
   * limit of 150 per 86400s exceeded for UserByModelByDay", "daily", "per day". Not a bare "quota":
   * Azure's per-minute refusals link to "aka.ms/oai/quotaincrease".
   */
  private static final Pattern DAILY_QUOTA =
      Pattern.compile("\\bdaily\\b|per[ _-]?day\\b|byday\\b|\\b86400 ?s(ec|econds)?\\b");

  /** How the step waits between attempts; tests record the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
  }

  private final int retries;
  private final Duration maxWait;
  private final Sleeper sleeper;
  private final LimitStats stats;

  /** {@code stats} counts the back-off after a 429 as time the model waited on its limits. */
  public RetryStep(int retries, Duration maxWait, Sleeper sleeper, LimitStats stats) {
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("maxWait must be positive, not " + maxWait);
    }
    this.retries = retries;
    this.maxWait = maxWait;
    this.sleeper = sleeper;
    this.stats = stats;
  }

  public RetryStep(int retries, Duration maxWait, Sleeper sleeper) {
    this(retries, maxWait, sleeper, new LimitStats());
  }

  public RetryStep(int retries, Sleeper sleeper) {
    this(retries, DEFAULT_MAX_WAIT, sleeper);
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
      ModelCallException quota = quotaExhausted(failure);
      if (quota != null) {
        throw quota;
      }
      if (!failure.retryable() || attempt > retries) {
        throw failure;
      }
      boolean limited = failure.kind() == ModelCallException.Kind.RATE_LIMITED;
      if (limited) {
        stats.beginWait();
      }
      try {
        sleeper.sleep(delay(attempt, failure.retryAfter(), maxWait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      } finally {
        if (limited) {
          stats.endWait();
        }
      }
    }
  }

  /** {@code failure} as a spent quota when it is one, else null. */
  private ModelCallException quotaExhausted(ModelCallException failure) {
    if (failure.kind() != ModelCallException.Kind.RATE_LIMITED) {
      return null;
    }
    Duration asked = failure.retryAfter();
    boolean tooLong = asked != null && asked.compareTo(maxWait) > 0;
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    if (!tooLong && !namesDailyQuota(message)) {
      return null;
    }
    String why =
        tooLong
            ? "the provider asks to wait "
                + seconds(asked)
                + ", longer than --max-wait "
                + seconds(maxWait)
            : "the provider refused for a daily quota";
    return new ModelCallException(
            ModelCallException.Kind.QUOTA_EXHAUSTED, why + ": " + message, asked)
        .afterAttempts(failure.attempts());
  }

  static boolean namesDailyQuota(String message) {
    return DAILY_QUOTA.matcher(message.toLowerCase(Locale.ROOT)).find();
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  static Duration delay(int attempt, Duration retryAfter, Duration maxWait) {
    if (retryAfter != null) {
      return retryAfter.compareTo(maxWait) > 0 ? maxWait : retryAfter;
    }
    long exp = BASE_DELAY.toMillis() << Math.min(attempt - 1, 16);
    long capped = Math.min(exp, Math.min(MAX_DELAY.toMillis(), maxWait.toMillis()));
    // "equal jitter": half fixed, half random, so retries of many trials do not line up
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }
}
