package dev.promptcheck.result;

import dev.promptcheck.support.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the results of shard runs ({@code --shard K/N}) into one run: trials, models and suites in
 * the order the inputs give them, the earliest start and the latest finish, and every input's
 * reason for being incomplete.
 */
public final class Merge {
  private Merge() {}

  /** The merged run, and what the caller should tell the user about it. */
  public record Outcome(RunResult run, List<String> warnings) {
    public Outcome {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * @param runs at least one run
   * @param now the start and finish when no input has one (never the case for a read results.json)
   */
  public static Outcome of(
      List<RunResult> runs, String runId, List<String> commandLine, Instant now) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Map<String, TrialResult> trials = new LinkedHashMap<>();
    Set<String> models = new LinkedHashSet<>();
    Map<String, RunResult.SuiteInfo> suites = new LinkedHashMap<>();
    List<String> incomplete = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (RunResult r : runs) {
      for (TrialResult t : r.trials()) {
        if (trials.putIfAbsent(t.trialId(), t) != null) {
          warnings.add(
              "trial " + t.trialId() + " appears in more than one input; the first is kept");
        }
      }
      models.addAll(r.models());
      r.suites().forEach(s -> suites.putIfAbsent(s.file(), s));
      if (r.incomplete() != null) {
        incomplete.add(r.runId() + ": " + r.incomplete());
      }
    }
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
            incomplete.isEmpty() ? null : String.join("; ", incomplete));
    return new Outcome(merged, warnings);
  }
}
