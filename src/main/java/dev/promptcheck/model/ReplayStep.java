package dev.promptcheck.model;

import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.support.Texts;

/**
 * The end of the path under {@code --replay DIR}: answers from the recordings only; a request with
 * no recording is an error that names it and says how to record it. Nothing is called.
 */
public final class ReplayStep implements CallStep {
  private final ResponseStore store;

  public ReplayStep(ResponseStore store) {
    this.store = store;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    ModelRequest request = chain.request();
    RequestKey key = RequestKey.forRecording(request);
    return store
        .get(key, Source.REPLAY)
        .orElseThrow(
            () ->
                new ModelCallException(
                        ModelCallException.Kind.NO_RECORDING,
                        "no recording in "
                            + store.dir()
                            + " for "
                            + request.model()
                            + " request "
                            + key.hash()
                            + " (last message: "
                            + preview(request)
                            + "); record it with --record "
                            + store.dir())
                    .afterAttempts(0));
  }

  private static String preview(ModelRequest request) {
    if (request.messages().isEmpty()) {
      return "none";
    }
    RenderedMessage last = request.messages().get(request.messages().size() - 1);
    return "'" + Texts.oneLine(last.content(), 60) + "'";
  }
}
