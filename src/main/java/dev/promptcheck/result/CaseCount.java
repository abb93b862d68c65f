package dev.promptcheck.result;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a run's headline figures count, in the words every report uses. A <em>case</em> is one row
 * of test data; a <em>trial</em> is a case sent to a model once (repeats are more trials). The
 * run's rates are over <em>results</em>, a case against a model with its repeats rolled up: with
 * one model (or each file on its own model) a result is a case, with two models over the same 13
 * cases there are 26, said "13 cases × 2 models", never "26 cases".
 *
 * @param cases the distinct cases (case ids) of the run
 * @param models the models they ran on
 * @param results the case × model results, decided or not
 * @param decided the results with at least one decided trial: what the pass rate is over
 * @param trials every trial
 */
public record CaseCount(int cases, int models, int results, int decided, int trials) {

  public CaseCount {
    if (cases < 0 || models < 0 || results < cases || decided > results || trials < 0) {
      throw new IllegalArgumentException(
          "cases "
              + cases
              + ", models "
              + models
              + ", results "
              + results
              + ", decided "
              + decided);
    }
  }

  /** The count of {@code outcomes} (by model, then case id) and of their {@code trials}. */
  public static CaseCount of(Map<String, Map<String, CaseOutcome>> outcomes, int trials) {
    Set<String> ids = new HashSet<>();
    int results = 0;
    int decided = 0;
    for (Map<String, CaseOutcome> byCase : outcomes.values()) {
      for (CaseOutcome c : byCase.values()) {
        ids.add(c.caseId());
        results++;
        if (c.decided()) {
          decided++;
        }
      }
    }
    return new CaseCount(ids.size(), outcomes.size(), results, decided, trials);
  }

  /** Whether each case has one result (one model, or each file on its own): results are cases. */
  public boolean resultsAreCases() {
    return results == cases;
  }

  /**
   * {@code n} results in words: "13 cases" when results are cases, "13 cases × 2 models" when
   * {@code n} is every case on every model, else "24 case × model results".
   */
  public String results(int n) {
    if (resultsAreCases()) {
      return n + (n == 1 ? " case" : " cases");
    }
    if (n == cases * models) {
      return cases + (cases == 1 ? " case" : " cases") + " × " + models + " models";
    }
    return n + (n == 1 ? " case × model result" : " case × model results");
  }

  /** The headline: "53.8% of 13 cases × 2 models passed", over the decided results. */
  public String headline(double passRate) {
    return Stats.percent(passRate) + " of " + results(decided) + " passed";
  }

  /** "3 trials", or "" when each result is one trial (no repeats), so it goes without saying. */
  public String trialsIfRepeated() {
    return trials > results ? trials + (trials == 1 ? " trial" : " trials") : "";
  }
}
