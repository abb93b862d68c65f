package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run against a baseline, case by case (docs/architecture.md §6): repeats roll up into a pass
 * fraction per case ({@link CaseOutcome}), cases are matched by their stable id, never by position
 * or repeat index.
 *
 * <p>A case regresses when it falls from a majority pass to a majority fail (without repeats: pass
 * to fail or error); a fix is the reverse. A case that is flaky on either side is listed apart in
 * {@link #flaky} and is never a regression or a fix: a flaky model compared with itself has none.
 *
 * <p>Models are paired by name; when each run has exactly one model, those two are paired even if
 * their names differ (the pair says so). A model on one side only is absent on the other, never 0%.
 *
 * @param alpha the significance level of every paired test, this comparison's and the head-to-heads
 *     between the models of the run itself ({@link HeadToHead#pairs})
 * @param adjust how each family of paired tests is corrected for its number: the models against
 *     their baselines are one family, the pairs of models within the run another
 */
public record Comparison(
    String baselineRunId,
    double alpha,
    PAdjust adjust,
    List<ModelPair> models,
    List<Change> regressions,
    List<Change> fixes,
    List<Change> flaky,
    List<Change> added,
    List<Change> removed) {

  /** No baseline, at the default significance level. */
  public static final Comparison NONE = none(HeadToHead.DEFAULT_ALPHA);

  public Comparison {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be between 0 and 1: " + alpha);
    }
    if (adjust == null) {
      throw new IllegalArgumentException("adjust is required");
    }
    models = List.copyOf(models);
    regressions = List.copyOf(regressions);
    fixes = List.copyOf(fixes);
    flaky = List.copyOf(flaky);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** No baseline; {@code alpha} still applies to the head-to-heads within the run. */
  public static Comparison none(double alpha) {
    return none(alpha, HeadToHead.DEFAULT_ADJUST);
  }

  /** No baseline; {@code alpha} and {@code adjust} still apply to the head-to-heads of the run. */
  public static Comparison none(double alpha, PAdjust adjust) {
    return new Comparison(
        null, alpha, adjust, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * One case × model whose outcome differs between the runs, or that is flaky on either side;
   * {@code before} or {@code after} is null when the case is absent there.
   *
   * @param reason the failing checks (or the error) of the case in the later run
   */
  public record Change(
      String caseId,
      String file,
      String model,
      String caseLabel,
      CaseOutcome before,
      CaseOutcome after,
      String reason) {}

  /**
   * A model of the baseline paired with one of this run. {@code before} or {@code after} (and its
   * rate) is null when the model is absent on that side; {@code headToHead} is null then too.
   *
   * @param note why the two were paired when their names differ, else null
   */
  public record ModelPair(
      String before,
      String after,
      PassRate beforeRate,
      PassRate afterRate,
      HeadToHead headToHead,
      String note) {

    public boolean paired() {
      return before != null && after != null;
    }

    /** The model's name in this run, or in the baseline when it is absent now. */
    public String name() {
      return after != null ? after : before;
    }
  }

  public boolean present() {
    return baselineRunId != null;
  }

  public static Comparison of(RunResult baseline, RunResult current) {
    return of(baseline, current, HeadToHead.DEFAULT_ALPHA);
  }

  public static Comparison of(RunResult baseline, RunResult current, double alpha) {
    return of(baseline, current, alpha, HeadToHead.DEFAULT_ADJUST);
  }

  /**
   * As {@link #of(RunResult, RunResult, double)}, the models' paired tests corrected together by
   * {@code adjust}.
   */
  public static Comparison of(RunResult baseline, RunResult current, double alpha, PAdjust adjust) {
    return of(baseline, current, alpha, adjust, null);
  }

  /**
   * As {@link #of(RunResult, RunResult, double, PAdjust)}, the paired tests and intervals over the
   * clusters the testData key {@code clusterBy} names (null: every case alone).
   */
  public static Comparison of(
      RunResult baseline, RunResult current, double alpha, PAdjust adjust, String clusterBy) {
    Map<String, Map<String, CaseOutcome>> old = CaseOutcome.byModel(baseline.trials(), clusterBy);
    Map<String, Map<String, CaseOutcome>> now = CaseOutcome.byModel(current.trials(), clusterBy);
    List<String> oldModels = models(baseline, old);
    List<String> newModels = models(current, now);
    List<ModelPair> pairs = new ArrayList<>();
    List<Change> regressions = new ArrayList<>();
    List<Change> fixes = new ArrayList<>();
    List<Change> flaky = new ArrayList<>();
    List<Change> added = new ArrayList<>();
    List<Change> removed = new ArrayList<>();
    boolean oneEach = oldModels.size() == 1 && newModels.size() == 1;
    Reasons reasons = new Reasons(current);
    for (String after : newModels) {
      String before = oldModels.contains(after) ? after : oneEach ? oldModels.get(0) : null;
      if (before == null) {
        pairs.add(new ModelPair(null, after, null, PassRate.of(outcomes(now, after)), null, null));
        continue;
      }
      String note =
          before.equals(after)
              ? null
              : "different models paired: each run has exactly one ("
                  + before
                  + " in "
                  + baseline.runId()
                  + ", "
                  + after
                  + " in "
                  + current.runId()
                  + ")";
      Map<String, CaseOutcome> was = old.getOrDefault(before, Map.of());
      Map<String, CaseOutcome> is = now.getOrDefault(after, Map.of());
      String a = before.equals(after) ? before + " (" + baseline.runId() + ")" : before;
      String b = before.equals(after) ? after + " (" + current.runId() + ")" : after;
      pairs.add(
          new ModelPair(
              before,
              after,
              PassRate.of(was.values()),
              PassRate.of(is.values()),
              HeadToHead.of(a, was, b, is, alpha, note),
              note));
      for (CaseOutcome x : is.values()) {
        CaseOutcome y = was.get(x.caseId());
        if (y == null) {
          added.add(change(null, x, reasons));
        } else if (x.decided() && y.decided()) {
          if (x.flaky() || y.flaky()) {
            flaky.add(change(y, x, reasons));
          } else if (y.majorityPass() && x.majorityFail()) {
            regressions.add(change(y, x, reasons));
          } else if (y.majorityFail() && x.majorityPass()) {
            fixes.add(change(y, x, reasons));
          }
        }
      }
      for (CaseOutcome y : was.values()) {
        if (!is.containsKey(y.caseId())) {
          removed.add(change(y, null, reasons));
        }
      }
    }
    for (String before : oldModels) {
      boolean used = pairs.stream().anyMatch(p -> before.equals(p.before()));
      if (!used) {
        pairs.add(
            new ModelPair(before, null, PassRate.of(outcomes(old, before)), null, null, null));
      }
    }
    return new Comparison(
        baseline.runId(),
        alpha,
        adjust,
        adjusted(pairs, adjust),
        regressions,
        fixes,
        flaky,
        added,
        removed);
  }

  /** The pairs with their head-to-heads corrected as one family. */
  private static List<ModelPair> adjusted(List<ModelPair> pairs, PAdjust adjust) {
    List<HeadToHead> tests =
        HeadToHead.adjust(
            pairs.stream().map(ModelPair::headToHead).filter(h -> h != null).toList(), adjust);
    List<ModelPair> out = new ArrayList<>();
    int k = 0;
    for (ModelPair p : pairs) {
      HeadToHead h = p.headToHead() == null ? null : tests.get(k++);
      out.add(new ModelPair(p.before(), p.after(), p.beforeRate(), p.afterRate(), h, p.note()));
    }
    return out;
  }

  /** The run's models in its own order, then any that only its trials name. */
  private static List<String> models(RunResult run, Map<String, Map<String, CaseOutcome>> cases) {
    Set<String> out = new LinkedHashSet<>(run.models());
    out.addAll(cases.keySet());
    return new ArrayList<>(out);
  }

  private static List<CaseOutcome> outcomes(
      Map<String, Map<String, CaseOutcome>> cases, String model) {
    return new ArrayList<>(cases.getOrDefault(model, Map.of()).values());
  }

  private static Change change(CaseOutcome before, CaseOutcome after, Reasons reasons) {
    CaseOutcome any = after != null ? after : before;
    String reason = after == null ? "not in this run" : reasons.of(after);
    return new Change(
        any.caseId(), any.file(), any.model(), any.caseLabel(), before, after, reason);
  }

  /**
   * The checks that failed (or the error) in the first repeat of a case that did not pass, for
   * every case × model of a run, indexed in one pass over its trials when first asked for (a case
   * looked up by scanning the trials made a comparison quadratic: 18 s at 100,000 trials).
   */
  private static final class Reasons {
    private final RunResult run;
    private Map<String, Map<String, String>> byModel;

    Reasons(RunResult run) {
      this.run = run;
    }

    String of(CaseOutcome outcome) {
      if (byModel == null) {
        byModel = new HashMap<>();
        for (TrialResult t : run.trials()) {
          boolean broke = t.error() != null;
          if (!broke && !anyFailing(t)) {
            continue;
          }
          Map<String, String> cases = byModel.computeIfAbsent(t.model(), m -> new HashMap<>());
          if (!cases.containsKey(t.caseId())) { // the first repeat with a reason gives it
            cases.put(t.caseId(), broke ? t.error() : failing(t));
          }
        }
      }
      return byModel.getOrDefault(outcome.model(), Map.of()).getOrDefault(outcome.caseId(), "");
    }

    private static boolean anyFailing(TrialResult t) {
      for (Verdict v : t.verdicts()) {
        if (v.status() == Status.FAIL || v.status() == Status.ERROR) {
          return true;
        }
      }
      return false;
    }

    private static String failing(TrialResult t) {
      return String.join(
          "; ", t.failing().stream().map(v -> v.name() + ": " + v.reason()).toList());
    }
  }
}
