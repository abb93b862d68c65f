package dev.promptcheck.model;

/** Saves every successful response under {@code --record DIR}, then passes it on. */
public final class RecordingClient implements ModelClient {
  private final ModelClient delegate;
  private final ResponseStore store;

  public RecordingClient(ModelClient delegate, ResponseStore store) {
    this.delegate = delegate;
    this.store = store;
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    ModelResponse response = delegate.complete(request);
    if (!response.replayed()) {
      store.put(
          RequestKey.of(request),
          request,
          response,
          "recorded from " + request.model() + " by promptcheck");
    }
    return response;
  }
}
