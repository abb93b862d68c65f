package dev.promptcheck.model;

/**
 * The seam between promptcheck and a model: one chat completion, no retries (the run stage
 * retries), no caching. Implementations throw {@link ModelCallException} for every failure.
 */
@FunctionalInterface
public interface ModelClient {
  ModelResponse complete(ModelRequest request) throws ModelCallException;
}
