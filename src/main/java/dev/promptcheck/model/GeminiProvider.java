package dev.promptcheck.model;

import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import java.time.Duration;
import java.util.Map;

/** Google AI Gemini, {@code GEMINI_API_KEY}. */
final class GeminiProvider implements Provider {
  @Override
  public String id() {
    return "gemini";
  }

  @Override
  public String keyVariable() {
    return "GEMINI_API_KEY";
  }

  @Override
  public String endpoint(ModelConfig c, Map<String, String> env) {
    return c.baseUrl() != null ? c.baseUrl() : "https://generativelanguage.googleapis.com/v1beta";
  }

  @Override
  public ModelClient create(ModelConfig c, String key, Duration timeout, Map<String, String> env) {
    var b =
        GoogleAiGeminiChatModel.builder()
            .apiKey(key)
            .modelName(c.ref().model())
            .httpClientBuilder(OkHttpTransport.builder())
            .timeout(timeout)
            .maxRetries(0);
    if (c.baseUrl() != null) {
      b.baseUrl(c.baseUrl());
    }
    return new LangChainModelClient(b.build());
  }
}
