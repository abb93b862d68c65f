package dev.promptcheck.model;

import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * Azure OpenAI: a deployment name, {@code AZURE_OPENAI_ENDPOINT} and {@code AZURE_OPENAI_API_KEY}.
 */
final class AzureProvider implements Provider {
  @Override
  public String id() {
    return "azure";
  }

  @Override
  public String keyVariable() {
    return "AZURE_OPENAI_API_KEY";
  }

  @Override
  public String endpoint(ModelConfig c, Map<String, String> env) {
    return c.baseUrl() != null ? c.baseUrl() : env.get("AZURE_OPENAI_ENDPOINT");
  }

  @Override
  public ModelClient create(ModelConfig c, String key, Duration timeout, Map<String, String> env) {
    String endpoint = endpoint(c, env);
    if (endpoint == null) {
      throw new ConfigurationException(
          "azure: set AZURE_OPENAI_ENDPOINT (or baseUrl in promptcheck.yaml) for " + c.ref());
    }
    return new LangChainModelClient(
        AzureOpenAiChatModel.builder()
            .endpoint(endpoint)
            .apiKey(key)
            .deploymentName(c.ref().model())
            .timeout(timeout)
            .maxRetries(0)
            .build());
  }
}
