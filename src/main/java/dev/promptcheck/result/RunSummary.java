package dev.promptcheck.result;

import dev.promptcheck.support.Secrets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statistics every report of one run shows, each computed once, when first asked for, and
 * handed to every writer and the console: the figures of the whole run, per model and per prompt
 * file × model, the cases with their repeats rolled up, the flaky cases and the head-to-heads. At
 * 100,000 trials each is tens of milliseconds; recomputed by each of five writers they were a
 * second of the report phase.
 */
public final class RunSummary {
  private final RunResult run;
  private final Secrets secrets;
  private final ExitPolicy policy;
  private final String clusterBy;
  private Stats all;
  private Map<String, List<TrialResult>> byModel;
  private Map<String, Stats> modelStats;
  private Map<List<String>, List<TrialResult>> bySuite;
  private Map<List<String>, Stats> suiteStats;
  private Map<String, Map<String, CaseOutcome>> outcomes;
  private List<Flakiness> flaky;
  private final Map<List<Object>, List<HeadToHead>> pairs = new HashMap<>();

  private RunSummary(RunResult run, Secrets secrets, ExitPolicy policy, String clusterBy) {
    this.run = run;
    this.secrets = secrets;
    this.policy = policy;
    this.clusterBy = clusterBy;
  }

  /** The figures of a run read back, its reports masking the process environment's secrets. */
  public static RunSummary of(RunResult run) {
    return new RunSummary(run, Secrets.ofProcess(), null, null);
  }

  /** The figures of {@code run}, its reports masking {@code secrets}, the run's own. */
  public static RunSummary of(RunResult run, Secrets secrets) {
    return new RunSummary(run, Objects.requireNonNull(secrets, "secrets"), null, null);
  }

  /**
   * As {@link #of(RunResult, Secrets)}, with the gate the run is judged by, so the reports can say
   * which rule decided (summary.md's regression gate).
   */
  public static RunSummary of(RunResult run, Secrets secrets, ExitPolicy policy) {
    return of(run, secrets, policy, null);
  }

  /**
   * As {@link #of(RunResult, Secrets, ExitPolicy)}, every interval and paired test over the
   * clusters the testData key {@code clusterBy} names ({@code --cluster-by}; null: none).
   */
  public static RunSummary of(RunResult run, Secrets secrets, ExitPolicy policy, String clusterBy) {
    return new RunSummary(
        run,
        Objects.requireNonNull(secrets, "secrets"),
        Objects.requireNonNull(policy, "policy"),
        clusterBy);
  }

  /** The testData key whose cases are judged together, or null. */
  public String clusterBy() {
    return clusterBy;
  }

  /** The gate the run is judged by, or null when the reports were asked without one. */
  public ExitPolicy policy() {
    return policy;
  }

  /** What the reports of this run mask. */
  public Secrets secrets() {
    return secrets;
  }

  public RunResult run() {
    return run;
  }

  public List<TrialResult> trials() {
    return run.trials();
  }

  /** {@link Stats#of} over every trial. */
  public synchronized Stats all() {
    if (all == null) {
      all = Stats.of(run.trials(), clusterBy);
    }
    return all;
  }

  /** The trials grouped by model, in first-seen order ({@link Stats#group}). */
  public synchronized Map<String, List<TrialResult>> byModel() {
    if (byModel == null) {
      byModel = Stats.group(run.trials(), TrialResult::model);
    }
    return byModel;
  }

  /** The figures of one model's trials, for each model in first-seen order. */
  public synchronized Map<String, Stats> modelStats() {
    if (modelStats == null) {
      modelStats = statsOf(byModel());
    }
    return modelStats;
  }

  /**
   * The trials grouped by prompt file × model ({@code [file, model]}), in first-seen order: one
   * suite of junit.xml, one row of summary.md and of the console's table.
   */
  public synchronized Map<List<String>, List<TrialResult>> bySuite() {
    if (bySuite == null) {
      bySuite = Stats.group(run.trials(), t -> List.of(t.file(), t.model()));
    }
    return bySuite;
  }

  /** The figures of each prompt file × model, in the order of {@link #bySuite}. */
  public synchronized Map<List<String>, Stats> suiteStats() {
    if (suiteStats == null) {
      suiteStats = statsOf(bySuite());
    }
    return suiteStats;
  }

  /** {@link CaseOutcome#byModel} of the run's trials. */
  public synchronized Map<String, Map<String, CaseOutcome>> outcomes() {
    if (outcomes == null) {
      outcomes = CaseOutcome.byModel(run.trials(), clusterBy);
    }
    return outcomes;
  }

  /** What the run's headline figures count: cases, models, results, trials. */
  public CaseCount caseCount() {
    return CaseCount.of(outcomes(), run.trials().size());
  }

  /** {@link Flakiness#of} the run. */
  public synchronized List<Flakiness> flaky() {
    if (flaky == null) {
      flaky = List.copyOf(Flakiness.of(run));
    }
    return flaky;
  }

  /** {@link HeadToHead#pairs} of the run at {@code alpha}, Holm-corrected. */
  public List<HeadToHead> pairs(double alpha) {
    return pairs(alpha, HeadToHead.DEFAULT_ADJUST);
  }

  /** {@link HeadToHead#pairs} of the run at the comparison's alpha and correction. */
  public List<HeadToHead> pairs(Comparison comparison) {
    return pairs(comparison.alpha(), comparison.adjust());
  }

  /**
   * {@link HeadToHead#pairs} of the run at {@code alpha}, the family corrected by {@code adjust}.
   */
  public synchronized List<HeadToHead> pairs(double alpha, PAdjust adjust) {
    return pairs.computeIfAbsent(
        List.of(alpha, adjust), k -> List.copyOf(HeadToHead.pairs(run, outcomes(), alpha, adjust)));
  }

  private <K> Map<K, Stats> statsOf(Map<K, List<TrialResult>> groups) {
    Map<K, Stats> out = new LinkedHashMap<>();
    groups.forEach((k, trials) -> out.put(k, Stats.of(trials, clusterBy)));
    return out;
  }
}
