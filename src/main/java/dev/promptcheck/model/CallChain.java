package dev.promptcheck.model;

/** What a {@link CallStep} sees: the request, and the rest of the path after it. */
public interface CallChain {
  ModelRequest request();

  /** Hands {@code request} to the next step and returns its answer. */
  ModelResponse proceed(ModelRequest request) throws ModelCallException;
}
