package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case against one model with its repeats rolled up: of the {@code runs} trials that reached a
 * verdict (pass, fail or error; skipped ones do not count), {@code passed} passed. Statistics are
 * over these, never over trials: five repeats of one case are one observation, not five
 * (docs/architecture.md §6).
 *
 * @param cluster the group of cases this one is not independent of ({@code --cluster-by KEY}: the
 *     value of that testData key), or null when the case stands alone
 */
public record CaseOutcome(
    String caseId,
    String file,
    String caseLabel,
    String model,
    int passed,
    int runs,
    String cluster) {

  /** A case that stands alone. */
  public CaseOutcome(
      String caseId, String file, String caseLabel, String model, int passed, int runs) {
    this(caseId, file, caseLabel, model, passed, runs, null);
  }

  public CaseOutcome {
    if (passed < 0 || runs < 0 || passed > runs) {
      throw new IllegalArgumentException("passed " + passed + " of " + runs + " runs");
    }
  }

  /** The share of this case's decided runs that passed; 0 when none was decided. */
  public double fraction() {
    return runs == 0 ? 0 : (double) passed / runs;
  }

  /** Whether any run reached a verdict; a case whose runs were all skipped is left out. */
  public boolean decided() {
    return runs > 0;
  }

  public boolean majorityPass() {
    return 2 * passed > runs;
  }

  public boolean majorityFail() {
    return 2 * passed < runs;
  }

  /** Passed in some repeats and not in others. */
  public boolean flaky() {
    return passed > 0 && passed < runs;
  }

  /** "3/5": how a report shows the repeats of one case. */
  public String rollup() {
    return passed + "/" + runs;
  }

  /** "pass" or "fail" for a case run once, else the rollup ("3/5"). */
  public String describe() {
    return runs == 1 ? (passed == 1 ? "pass" : "fail") : rollup();
  }

  /** Rolls trials up into cases, grouped by model then case id, both in first-seen order. */
  public static Map<String, Map<String, CaseOutcome>> byModel(List<TrialResult> trials) {
    return byModel(trials, null);
  }

  /**
   * As {@link #byModel(List)}, each case in the cluster its testData value of {@code clusterBy}
   * names (null: no clusters; a case without the key stands alone).
   */
  public static Map<String, Map<String, CaseOutcome>> byModel(
      List<TrialResult> trials, String clusterBy) {
    Map<String, Map<String, CaseOutcome>> out = new LinkedHashMap<>();
    for (TrialResult t : trials) {
      boolean counts = t.status() != Status.SKIPPED;
      int pass = t.status() == Status.PASS ? 1 : 0;
      out.computeIfAbsent(t.model(), m -> new LinkedHashMap<>())
          .merge(
              t.caseId(),
              new CaseOutcome(
                  t.caseId(),
                  t.file(),
                  t.caseLabel(),
                  t.model(),
                  pass,
                  counts ? 1 : 0,
                  clusterOf(t, clusterBy)),
              CaseOutcome::plus);
    }
    return out;
  }

  /** The trial's value of the testData key {@code clusterBy}, or null when it has none. */
  static String clusterOf(TrialResult t, String clusterBy) {
    if (clusterBy == null) {
      return null;
    }
    Object value = t.testCase().get(clusterBy);
    return value == null ? null : String.valueOf(value);
  }

  private CaseOutcome plus(CaseOutcome other) {
    return new CaseOutcome(
        caseId, file, caseLabel, model, passed + other.passed, runs + other.runs, cluster);
  }
}
