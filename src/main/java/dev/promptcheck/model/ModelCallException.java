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
    CONFIGURATION(false);

    public final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;
  private final Duration retryAfter;

  public ModelCallException(Kind kind, String message) {
    this(kind, message, null);
  }

  public ModelCallException(Kind kind, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfter = retryAfter;
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
