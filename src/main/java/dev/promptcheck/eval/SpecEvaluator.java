package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec;

/** An evaluator compiled from a spec: its name and kind are the spec's. */
abstract class SpecEvaluator<S extends EvaluatorSpec> implements Evaluator {
  protected final S spec;

  SpecEvaluator(S spec) {
    this.spec = spec;
  }

  @Override
  public final String name() {
    return spec.name();
  }

  @Override
  public final String kind() {
    return spec.kind();
  }
}
