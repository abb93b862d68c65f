package dev.promptcheck.eval;

import java.util.Map;

/**
 * What an evaluator sees of a trial: the output, the case's variables (including {@code expected}),
 * and the call's facts. {@code outputTokens} and {@code cost} are null when unknown.
 */
public record EvaluationInput(
    String output,
    Map<String, String> vars,
    long latencyMs,
    Integer outputTokens,
    Double cost,
    Judges judges) {

  public static EvaluationInput of(String output, Map<String, String> vars) {
    return new EvaluationInput(output, vars, 0, null, null, Judges.NONE);
  }

  /** Variables for judge prompts and operands: the case's, plus {@code completion}. */
  public String lookup(String name) {
    if (name.equals("completion") || name.equals("output")) {
      return output;
    }
    return vars.get(name);
  }
}
