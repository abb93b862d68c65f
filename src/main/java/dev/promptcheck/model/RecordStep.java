package dev.promptcheck.model;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code --record DIR}: saves every answer that reaches it, whichever step produced it (a live
 * call, the cache, a replay), so a later {@code --replay DIR} finds every trial of this run.
 */
public final class RecordStep implements CallStep {
  private final ResponseStore store;

  public RecordStep(ResponseStore store) {
    this.store = store;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    ModelRequest request = chain.request();
    ModelResponse response = chain.proceed(request);
    String label =
        "recorded from "
            + request.model()
            + " by promptcheck"
            + (response.replayed() ? " (answered from the " + response.source().id() + ")" : "");
    try {
      store.put(RequestKey.forRecording(request), response, label);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording in " + store.dir(), e);
    }
    return response;
  }
}
