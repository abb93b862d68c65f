package dev.promptcheck.model;

import java.time.Duration;
import java.util.Map;

/**
 * One kind of model service. A new provider is one class implementing this, listed in {@link
 * Providers}.
 */
public interface Provider {
  /** The prefix of model names, as in {@code openai:gpt-4o-mini}. */
  String id();

  /** The environment variable holding the API key, or null when the service needs none. */
  String keyVariable();

  /**
   * Builds a client. {@code env} is the process environment (for base URLs); LangChain4j's own
   * retries must be off: the run stage retries.
   */
  ModelClient create(ModelConfig config, String apiKey, Duration timeout, Map<String, String> env);

  /**
   * The base URL calls for {@code config} go to, as {@link #create} resolves it (null when the
   * service has no configurable one). Part of the response cache's key and of every result.
   */
  default String endpoint(ModelConfig config, Map<String, String> env) {
    return config.baseUrl();
  }

  /**
   * Whether promptcheck sends image parts through this provider. Off unless its LangChain4j adapter
   * is known to carry them: a provider that dropped them would answer a text-only request.
   */
  default boolean takesImages() {
    return false;
  }
}
