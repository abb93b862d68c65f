package dev.promptcheck.model;

/**
 * What a model answered. Token counts are null when the provider does not report them. {@code
 * replayed} is true when the answer came from the cache or a recording rather than a live call.
 */
public record ModelResponse(
    String text,
    String finishReason,
    Integer inputTokens,
    Integer outputTokens,
    long latencyMs,
    boolean replayed) {

  public ModelResponse(
      String text, String finishReason, Integer inputTokens, Integer outputTokens, long latencyMs) {
    this(text, finishReason, inputTokens, outputTokens, latencyMs, false);
  }
}
