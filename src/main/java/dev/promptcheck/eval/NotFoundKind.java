package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import java.util.List;

/**
 * A {@code uses:} of no known evaluator, which the parser makes itself: the check fails every trial
 * with score 0 and the reason, and the run goes on, as gh models does (github/gh-models
 * cmd/eval/eval.go:574-579). No key or {@code type:} selects it.
 */
final class NotFoundKind implements EvaluatorKind<EvaluatorSpec.NotFound> {

  @Override
  public String name() {
    return "not-found";
  }

  @Override
  public Class<EvaluatorSpec.NotFound> specType() {
    return EvaluatorSpec.NotFound.class;
  }

  @Override
  public List<String> keys() {
    return List.of();
  }

  @Override
  public List<String> typeAliases() {
    return List.of();
  }

  @Override
  public List<String> fields() {
    return List.of();
  }

  @Override
  public List<EvaluatorSpec.NotFound> parse(EvaluatorEntry entry) {
    return List.of();
  }

  @Override
  public Evaluator compile(EvaluatorSpec.NotFound spec, PromptFile file) {
    return new Evaluator() {
      @Override
      public String name() {
        return spec.name();
      }

      @Override
      public String kind() {
        return spec.kind();
      }

      @Override
      public Verdict evaluate(EvaluationInput input) {
        return new Verdict.Fail(spec.name(), spec.kind(), 0, spec.reason());
      }

      @Override
      public boolean readsText() {
        return false; // it fails for what the file says, whatever the answer
      }
    };
  }
}
