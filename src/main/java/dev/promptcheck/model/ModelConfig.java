package dev.promptcheck.model;

/**
 * How to reach one model: its provider and id, an optional base URL and key variable (each provider
 * has defaults), prices in USD per million input/output tokens, and limits of its own: calls in
 * flight ({@code concurrency}) and requests per minute. A limit left null takes the run's ({@code
 * --concurrency}, {@code --rpm}).
 */
public record ModelConfig(
    String name,
    ModelRef ref,
    String baseUrl,
    String keyVariable,
    Double inputPricePerMillion,
    Double outputPricePerMillion,
    Integer concurrency,
    Integer requestsPerMinute) {

  public static ModelConfig of(ModelRef ref) {
    return new ModelConfig(ref.id(), ref, null, null, null, null, null, null);
  }

  /** The call's cost in USD, or null when prices or token counts are unknown. */
  public Double cost(Integer inputTokens, Integer outputTokens) {
    if (inputPricePerMillion == null
        || outputPricePerMillion == null
        || inputTokens == null
        || outputTokens == null) {
      return null;
    }
    return (inputTokens * inputPricePerMillion + outputTokens * outputPricePerMillion)
        / 1_000_000.0;
  }
}
