package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec;

/**
 * A check promptcheck cannot run (python, unknown kinds) or that failed to compile: never a pass.
 */
final class SkippedEvaluator implements Evaluator {
  private final String name;
  private final String kind;
  private final String reason;
  private final boolean broken;

  private SkippedEvaluator(String name, String kind, String reason, boolean broken) {
    this.name = name;
    this.kind = kind;
    this.reason = reason;
    this.broken = broken;
  }

  static SkippedEvaluator unsupported(EvaluatorSpec.Unsupported spec) {
    return new SkippedEvaluator(spec.name(), spec.kind(), spec.reason(), false);
  }

  /** A spec that did not compile: every trial reports an error with the compile message. */
  static SkippedEvaluator broken(EvaluatorSpec spec, String reason) {
    return new SkippedEvaluator(spec.name(), spec.kind(), reason, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Verdict evaluate(EvaluationInput input) {
    return broken ? new Verdict.Error(name, kind, reason) : new Verdict.Skipped(name, kind, reason);
  }

  @Override
  public boolean readsText() {
    return false;
  }
}
