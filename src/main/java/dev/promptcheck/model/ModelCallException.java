package dev.promptcheck.model;

import java.time.Duration;

/**
 * A failed call, classified so the run stage can decide whether to retry: rate limits, server
 * errors, timeouts and network failures are retryable; authentication and bad requests are not.
 */
public final class ModelCallException extends RuntimeException {

  public enum Kind {
    RATE_LIMITED(true),
    SERVER_ERROR(true),
    TIMEOUT(true),
    NETWORK(true),
    AUTHENTICATION(false),
    BAD_REQUEST(false),
    NOT_FOUND(false),
    BAD_RESPONSE(false),
    NO_RECORDING(false),
    CONFIGURATION(false),
    /**
     * A refusal that waiting a little will not cure: a 429 asking for a wait longer than {@code
     * --max-wait}, or naming a daily quota. The run stops calling the model; {@link #retryAfter()}
     * is the wait the provider asked for, when it said one.
     */
    QUOTA_EXHAUSTED(false),
    /**
     * Not sent: the call would take the run past its {@code --max-cost}. The run starts no more
     * calls, of any model.
     */
    BUDGET_SPENT(false);

    public final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final int attempts;
  private final RateLimits rateLimits;

  public ModelCallException(Kind kind, String message) {
    this(kind, message, null);
  }

  public ModelCallException(Kind kind, String message, Duration retryAfter) {
    this(kind, message, retryAfter, 1, RateLimits.NONE);
  }

  private ModelCallException(
      Kind kind, String message, Duration retryAfter, int attempts, RateLimits rateLimits) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfter = retryAfter;
    this.attempts = attempts;
    this.rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
  }

  /** The same failure, with what the refusal's headers said of the model's allowance. */
  public ModelCallException withRateLimits(RateLimits limits) {
    return new ModelCallException(kind, getMessage(), retryAfter, attempts, limits);
  }

  /**
   * What the failed answer's headers said of the allowance ({@link RateLimits#NONE} if nothing).
   */
  public RateLimits rateLimits() {
    return rateLimits;
  }

  /**
   * The same failure after {@code attempts} live calls: the retry step says how many it made, on
   * the failure itself, as it does on a response.
   */
  public ModelCallException afterAttempts(int attempts) {
    return new ModelCallException(kind, getMessage(), retryAfter, attempts, rateLimits);
  }

  /** Live calls made before giving up (0 when nothing was called, e.g. a replay miss). */
  public int attempts() {
    return attempts;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind.retryable;
  }

  /** The server's Retry-After, when it sent one. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
