package dev.promptcheck.eval;

import dev.promptcheck.model.ToolCall;
import java.util.List;
import java.util.Map;

/**
 * What an evaluator sees of a trial: the output (trimmed), the case's variables (including {@code
 * expected}), the tools the model called (empty when none), and the call's facts. {@code
 * outputTokens} and {@code cost} are null when unknown.
 */
public record EvaluationInput(
    String output,
    Map<String, String> vars,
    long latencyMs,
    Integer outputTokens,
    Double cost,
    Judges judges,
    List<ToolCall> toolCalls) {

  /**
   * Every check sees the output trimmed, as gh models trims the response before it evaluates or
   * reports it (github/gh-models cmd/eval/eval.go:419).
   */
  public EvaluationInput {
    output = output == null ? "" : output.strip();
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** An answer without tool calls. */
  public EvaluationInput(
      String output,
      Map<String, String> vars,
      long latencyMs,
      Integer outputTokens,
      Double cost,
      Judges judges) {
    this(output, vars, latencyMs, outputTokens, cost, judges, List.of());
  }

  /** True when the model only called tools: there is no text for a text check to read. */
  public boolean toolCallsOnly() {
    return !toolCalls.isEmpty() && output.isEmpty();
  }

  public static EvaluationInput of(String output, Map<String, String> vars) {
    return new EvaluationInput(output, vars, 0, null, null, Judges.NONE);
  }

  /**
   * Variables for judge prompts and operands: the case's, plus {@code completion}, which is always
   * the output (gh models sets it over the case's data, github/gh-models cmd/eval/eval.go:509-513).
   * {@code output} is the model's output only when the case has no variable of that name: a
   * test-data {@code output} keeps its value, as it does in gh.
   */
  public String lookup(String name) {
    if (name.equals("completion")) {
      return output;
    }
    String value = vars.get(name);
    if (value == null && name.equals("output")) {
      return output;
    }
    return value;
  }
}
