package dev.promptcheck.eval;

/**
 * One compiled check. Compiled once per prompt file, then called for every trial; must be
 * thread-safe.
 */
public interface Evaluator {
  String name();

  String kind();

  Verdict evaluate(EvaluationInput input);

  /**
   * Whether the check reads the answer's text. An answer that is only tool calls has none, so such
   * a check is an error naming the calls ({@link EvaluationInput#toolCallsOnly()}), never a verdict
   * on the empty string: {@code notContains} would pass it. Checks of the calls themselves, of the
   * call's facts (latency, cost) and checks that never run say false.
   */
  default boolean readsText() {
    return true;
  }
}
