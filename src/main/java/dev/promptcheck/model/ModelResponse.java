package dev.promptcheck.model;

import java.util.List;
import java.util.Locale;

/**
 * What a model answered, and the facts of the call that produced it. Token counts are null when the
 * provider does not report them. The call facts travel on the response (never in a thread-local),
 * set by the steps of the call path that know them: {@code source} (a live call, the response cache
 * or a {@code --replay} recording), {@code attempts} (live calls made, retries included; 0 when
 * nothing was called), {@code endpoint} (the base URL the answer is from, null when unknown),
 * {@code latencyMs} (request sent to response read, connection set-up excluded), {@code version}
 * (the model version the provider reported, null when it reported none) and {@code rateLimits}
 * (what the answer's headers said of the model's remaining allowance, {@link RateLimits#NONE} when
 * nothing), which the gate paces the model's next calls by. {@code toolCalls} are the tools the
 * model called, in its order (empty when it called none; then {@code text} may be empty).
 */
public record ModelResponse(
    String text,
    String finishReason,
    Integer inputTokens,
    Integer outputTokens,
    long latencyMs,
    Source source,
    int attempts,
    String endpoint,
    ModelVersion version,
    RateLimits rateLimits,
    List<ToolCall> toolCalls) {

  /** Where an answer came from. */
  public enum Source {
    LIVE,
    CACHE,
    REPLAY;

    // made once: every trial's JSON and every report line asks for it
    private final String id = name().toLowerCase(Locale.ROOT);

    /** The word results.json and the reports use. */
    public String id() {
      return id;
    }

    /** {@code null} or an unknown word reads as null: the answer's source was not recorded. */
    public static Source parse(String id) {
      if (id == null) {
        return null;
      }
      for (Source s : values()) {
        if (s.id().equals(id)) {
          return s;
        }
      }
      return null;
    }
  }

  public ModelResponse {
    if (source == null) {
      throw new IllegalArgumentException("a response needs its source");
    }
    if (rateLimits == null) {
      rateLimits = RateLimits.NONE;
    }
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** An answer without tool calls. */
  public ModelResponse(
      String text,
      String finishReason,
      Integer inputTokens,
      Integer outputTokens,
      long latencyMs,
      Source source,
      int attempts,
      String endpoint,
      ModelVersion version,
      RateLimits rateLimits) {
    this(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        rateLimits,
        List.of());
  }

  /** An answer whose headers said nothing of the allowance (a cached or recorded one). */
  public ModelResponse(
      String text,
      String finishReason,
      Integer inputTokens,
      Integer outputTokens,
      long latencyMs,
      Source source,
      int attempts,
      String endpoint,
      ModelVersion version) {
    this(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        RateLimits.NONE);
  }

  /** A live answer, as a {@link ModelClient} returns it; the call path fills in the other facts. */
  public ModelResponse(
      String text, String finishReason, Integer inputTokens, Integer outputTokens, long latencyMs) {
    this(text, finishReason, inputTokens, outputTokens, latencyMs, Source.LIVE, 1, null, null);
  }

  /** True when the answer did not come from a live call. */
  public boolean replayed() {
    return source != Source.LIVE;
  }

  public ModelResponse withSource(Source source) {
    return new ModelResponse(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        rateLimits,
        toolCalls);
  }

  public ModelResponse withAttempts(int attempts) {
    return new ModelResponse(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        rateLimits,
        toolCalls);
  }

  public ModelResponse withEndpoint(String endpoint) {
    return new ModelResponse(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        rateLimits,
        toolCalls);
  }

  public ModelResponse withVersion(ModelVersion version) {
    return new ModelResponse(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        rateLimits,
        toolCalls);
  }

  public ModelResponse withRateLimits(RateLimits rateLimits) {
    return new ModelResponse(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        rateLimits,
        toolCalls);
  }

  public ModelResponse withToolCalls(List<ToolCall> toolCalls) {
    return new ModelResponse(
        text,
        finishReason,
        inputTokens,
        outputTokens,
        latencyMs,
        source,
        attempts,
        endpoint,
        version,
        rateLimits,
        toolCalls);
  }

  /** True when the model called tools and wrote no text: text checks have nothing to read. */
  public boolean toolCallsOnly() {
    return !toolCalls.isEmpty() && text.isBlank();
  }
}
