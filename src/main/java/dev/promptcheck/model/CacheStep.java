package dev.promptcheck.model;

import dev.promptcheck.model.ModelResponse.Source;
import java.util.Optional;

/**
 * The response cache on the path: a hit answers at once (no gate, no retry, no call); a live answer
 * is stored. The key includes the endpoint, so the same model name on two servers never shares
 * answers. With {@code readHits} off ({@code --cache refresh}) every request is called and the
 * stored answer replaced.
 */
public final class CacheStep implements CallStep {
  private final ResponseCache cache;
  private final boolean readHits;
  private final String endpoint;

  public CacheStep(ResponseCache cache, boolean readHits, String endpoint) {
    this.cache = cache;
    this.readHits = readHits;
    this.endpoint = endpoint;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    ModelRequest request = chain.request();
    RequestKey key = RequestKey.forCache(request, endpoint);
    if (readHits) {
      Optional<ModelResponse> hit = cache.get(key);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    ModelResponse response = chain.proceed(request);
    if (response.source() == Source.LIVE) {
      cache.put(key, response, "cached response from " + request.model());
    }
    return response;
  }
}
