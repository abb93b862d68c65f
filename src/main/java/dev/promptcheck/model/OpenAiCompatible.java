package dev.promptcheck.model;

import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * {@code openai:} and {@code github:}: the OpenAI chat-completions API at a base URL from the
 * configuration, the environment or the service's own; any OpenAI-compatible server.
 */
record OpenAiCompatible(
    String id, String keyVariable, String baseUrlVariable, String defaultBaseUrl)
    implements Provider {
  @Override
  public String endpoint(ModelConfig c, Map<String, String> env) {
    return baseUrl(c, env);
  }

  String baseUrl(ModelConfig c, Map<String, String> env) {
    if (c.baseUrl() != null) {
      return c.baseUrl();
    }
    String fromEnv = env.get(baseUrlVariable);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : defaultBaseUrl;
  }

  /** LangChain4j's OpenAI adapter sends an ImageContent as an image_url part (a data URL). */
  @Override
  public boolean takesImages() {
    return true;
  }

  @Override
  public ModelClient create(ModelConfig c, String key, Duration timeout, Map<String, String> env) {
    return new LangChainModelClient(
        OpenAiChatModel.builder()
            .baseUrl(baseUrl(c, env))
            .apiKey(key)
            .modelName(c.ref().model())
            .httpClientBuilder(OkHttpTransport.builder())
            .timeout(timeout)
            .maxRetries(0)
            .build());
  }
}
