package dev.promptcheck.run;

import dev.promptcheck.model.ModelClient;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.RequestKey;
import dev.promptcheck.model.ResponseStore;
import java.util.Optional;

/**
 * The on-disk response cache: a hit never reaches the provider; only successful answers are stored.
 */
final class CachingClient implements ModelClient {
  private final ModelClient delegate;
  private final ResponseStore store;
  private final CacheMode mode;

  CachingClient(ModelClient delegate, ResponseStore store, CacheMode mode) {
    this.delegate = delegate;
    this.store = store;
    this.mode = mode;
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    String key = RequestKey.of(request);
    if (mode == CacheMode.ON) {
      Optional<ModelResponse> hit = store.get(key);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    ModelResponse response = delegate.complete(request);
    if (!response.replayed()) {
      store.put(key, request, response, "cached response from " + request.model());
    }
    return response;
  }
}
