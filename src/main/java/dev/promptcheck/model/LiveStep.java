package dev.promptcheck.model;

import dev.promptcheck.model.ModelResponse.Source;

/**
 * The end of the path when models are called: one call of the provider's (or a library user's)
 * client, its answer marked as live and as coming from {@code endpoint}.
 */
public final class LiveStep implements CallStep {
  private final ModelClient client;
  private final String endpoint;

  public LiveStep(ModelClient client, String endpoint) {
    this.client = client;
    this.endpoint = endpoint;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    ModelResponse response = client.complete(chain.request()).withSource(Source.LIVE);
    return endpoint != null && response.endpoint() == null
        ? response.withEndpoint(endpoint)
        : response;
  }
}
