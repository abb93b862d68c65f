package dev.promptcheck.run;

import dev.promptcheck.model.ModelCallException;
import dev.promptcheck.model.ModelClient;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.ModelResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls through a {@link ProviderGate}, retrying rate limits, server errors, timeouts and network
 * failures with exponential backoff and jitter, or exactly the server's {@code Retry-After} when it
 * sends one. Authentication and bad requests fail at once. The gate is not held while waiting.
 */
final class RetryingClient implements ModelClient {
  static final Duration BASE_DELAY = Duration.ofMillis(500);
  static final Duration MAX_DELAY = Duration.ofSeconds(30);
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

  /**
   * Attempts made by this thread's latest call through any retrying client. A trial's call runs on
   * one thread from cache to provider, so the runner reads it right after the call; 0 means the
   * answer came from the cache.
   */
  private static final ThreadLocal<int[]> ATTEMPTS = ThreadLocal.withInitial(() -> new int[1]);

  static void resetAttempts() {
    ATTEMPTS.get()[0] = 0;
  }

  static int attempts() {
    return ATTEMPTS.get()[0];
  }

  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final ModelClient delegate;
  private final ProviderGate gate;
  private final int retries;
  private final Sleeper sleeper;

  RetryingClient(ModelClient delegate, ProviderGate gate, int retries, Sleeper sleeper) {
    this.delegate = delegate;
    this.gate = gate;
    this.retries = retries;
    this.sleeper = sleeper;
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    for (int attempt = 1; ; attempt++) {
      ATTEMPTS.get()[0] = attempt;
      ModelCallException failure;
      try {
        gate.enter();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelCallException(ModelCallException.Kind.NETWORK, "interrupted");
      }
      try {
        return delegate.complete(request);
      } catch (ModelCallException e) {
        failure = e;
      } finally {
        gate.leave();
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
