package dev.promptcheck.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers promptcheck knows, each one class (a small LangChain4j adapter) listed once in
 * {@link #ALL}, and the client factory over them.
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

  public static final Provider AZURE = new AzureProvider();

  public static final Provider OLLAMA = new OllamaProvider();

  public static final Provider ANTHROPIC = new AnthropicProvider();

  public static final Provider GEMINI = new GeminiProvider();

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
        config.name()
            + " needs an API key: set the environment variable "
            + variable
            + whereToGet(provider, variable, env));
  }

  /**
   * Where a GitHub token is to be had when the user already has one: gh users are signed in to the
   * GitHub CLI (gh-models takes gh's own token, cmd/root.go:41), and a workflow job has one once it
   * may read models (gh-models examples/evals_action.yml:10). Empty for other providers.
   */
  private static String whereToGet(Provider provider, String variable, Map<String, String> env) {
    if (provider != GITHUB) {
      return "";
    }
    if ("true".equals(env.get("GITHUB_ACTIONS"))) {
      return " (in a workflow: env: "
          + variable
          + ": ${{ secrets.GITHUB_TOKEN }} on the step, and permissions: models: read on the job)";
    }
    return " (signed in to the GitHub CLI: export " + variable + "=$(gh auth token))";
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
}
