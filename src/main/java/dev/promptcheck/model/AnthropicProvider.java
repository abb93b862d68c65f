package dev.promptcheck.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import java.time.Duration;
import java.util.Map;

/** Anthropic's Messages API, {@code ANTHROPIC_API_KEY}. */
final class AnthropicProvider implements Provider {
  @Override
  public String id() {
    return "anthropic";
  }

  @Override
  public String keyVariable() {
    return "ANTHROPIC_API_KEY";
  }

  @Override
  public String endpoint(ModelConfig c, Map<String, String> env) {
    String base = c.baseUrl() != null ? c.baseUrl() : env.get("ANTHROPIC_BASE_URL");
    return base != null ? base : "https://api.anthropic.com/v1/";
  }

  @Override
  public ModelClient create(ModelConfig c, String key, Duration timeout, Map<String, String> env) {
    var b =
        AnthropicChatModel.builder()
            .apiKey(key)
            .modelName(c.ref().model())
            .maxTokens(1024)
            .httpClientBuilder(OkHttpTransport.builder())
            .timeout(timeout)
            .maxRetries(0);
    String base = c.baseUrl() != null ? c.baseUrl() : env.get("ANTHROPIC_BASE_URL");
    if (base != null) {
      b.baseUrl(base);
    }
    return new LangChainModelClient(b.build());
  }
}
