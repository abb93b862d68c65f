package dev.promptcheck.result;

import dev.promptcheck.support.Texts;
import dev.promptcheck.support.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins the results of shard runs ({@code --shard K/N}) into one run: trials, models and suites in
 * the order the inputs give them, the earliest start and the latest finish, and every input's
 * reason for being incomplete.
 *
 * <p>The inputs are checked first, by the {@link RunResult.Plan} each carries: shards of different
 * suites (another fingerprint), of different splits (another N), or overlapping ones (the same K
 * twice, or a trial in two inputs) are {@link Refused}; a shard that is missing makes the merged
 * run incomplete. An input without a plan (written before plans were) cannot be checked against the
 * others: a warning says so, and only its trials are checked for overlap.
 */
public final class Merge {
  private Merge() {}

  /** Where an input came from, as the user named it (a path), and what it holds. */
  public record Input(String name, RunResult run) {}

  /** What came of a merge: a merged run, or a refusal that writes nothing. */
  public sealed interface Outcome permits Merged, Refused {}

  /**
   * The merged run, and warnings the caller should show. {@code run().incomplete()} says when a
   * shard is missing.
   */
  public record Merged(RunResult run, List<String> warnings) implements Outcome {
    public Merged {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The inputs cannot be merged.
   *
   * @param reason one line naming the inputs at fault, e.g. {@code mixed suites: a ran suite
   *     7da0c1…; b ran suite fe2c…}
   * @param advice one line on what to do instead
   */
  public record Refused(String reason, String advice) implements Outcome {}

  /** How many hex characters of a fingerprint a message shows. */
  static final int SHOWN = 12;

  static final String SPLIT_ADVICE = "split the suite with --shard K/N, each K once";

  /** Inputs named by their run ids. */
  public static Outcome of(
      List<RunResult> runs, String runId, List<String> commandLine, Instant now) {
    return merge(runs.stream().map(r -> new Input(r.runId(), r)).toList(), runId, commandLine, now);
  }

  /**
   * @param inputs at least one run
   * @param now the start and finish when no input has one (never the case for a read results.json)
   */
  public static Outcome merge(
      List<Input> inputs, String runId, List<String> commandLine, Instant now) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    List<String> warnings = new ArrayList<>();
    List<Input> planned = new ArrayList<>();
    for (Input in : inputs) {
      if (in.run().plan() == null) {
        warnings.add(
            "warning: "
                + in.name()
                + " does not say which suite and shard it ran (written by an older promptcheck):"
                + " it cannot be checked against the other inputs");
      } else {
        planned.add(in);
      }
    }
    Refused refused = check(planned);
    if (refused == null) {
      refused = overlappingTrials(inputs);
    }
    if (refused != null) {
      return refused;
    }

    Map<String, TrialResult> trials = new LinkedHashMap<>();
    Set<String> models = new LinkedHashSet<>();
    Map<String, RunResult.SuiteInfo> suites = new LinkedHashMap<>();
    Map<String, RunResult.RefusedFile> refusedFiles = new LinkedHashMap<>();
    Map<String, RunResult.NotRunFile> notRunFiles = new LinkedHashMap<>();
    List<String> incomplete = new ArrayList<>();
    Map<String, RunResult.Limits> limits = new LinkedHashMap<>();
    for (Input in : inputs) {
      RunResult r = in.run();
      r.limits().forEach((model, l) -> limits.merge(model, l, RunResult.Limits::plus));
      r.trials().forEach(t -> trials.put(t.trialId(), t));
      models.addAll(r.models());
      r.suites().forEach(s -> suites.merge(s.file(), s, RunResult.SuiteInfo::withCasesOf));
      r.refused().forEach(f -> refusedFiles.putIfAbsent(f.file(), f));
      r.notRun().forEach(f -> notRunFiles.putIfAbsent(f.file(), f));
      if (r.incomplete() != null) {
        incomplete.add(r.runId() + ": " + r.incomplete());
      }
    }
    RunResult.Plan plan = null;
    if (!planned.isEmpty() && planned.size() == inputs.size()) {
      RunResult.Plan first = planned.get(0).run().plan();
      plan = new RunResult.Plan(first.suiteFingerprint(), 1, 1, first.plannedTrials());
      String missing = missing(planned, trials.size());
      if (missing != null) {
        incomplete.add(0, missing);
      }
    }
    List<RunResult> runs = inputs.stream().map(Input::run).toList();
    Instant start =
        runs.stream().map(RunResult::startedAt).min(Comparator.naturalOrder()).orElse(now);
    Instant end =
        runs.stream().map(RunResult::finishedAt).max(Comparator.naturalOrder()).orElse(now);
    RunResult merged =
        new RunResult(
            runId,
            Version.get(),
            start,
            end,
            List.copyOf(commandLine),
            new ArrayList<>(models),
            runs.get(0).judge(),
            new ArrayList<>(suites.values()),
            new ArrayList<>(trials.values()),
            incomplete.isEmpty() ? null : String.join("; ", incomplete),
            new ArrayList<>(refusedFiles.values()),
            new ArrayList<>(notRunFiles.values()),
            plan,
            runs.get(0).provenance(),
            limits);
    return new Merged(merged, warnings);
  }

