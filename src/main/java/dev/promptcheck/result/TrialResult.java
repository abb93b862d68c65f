package dev.promptcheck.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.model.ToolCall;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.support.FrozenMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one trial (prompt file × model × case × repeat): what was sent, what came back,
 * how each check judged it. {@code caseId} is stable across runs (file + case content), so runs can
 * be compared even when cases are reordered. {@code error} is set only for broken calls. The call's
 * facts come from the call path: {@code attempts} (live calls made), {@code source} (where the
 * answer came from: a live call, the cache or a replay; null when there is no answer, or in files
 * written before it was recorded), {@code endpoint} (the base URL, null when unknown) and {@code
 * modelVersion} (the model version the provider reported: null when it reported none, or in files
 * written before it was recorded). {@code toolCalls} are the tools the model called (empty when
 * none; then {@code output} is its text, which may be empty when it only called tools).
 */
public record TrialResult(
    String trialId,
    String caseId,
    String file,
    String prompt,
    String model,
    int caseIndex,
    String caseLabel,
    int repeat,
    Map<String, String> vars,
    List<RenderedMessage> messages,
    Status status,
    String output,
    List<Verdict> verdicts,
    long latencyMs,
    Integer inputTokens,
    Integer outputTokens,
    Double cost,
    String finishReason,
    String error,
    int attempts,
    Source source,
    String endpoint,
    Map<String, Object> testCase,
    ModelVersion modelVersion,
    List<ToolCall> toolCalls) {

  /**
   * {@code testCase}: the variables with the types the test data gave them (numbers stay numbers),
   * as {@code results.json} prints them; text where a value came from {@code --var} or a default.
   */
  public TrialResult {
    // frozen (compact, in the given order): a run holds every trial until its reports are written
    vars = vars == null ? null : FrozenMap.of(vars);
    testCase = FrozenMap.of(testCase == null ? vars : testCase);
    toolCalls = toolCalls == null || toolCalls.isEmpty() ? List.of() : List.copyOf(toolCalls);
  }

  /** A trial whose model called no tools. */
  public TrialResult(
      String trialId,
      String caseId,
      String file,
      String prompt,
      String model,
      int caseIndex,
      String caseLabel,
      int repeat,
      Map<String, String> vars,
      List<RenderedMessage> messages,
      Status status,
      String output,
      List<Verdict> verdicts,
      long latencyMs,
      Integer inputTokens,
      Integer outputTokens,
      Double cost,
      String finishReason,
      String error,
      int attempts,
      Source source,
      String endpoint,
      Map<String, Object> testCase,
      ModelVersion modelVersion) {
    this(
        trialId,
        caseId,
        file,
        prompt,
        model,
        caseIndex,
        caseLabel,
        repeat,
        vars,
        messages,
        status,
        output,
        verdicts,
        latencyMs,
        inputTokens,
        outputTokens,
        cost,
        finishReason,
        error,
        attempts,
        source,
        endpoint,
        testCase,
        modelVersion,
        List.of());
  }

  /** A trial whose provider reported no model version. */
  public TrialResult(
      String trialId,
      String caseId,
      String file,
      String prompt,
      String model,
      int caseIndex,
      String caseLabel,
      int repeat,
      Map<String, String> vars,
      List<RenderedMessage> messages,
      Status status,
      String output,
      List<Verdict> verdicts,
      long latencyMs,
      Integer inputTokens,
      Integer outputTokens,
      Double cost,
      String finishReason,
      String error,
      int attempts,
      Source source,
      String endpoint,
      Map<String, Object> testCase) {
    this(
        trialId,
        caseId,
        file,
        prompt,
        model,
        caseIndex,
        caseLabel,
        repeat,
        vars,
        messages,
        status,
        output,
        verdicts,
        latencyMs,
        inputTokens,
        outputTokens,
        cost,
        finishReason,
        error,
        attempts,
        source,
        endpoint,
        testCase,
        null);
  }

  /**
   * The variables as the case typed them: a value the row gave keeps its YAML type unless something
   * else ({@code --var}) replaced it.
   */
  public static Map<String, Object> typed(Map<String, String> vars, Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean retyped = false;
    for (Map.Entry<String, String> e : vars.entrySet()) {
      String v = e.getValue();
      Object typed = values.get(e.getKey());
      boolean same = typed != null && !(typed instanceof String) && v.equals(textOf(typed));
      retyped |= same;
      out.put(e.getKey(), same ? typed : v);
    }
    if (!retyped && vars instanceof FrozenMap<String, String> frozen) {
      // every value is the text itself: the trial's frozen vars serve as its typed case too
      @SuppressWarnings("unchecked") // immutable: nothing can put a non-String into it
      Map<String, Object> same = (Map<String, Object>) (Map<String, ?>) frozen;
      return same;
    }
    return out;
  }

  private static String textOf(Object value) {
    if (value instanceof Map || value instanceof List) {
      try {
        return ResultCodec.JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        return String.valueOf(value);
      }
    }
    return String.valueOf(value);
  }

  /**
   * The tool calls as reports show them, one per line ({@code get_weather({"city":"Oslo"})}); null
   * when the model called none.
   */
  public String toolCallsShown() {
    return toolCalls.isEmpty()
        ? null
        : toolCalls.stream().map(ToolCall::toString).collect(Collectors.joining("\n"));
  }

  /** True when the answer came from the cache or a recording rather than a live call. */
  public boolean replayed() {
    return source == Source.CACHE || source == Source.REPLAY;
  }

  /** The checks that did not pass, for summaries. */
  public List<Verdict> failing() {
    return verdicts.stream()
        .filter(v -> v.status() == Status.FAIL || v.status() == Status.ERROR)
        .toList();
  }

  /** The suite this trial belongs to in reports: one prompt file against one model. */
  public String suiteKey() {
    return file + " \u00d7 " + model;
  }
}
