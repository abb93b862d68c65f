package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSyntax;
import dev.promptcheck.suite.PromptFile;

/**
 * One evaluator kind, whole: how it is written and read (its {@link EvaluatorSyntax}: keys, {@code
 * type:} aliases, fields, parser) and what it compiles its spec into. A kind is one class plus one
 * line in {@link EvaluatorKinds}; a kind without a compile side does not compile.
 */
public interface EvaluatorKind<S extends EvaluatorSpec> extends EvaluatorSyntax<S> {

  /**
   * The check for one spec, compiled once per prompt file and then called for every trial.
   *
   * @throws IllegalArgumentException when the spec cannot become a check (a pattern that does not
   *     compile, an invalid schema): reported at the spec's location, and the check reports an
   *     error on every trial
   */
  Evaluator compile(S spec, PromptFile file);

  /** The diagnostic code when {@link #compile} refuses a spec. */
  default String compileErrorCode() {
    return "bad-evaluator";
  }
}
