package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run against a baseline. Trials are matched by stable case id (file + case content), model and
 * repeat, never by position: a regression passed before and does not now; a fix is the reverse.
 */
public record Comparison(
    String baselineRunId,
    List<Change> regressions,
    List<Change> fixes,
    List<Change> added,
    List<Change> removed,
    List<ModelDelta> models) {

  public static final Comparison NONE =
      new Comparison(null, List.of(), List.of(), List.of(), List.of(), List.of());

  /**
   * One trial whose outcome differs between the runs; {@code before} or {@code after} is null when
   * absent.
   */
  public record Change(
      String key,
      String file,
      String model,
      String caseLabel,
      Status before,
      Status after,
      String reason) {}

  /** A model's pass rate before and after, with the two-sided p-value of the difference. */
  public record ModelDelta(
      String model, double before, int beforeN, double after, int afterN, double pValue) {
    public boolean significant() {
      return pValue < 0.05;
    }
  }

  public boolean present() {
    return baselineRunId != null;
  }

  public static Comparison of(RunResult baseline, RunResult current) {
    Map<String, TrialResult> old = index(baseline);
    Map<String, TrialResult> now = index(current);
    List<Change> regressions = new ArrayList<>();
    List<Change> fixes = new ArrayList<>();
    List<Change> added = new ArrayList<>();
    List<Change> removed = new ArrayList<>();
    for (var e : now.entrySet()) {
      TrialResult before = old.get(e.getKey());
      TrialResult after = e.getValue();
      if (before == null) {
        added.add(change(e.getKey(), null, after));
      } else if (before.status() == Status.PASS
          && (after.status() == Status.FAIL || after.status() == Status.ERROR)) {
        regressions.add(change(e.getKey(), before, after));
      } else if ((before.status() == Status.FAIL || before.status() == Status.ERROR)
          && after.status() == Status.PASS) {
        fixes.add(change(e.getKey(), before, after));
      }
    }
    for (var e : old.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        removed.add(change(e.getKey(), e.getValue(), null));
      }
    }
    Set<String> models = new LinkedHashSet<>(current.models());
    models.addAll(baseline.models());
    List<ModelDelta> deltas = new ArrayList<>();
    for (String m : models) {
      Stats b = Stats.of(baseline.trials().stream().filter(t -> t.model().equals(m)).toList());
      Stats a = Stats.of(current.trials().stream().filter(t -> t.model().equals(m)).toList());
      int bn = b.passed() + b.failed() + b.errors();
      int an = a.passed() + a.failed() + a.errors();
      deltas.add(
          new ModelDelta(
              m,
              b.passRate(),
              bn,
              a.passRate(),
              an,
              twoProportionP(b.passed(), bn, a.passed(), an)));
    }
    return new Comparison(baseline.runId(), regressions, fixes, added, removed, deltas);
  }

  private static Map<String, TrialResult> index(RunResult run) {
    Map<String, TrialResult> out = new LinkedHashMap<>();
    run.trials().forEach(t -> out.put(t.caseId() + "|" + t.model() + "|" + t.repeat(), t));
    return out;
  }

  private static Change change(String key, TrialResult before, TrialResult after) {
    TrialResult any = after != null ? after : before;
    String reason =
        after == null
            ? "not in this run"
            : after.error() != null
                ? after.error()
                : String.join(
                    "; ", after.failing().stream().map(v -> v.name() + ": " + v.reason()).toList());
    return new Change(
        key,
        any.file(),
        any.model(),
        any.caseLabel(),
        before == null ? null : before.status(),
        after == null ? null : after.status(),
        reason);
  }

  /** Two-proportion z-test, two-sided; 1.0 when either side is empty. */
  static double twoProportionP(int x1, int n1, int x2, int n2) {
    if (n1 == 0 || n2 == 0) {
      return 1.0;
    }
    double p = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return 1.0;
    }
    double z = Math.abs((double) x1 / n1 - (double) x2 / n2) / se;
    return 2 * (1 - normalCdf(z));
  }

  private static double normalCdf(double z) {
    // Abramowitz–Stegun 7.1.26 via erf; ample for a significance flag
    double t = 1 / (1 + 0.3275911 * z / Math.sqrt(2));
    double erf =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-z * z / 2);
    return 0.5 * (1 + erf);
  }
}
