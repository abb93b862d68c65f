package dev.promptcheck.eval;

/**
 * One compiled check. Compiled once per prompt file, then called for every trial; must be
 * thread-safe.
 */
public interface Evaluator {
  String name();

  String kind();

  Verdict evaluate(EvaluationInput input);
}
