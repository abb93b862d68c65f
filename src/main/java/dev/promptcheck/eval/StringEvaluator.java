package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSpec.StringCheck;
import dev.promptcheck.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * String checks with {@code gh models eval}'s rules: the output is trimmed (github/gh-models
 * cmd/eval/eval.go:419); {@code equals} is exact and its operand is compared as written, not
 * trimmed (eval.go:468); every other check ignores case (eval.go:475-489). Operands may hold {@code
 * {{var}}} slots, filled from the case as gh fills them (eval.go:464).
 */
final class StringEvaluator extends SpecEvaluator<EvaluatorSpec.Text> {
  private final List<Template> operands;

  StringEvaluator(EvaluatorSpec.Text spec) {
    super(spec);
    this.operands = spec.checks().stream().map(c -> Template.parse(c.operand())).toList();
  }

  @Override
  public Verdict evaluate(EvaluationInput input) {
    String output = input.output();
    String lower = output.toLowerCase(Locale.ROOT);
    List<String> failures = new ArrayList<>();
    List<String> passes = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      StringCheck check = spec.checks().get(i);
      String operand = operands.get(i).renderLenient(input::lookup);
      String o = operand.toLowerCase(Locale.ROOT);
      boolean ok =
          switch (check.op()) {
            case EQUALS -> output.equals(operand);
            case CONTAINS -> lower.contains(o);
            case NOT_CONTAINS -> !lower.contains(o);
            case STARTS_WITH -> lower.startsWith(o);
            case ENDS_WITH -> lower.endsWith(o);
          };
      String what = check.op().id + " " + Explain.quote(operand, 60);
      (ok ? passes : failures).add(what);
    }
    if (failures.isEmpty()) {
      return new Verdict.Pass(name(), kind(), 1, "output " + String.join(", ", passes));
    }
    double score = (double) passes.size() / operands.size();
    return new Verdict.Fail(
        name(),
        kind(),
        score,
        "output fails "
            + String.join(", ", failures)
            + (output.isEmpty() ? " (the output is empty)" : ""));
  }
}
