package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec;
import java.util.Locale;

/** Limits on the trial itself: latency, cost and output tokens. Unknown figures skip the check. */
final class LimitEvaluator extends SpecEvaluator<EvaluatorSpec.Limit> {

  LimitEvaluator(EvaluatorSpec.Limit spec) {
    super(spec);
  }

  @Override
  public Verdict evaluate(EvaluationInput input) {
    Double actual =
        switch (spec.limit()) {
          case LATENCY_MS -> (double) input.latencyMs();
          case COST -> input.cost();
          case OUTPUT_TOKENS ->
              input.outputTokens() == null ? null : input.outputTokens().doubleValue();
        };
    String unit =
        switch (spec.limit()) {
          case LATENCY_MS -> " ms";
          case COST -> " USD";
          case OUTPUT_TOKENS -> " output tokens";
        };
    if (actual == null) {
      return new Verdict.Skipped(
          name(),
          kind(),
          spec.limit() == EvaluatorSpec.LimitKind.COST
              ? "cost unknown: no price configured for this model in promptcheck.yaml"
              : "the provider reported no token counts");
    }
    String figures = fmt(actual) + unit + " (limit " + fmt(spec.max()) + unit + ")";
    return Verdict.of(actual <= spec.max(), name(), kind(), figures);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.6f", d);
  }

  @Override
  public boolean readsText() {
    return false;
  }
}
