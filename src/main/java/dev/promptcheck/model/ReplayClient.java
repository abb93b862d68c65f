package dev.promptcheck.model;

import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.support.Texts;

/**
 * Answers from {@code --replay DIR} only; a request with no recording is an error that names it.
 */
public final class ReplayClient implements ModelClient {
  private final ResponseStore store;

  public ReplayClient(ResponseStore store) {
    this.store = store;
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    String key = RequestKey.of(request);
    return store
        .get(key)
        .orElseThrow(
            () ->
                new ModelCallException(
                    ModelCallException.Kind.NO_RECORDING,
                    "no recording in "
                        + store.dir()
                        + " for "
                        + request.model()
                        + " request "
                        + key
                        + " (last message: "
                        + preview(request)
                        + "); record it with --record "
                        + store.dir()));
  }

  private static String preview(ModelRequest request) {
    if (request.messages().isEmpty()) {
      return "none";
    }
    RenderedMessage last = request.messages().get(request.messages().size() - 1);
    return "'" + Texts.oneLine(last.content(), 60) + "'";
  }
}
