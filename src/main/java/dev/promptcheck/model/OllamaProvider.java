package dev.promptcheck.model;

import dev.langchain4j.model.ollama.OllamaChatModel;
import java.time.Duration;
import java.util.Map;

/** Ollama on its local port (or {@code OLLAMA_BASE_URL}); no key. */
final class OllamaProvider implements Provider {
  @Override
  public String id() {
    return "ollama";
  }

  @Override
  public String keyVariable() {
    return null;
  }

  @Override
  public String endpoint(ModelConfig c, Map<String, String> env) {
    return c.baseUrl() != null
        ? c.baseUrl()
        : env.getOrDefault("OLLAMA_BASE_URL", "http://localhost:11434");
  }

  @Override
  public ModelClient create(ModelConfig c, String key, Duration timeout, Map<String, String> env) {
    String base = endpoint(c, env);
    return new LangChainModelClient(
        OllamaChatModel.builder()
            .baseUrl(base)
            .modelName(c.ref().model())
            .httpClientBuilder(OkHttpTransport.builder())
            .timeout(timeout)
            .maxRetries(0)
            .build());
  }
}