  /** Mixed suites, different splits, or one shard given twice; null when none of these. */
  private static Refused check(List<Input> planned) {
    if (planned.isEmpty()) {
      return null;
    }
    Input first = planned.get(0);
    RunResult.Plan p0 = first.run().plan();
    for (Input in : planned) {
      RunResult.Plan p = in.run().plan();
      if (!p.suiteFingerprint().equals(p0.suiteFingerprint())) {
        return new Refused(
            "mixed suites: "
                + first.name()
                + " ran suite "
                + shown(p0.suiteFingerprint())
                + "; "
                + in.name()
                + " ran suite "
                + shown(p.suiteFingerprint()),
            "merge only the shards of one run of one suite (the same files, models, --filter and"
                + " --repeat)");
      }
    }
    for (Input in : planned) {
      RunResult.Plan p = in.run().plan();
      if (p.shards() != p0.shards()) {
        return new Refused(
            "shards of different splits: "
                + first.name()
                + " ran "
                + describe(p0)
                + "; "
                + in.name()
                + " ran "
                + describe(p),
            SPLIT_ADVICE + ", the same N for every job");
      }
    }
    Map<Integer, Input> byShard = new HashMap<>();
    for (Input in : planned) {
      Input earlier = byShard.putIfAbsent(in.run().plan().shard(), in);
      if (earlier != null) {
        String common = commonTrial(earlier.run(), in.run());
        return new Refused(
            "overlapping shards: "
                + earlier.name()
                + " and "
                + in.name()
                + " both ran "
                + describe(in.run().plan())
                + (common == null ? "" : " (trial " + common + " is in both)"),
            SPLIT_ADVICE);
      }
    }
    return null;
  }

  /** A trial in two inputs (also those without a plan); null when every trial is in one. */
  private static Refused overlappingTrials(List<Input> inputs) {
    // by position: the same folder given twice is two inputs that are equal as values
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      for (TrialResult t : in.run().trials()) {
        Integer first = owner.putIfAbsent(t.trialId(), i);
        if (first != null && first != i) {
          Input earlier = inputs.get(first);
          return new Refused(
              "overlapping shards: trial "
                  + t.trialId()
                  + " is in both "
                  + earlier.name()
                  + " and "
                  + in.name(),
              SPLIT_ADVICE);
        }
      }
    }
    return null;
  }

  /**
   * Why the merged run is short of the whole suite: the shards not given, or (all given) trials
   * fewer than planned; null when it is whole.
   */
  private static String missing(List<Input> planned, int trials) {
    RunResult.Plan p0 = planned.get(0).run().plan();
    Set<Integer> given = new TreeSet<>();
    planned.forEach(in -> given.add(in.run().plan().shard()));
    List<String> absent = new ArrayList<>();
    for (int k = 1; k <= p0.shards(); k++) {
      if (!given.contains(k)) {
        absent.add(k + "/" + p0.shards());
      }
    }
    if (!absent.isEmpty()) {
      return "missing shard"
          + (absent.size() == 1 ? " " : "s ")
          + String.join(", ", absent)
          + ": the merged run has "
          + given.size()
          + " of "
          + p0.shards()
          + " shards ("
          + trials
          + " of "
          + p0.plannedTrials()
          + " trials)";
    }
    boolean inputsSaySo = planned.stream().anyMatch(in -> in.run().incomplete() != null);
    if (trials < p0.plannedTrials() && !inputsSaySo) {
      return "the merged run has " + trials + " of " + p0.plannedTrials() + " planned trials";
    }
    return null;
  }

  private static String commonTrial(RunResult a, RunResult b) {
    Set<String> ids = new HashSet<>();
    a.trials().forEach(t -> ids.add(t.trialId()));
    return b.trials().stream()
        .map(TrialResult::trialId)
        .filter(ids::contains)
        .findFirst()
        .orElse(null);
  }

  private static String describe(RunResult.Plan p) {
    return p.sharded() ? "shard " + p.shardSpec() : "the whole suite (no --shard)";
  }

  /** The first {@link #SHOWN} hex characters and an ellipsis. */
  static String shown(String fingerprint) {
    return Texts.truncate(fingerprint, SHOWN + 1, "\u2026");
  }
}
