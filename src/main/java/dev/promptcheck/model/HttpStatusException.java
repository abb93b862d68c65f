package dev.promptcheck.model;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/**
 * A non-2xx answer, carrying what LangChain4j's own HTTP clients drop: the {@code Retry-After}
 * header and the rate-limit headers. Extends LangChain4j's {@link HttpException} so its exception
 * mapping still applies.
 */
final class HttpStatusException extends HttpException {
  private final Duration retryAfter;
  private final RateLimits rateLimits;

  HttpStatusException(int statusCode, String body, Duration retryAfter, RateLimits rateLimits) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
    this.rateLimits = rateLimits;
  }

  RateLimits rateLimits() {
    return rateLimits;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}
