package dev.promptcheck.report;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.result.CaseOutcome;
import dev.promptcheck.result.PassRate;
import dev.promptcheck.result.TrialResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each evaluator's pass rate per model, over cases like every other rate (docs/architecture.md §6):
 * the verdicts one evaluator gave a case's repeats roll up into a {@link CaseOutcome} (a skipped
 * check does not count), and {@link PassRate} makes the rate and its case-level 95% interval from
 * those, exactly as it does for a model's overall rate.
 */
record EvaluatorRates(List<String> evaluators, Map<String, Map<String, PassRate>> rates) {

  /** Evaluators in first-seen order; per evaluator, the rate of each model that ran it. */
  static EvaluatorRates of(List<TrialResult> trials) {
    Map<String, Map<String, Map<String, CaseOutcome>>> cases = new LinkedHashMap<>();
    for (TrialResult t : trials) {
      for (Verdict v : t.verdicts()) {
        boolean counts = v.status() != Status.SKIPPED;
        int pass = v.status() == Status.PASS ? 1 : 0;
        cases
            .computeIfAbsent(v.name(), k -> new LinkedHashMap<>())
            .computeIfAbsent(t.model(), k -> new LinkedHashMap<>())
            .merge(
                t.caseId(),
                new CaseOutcome(
                    t.caseId(), t.file(), t.caseLabel(), t.model(), pass, counts ? 1 : 0),
                (a, b) ->
                    new CaseOutcome(
                        a.caseId(),
                        a.file(),
                        a.caseLabel(),
                        a.model(),
                        a.passed() + b.passed(),
                        a.runs() + b.runs()));
      }
    }
    Map<String, Map<String, PassRate>> rates = new LinkedHashMap<>();
    cases.forEach(
        (name, byModel) -> {
          Map<String, PassRate> perModel = new LinkedHashMap<>();
          byModel.forEach((model, outcomes) -> perModel.put(model, PassRate.of(outcomes.values())));
          rates.put(name, perModel);
        });
    return new EvaluatorRates(List.copyOf(rates.keySet()), rates);
  }

  /** The rate of {@code evaluator} for {@code model}, or null when that model never ran it. */
  PassRate rate(String evaluator, String model) {
    return rates.getOrDefault(evaluator, Map.of()).get(model);
  }
}
