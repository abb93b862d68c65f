package dev.promptcheck.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers promptcheck knows, each a small LangChain4j adapter, and the client factory over
 * them.
 */
public final class Providers {

  /** {@code openai:} — OpenAI, or any OpenAI-compatible server through {@code OPENAI_BASE_URL}. */
  public static final Provider OPENAI =
      new OpenAiCompatible(
          "openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", "https://api.openai.com/v1");

  /** {@code github:} — GitHub Models, {@code publisher/model} ids, {@code GITHUB_TOKEN}. */
  public static final Provider GITHUB =
      new OpenAiCompatible(
          "github", "GITHUB_TOKEN", "GITHUB_MODELS_BASE_URL", "https://models.github.ai/inference");

  public static final Provider AZURE =
      new Provider() {
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
        public ModelClient create(
            ModelConfig c, String key, Duration timeout, Map<String, String> env) {
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
      };

  public static final Provider OLLAMA =
      new Provider() {
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
        public ModelClient create(
            ModelConfig c, String key, Duration timeout, Map<String, String> env) {
          String base = endpoint(c, env);
          return new LangChainModelClient(
              OllamaChatModel.builder()
                  .baseUrl(base)
                  .modelName(c.ref().model())
                  .httpClientBuilder(StatusAwareHttpClient.builder())
                  .timeout(timeout)
                  .maxRetries(0)
                  .build());
        }
      };

  public static final Provider ANTHROPIC =
      new Provider() {
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
        public ModelClient create(
            ModelConfig c, String key, Duration timeout, Map<String, String> env) {
          var b =
              AnthropicChatModel.builder()
                  .apiKey(key)
                  .modelName(c.ref().model())
                  .maxTokens(1024)
                  .httpClientBuilder(StatusAwareHttpClient.builder())
                  .timeout(timeout)
                  .maxRetries(0);
          String base = c.baseUrl() != null ? c.baseUrl() : env.get("ANTHROPIC_BASE_URL");
          if (base != null) {
            b.baseUrl(base);
          }
          return new LangChainModelClient(b.build());
        }
      };

  public static final Provider GEMINI =
      new Provider() {
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
          return c.baseUrl() != null
              ? c.baseUrl()
              : "https://generativelanguage.googleapis.com/v1beta";
        }

        @Override
        public ModelClient create(
            ModelConfig c, String key, Duration timeout, Map<String, String> env) {
          var b =
              GoogleAiGeminiChatModel.builder()
                  .apiKey(key)
                  .modelName(c.ref().model())
                  .httpClientBuilder(StatusAwareHttpClient.builder())
                  .timeout(timeout)
                  .maxRetries(0);
          if (c.baseUrl() != null) {
            b.baseUrl(c.baseUrl());
          }
          return new LangChainModelClient(b.build());
        }
      };

  public static final List<Provider> ALL =
      List.of(OPENAI, GITHUB, AZURE, OLLAMA, ANTHROPIC, GEMINI);

  private Providers() {}

  public static Optional<Provider> byId(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * A client for {@code config}, with its key read from the environment. A missing key is a
   * one-line {@link ConfigurationException} naming the variable; servers on loopback need none.
   */
  public static ModelClient create(ModelConfig config, Duration timeout, Map<String, String> env) {
    Provider provider =
        byId(config.ref().provider())
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "unknown provider '"
                            + config.ref().provider()
                            + "' in '"
                            + config.name()
                            + "' (providers: "
                            + String.join(", ", ALL.stream().map(Provider::id).toList())
                            + ")"));
    return provider.create(config, apiKey(provider, config, env), timeout, env);
  }

  /**
   * Where calls for {@code config} go (its base URL), read from the configuration and the
   * environment as the provider's client does; no key is needed to know it.
   */
  public static String endpoint(ModelConfig config, Map<String, String> env) {
    return byId(config.ref().provider()).map(p -> p.endpoint(config, env)).orElse(config.baseUrl());
  }

  /** The key for {@code config}, or throws naming the variable to set. */
  public static String apiKey(Provider provider, ModelConfig config, Map<String, String> env) {
    String variable = config.keyVariable() != null ? config.keyVariable() : provider.keyVariable();
    if (variable == null) {
      return null;
    }
    String key = env.get(variable);
    if (key != null && !key.isBlank()) {
      return key;
    }
    if (provider instanceof OpenAiCompatible o && isLoopback(o.baseUrl(config, env))) {
      return "no-key-needed-on-loopback";
    }
    throw new ConfigurationException(
        config.name() + " needs an API key: set the environment variable " + variable);
  }

  static boolean isLoopback(String url) {
    try {
      String host = URI.create(url).getHost();
      return host != null
          && (host.equals("localhost")
              || host.startsWith("127.")
              || host.equals("[::1]")
              || host.equals("::1"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private record OpenAiCompatible(
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

    @Override
    public ModelClient create(
        ModelConfig c, String key, Duration timeout, Map<String, String> env) {
      return new LangChainModelClient(
          OpenAiChatModel.builder()
              .baseUrl(baseUrl(c, env))
              .apiKey(key)
              .modelName(c.ref().model())
              .httpClientBuilder(StatusAwareHttpClient.builder())
              .timeout(timeout)
              .maxRetries(0)
              .build());
    }
  }
}
