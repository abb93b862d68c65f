package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole run: its trials and facts about it. {@code incomplete} names why the run stopped short (a
 * provider unreachable), null when it ran to the end. {@code refused} lists the files that were
 * given but could not run (a located error in them): every report shows them, and the exit code is
 * 2 (docs/architecture.md §5). {@code notRun} lists the files that were valid but had nothing to
 * run (no testData and variables nobody passed): not an error, as in gh, but every report names
 * them so a run that skipped a file never looks like one that checked it. {@code plan} says which
 * suite was planned and which shard of it ran, so that {@code merge} can check its inputs; null
 * when unknown (a results.json written before it existed). {@code provenance} says where the
 * prompts came from (the git commit and branch), for the run history; never null. {@code limits}
 * says, per model called live (by id), how many calls its provider refused with 429 and how long
 * its calls were held by rate limits; empty when nothing was called or the file predates it.
 */
public record RunResult(
    String runId,
    String toolVersion,
    Instant startedAt,
    Instant finishedAt,
    List<String> commandLine,
    List<String> models,
    String judge,
    List<SuiteInfo> suites,
    List<TrialResult> trials,
    String incomplete,
    List<RefusedFile> refused,
    List<NotRunFile> notRun,
    Plan plan,
    Provenance provenance,
    Map<String, Limits> limits) {

  /** {@code plan} is null for a run read from a file written before plans were recorded. */
  public RunResult {
    provenance = provenance == null ? Provenance.UNKNOWN : provenance;
    limits = limits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    notRun = notRun == null ? List.of() : List.copyOf(notRun);
    commandLine = List.copyOf(commandLine);
    models = List.copyOf(models);
    suites = List.copyOf(suites);
    trials = List.copyOf(trials);
    refused = refused == null ? List.of() : List.copyOf(refused);
  }

  /** A run whose provenance is unknown. */
  public RunResult(
      String runId,
      String toolVersion,
      Instant startedAt,
      Instant finishedAt,
      List<String> commandLine,
      List<String> models,
      String judge,
      List<SuiteInfo> suites,
      List<TrialResult> trials,
      String incomplete,
      List<RefusedFile> refused,
      List<NotRunFile> notRun,
      Plan plan) {
    this(
        runId,
        toolVersion,
        startedAt,
        finishedAt,
        commandLine,
        models,
        judge,
        suites,
        trials,
        incomplete,
        refused,
        notRun,
        plan,
        Provenance.UNKNOWN,
        Map.of());
  }

  /** A run without the counters of its limits (nothing called live, or not recorded). */
  public RunResult(
      String runId,
      String toolVersion,
      Instant startedAt,
      Instant finishedAt,
      List<String> commandLine,
      List<String> models,
      String judge,
      List<SuiteInfo> suites,
      List<TrialResult> trials,
      String incomplete,
      List<RefusedFile> refused,
      List<NotRunFile> notRun,
      Plan plan,
      Provenance provenance) {
    this(
        runId,
        toolVersion,
        startedAt,
        finishedAt,
        commandLine,
        models,
        judge,
        suites,
        trials,
        incomplete,
        refused,
        notRun,
        plan,
        provenance,
        Map.of());
  }

  /**
   * How one model lived within its provider's limits.
   *
   * @param refusedCalls calls the provider refused with 429, each attempt counted
   * @param waitedMs wall-clock milliseconds during which some call of the model was held by a limit
   *     (the provider's remaining allowance, a 429's back-off, {@code --rpm})
   */
  public record Limits(int refusedCalls, long waitedMs) {
    public static final Limits NONE = new Limits(0, 0);

    public Limits {
      if (refusedCalls < 0 || waitedMs < 0) {
        throw new IllegalArgumentException(
            "limits must not be negative: " + refusedCalls + ", " + waitedMs);
      }
    }

    /** Both counts added (shards of one run, two configurations of one model). */
    public Limits plus(Limits other) {
      return new Limits(refusedCalls + other.refusedCalls, waitedMs + other.waitedMs);
    }
  }

  /** Refused calls and waits over every model. */
  public Limits totalLimits() {
    return limits.values().stream().reduce(Limits.NONE, Limits::plus);
  }

  /**
   * Where a run's prompts came from.
   *
   * @param commit the git commit (full hex) of the repository the run started in; null outside one
   * @param branch its branch (or tag) name; null when detached or unknown
   */
  public record Provenance(String commit, String branch) {
    public static final Provenance UNKNOWN = new Provenance(null, null);
  }

  /**
   * A file that did not run, with its errors as {@code line:col: message [code]}.
   *
   * @param file as the reports show it (relative to the run's working directory)
   */
  public record RefusedFile(String file, List<String> errors) {
    public RefusedFile {
      errors = List.copyOf(errors);
    }

    /** The first error, for one-line summaries. */
    public String firstError() {
      return errors.isEmpty() ? "refused" : errors.get(0);
    }
  }

  /**
   * A valid file that ran no trial, and why (with what to pass).
   *
   * @param file as the reports show it (relative to the run's working directory)
   */
  public record NotRunFile(String file, String reason) {
    public NotRunFile {
      if (file == null || reason == null) {
        throw new IllegalArgumentException("a file not run needs its name and its reason");
      }
    }
  }

  /**
   * What was planned: the whole suite before sharding, and the part of it this run ran.
   *
   * @param suiteFingerprint SHA-256 (hex) of the sorted trial ids of the unsharded plan (prompt
   *     file × model × case × repeat, after {@code --filter}): every shard of one run of one suite
   *     shares it; another suite, model list, filter or repeat count gives another
   * @param shard this run's part, 1-based ({@code --shard K/N}: K); 1 when not sharded
   * @param shards how many parts the suite was split into (N); 1 when not sharded
   * @param plannedTrials the trials of the whole unsharded plan
   */
  public record Plan(String suiteFingerprint, int shard, int shards, int plannedTrials) {
    public Plan {
      if (suiteFingerprint == null || suiteFingerprint.isBlank()) {
        throw new IllegalArgumentException("a plan needs its suite fingerprint");
      }
      if (shards < 1 || shard < 1 || shard > shards) {
        throw new IllegalArgumentException(
            "shard must be K/N with 1 <= K <= N: " + shard + "/" + shards);
      }
      if (plannedTrials < 0) {
        throw new IllegalArgumentException("plannedTrials must not be negative: " + plannedTrials);
      }
    }

    /** Whether the suite was split ({@code --shard K/N} with N > 1). */
    public boolean sharded() {
      return shards > 1;
    }

    /** {@code K/N}, or null when the suite was not split. */
    public String shardSpec() {
      return sharded() ? shard + "/" + shards : null;
    }

    /**
     * Reads {@link #shardSpec()} back: {@code K/N}, or null for an unsplit run.
     *
     * @throws IllegalArgumentException when {@code spec} is not K/N with 1 <= K <= N
     */
    public static Plan of(String suiteFingerprint, String spec, int plannedTrials) {
      if (spec == null) {
        return new Plan(suiteFingerprint, 1, 1, plannedTrials);
      }
      String[] parts = spec.split("/", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("shard must be K/N, not '" + spec + "'");
      }
      try {
        return new Plan(
            suiteFingerprint,
            Integer.parseInt(parts[0].trim()),
            Integer.parseInt(parts[1].trim()),
            plannedTrials);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("shard must be K/N, not '" + spec + "'", e);
      }
    }
  }

  /**
   * What a report shows about a prompt file, and what it meant when it ran.
   *
   * @param contentHash {@link dev.promptcheck.suite.ContentHashes#file}: changes when an edit could
   *     change a verdict; null in files written before it was recorded
   * @param caseHashes {@link dev.promptcheck.suite.ContentHashes#testCase} by case id, for the
   *     cases this run ran
   */
  public record SuiteInfo(
      String file,
      String name,
      String description,
      Map<String, Object> metadata,
      String contentHash,
      Map<String, String> caseHashes) {
    public SuiteInfo {
      // sorted: results.json lists them in one order on every run
      caseHashes =
          caseHashes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(caseHashes));
    }

    /** A suite whose content was not recorded. */
    public SuiteInfo(String file, String name, String description, Map<String, Object> metadata) {
      this(file, name, description, metadata, null, Map.of());
    }

    /** This suite with the case hashes of {@code other} (another shard of it) added. */
    public SuiteInfo withCasesOf(SuiteInfo other) {
      Map<String, String> all = new TreeMap<>(caseHashes);
      other.caseHashes().forEach(all::putIfAbsent);
      return new SuiteInfo(
          file,
          name,
          description,
          metadata,
          contentHash != null ? contentHash : other.contentHash(),
          all);
    }
  }

  /**
   * This run as if it had been given {@code file} alone: its trials, suite, refusal and not-run
   * note; the run's facts (id, models, times, provenance) kept. What a pull request's comment pairs
   * per changed file (the models' pass rates and the paired test over that file's cases).
   */
  public RunResult onlyFile(String file) {
    return new RunResult(
        runId,
        toolVersion,
        startedAt,
        finishedAt,
        commandLine,
        models,
        judge,
        suites.stream().filter(s -> s.file().equals(file)).toList(),
        trials.stream().filter(t -> t.file().equals(file)).toList(),
        incomplete,
        refused.stream().filter(r -> r.file().equals(file)).toList(),
        notRun.stream().filter(n -> n.file().equals(file)).toList(),
        plan,
        provenance,
        limits);
  }

  public long count(Status status) {
    return trials.stream().filter(t -> t.status() == status).count();
  }
}
