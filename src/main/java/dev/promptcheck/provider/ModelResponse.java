package dev.promptcheck.provider;

/** What a model answered. Token counts are null when the provider does not report them. */
public record ModelResponse(String text, String finishReason, Integer inputTokens, Integer outputTokens, long latencyMs) {

  public ModelResponse withLatency(long ms) {
    return new ModelResponse(text, finishReason, inputTokens, outputTokens, ms);
  }
}
