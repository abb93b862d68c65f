package dev.promptcheck.run;

import dev.promptcheck.eval.EvaluatorCompiler;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.ContentHashes;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.support.GitRevision;
import dev.promptcheck.support.GitRevision.Revision;
import dev.promptcheck.support.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A run from loaded prompt files to a {@link RunResult}: compile evaluators, plan trials, set up
 * every model (failing before any call when a key is missing), resume from the journal in {@code
 * runDir}, execute. What the CLI does, callable from Java. Pass the loading diagnostics in {@code
 * diagnostics}: a file with an error is listed in the result as refused.
 */
public final class RunSession {
  private RunSession() {}

  /**
   * Where and when a run happens: its id and folder, the folder ids and paths are relative to, the
   * command line it records, the clock that stamps its start and finish (injected, so a test or a
   * library user controls it) and where the prompts came from (the git revision).
   */
  public record Setup(
      String runId,
      Path runDir,
      Path base,
      List<String> commandLine,
      Clock clock,
      RunResult.Provenance provenance) {
    public Setup {
      commandLine = List.copyOf(commandLine);
      Objects.requireNonNull(clock, "clock");
      provenance = provenance == null ? RunResult.Provenance.UNKNOWN : provenance;
    }

    /** A run of unknown provenance. */
    public Setup(String runId, Path runDir, Path base, List<String> commandLine, Clock clock) {
      this(runId, runDir, base, commandLine, clock, RunResult.Provenance.UNKNOWN);
    }

    /** The provenance of prompts under {@code base}: its git revision, if any. */
    public static RunResult.Provenance provenanceOf(Path base, Map<String, String> env) {
      Revision r = GitRevision.detect(base, env);
      return new RunResult.Provenance(r.commit(), r.branch());
    }

    /** A run stamped by the system clock. */
    public Setup(String runId, Path runDir, Path base, List<String> commandLine) {
      this(runId, runDir, base, commandLine, Clock.systemUTC());
    }
  }

  /**
   * @throws dev.promptcheck.model.ConfigurationException before any call when a model cannot be set
   *     up
   */
  public static RunResult execute(
      List<PromptFile> files,
      RunOptions options,
      CallPaths pool,
      Setup setup,
      TrialRunner.Listener listener,
      Diagnostics diagnostics) {
    Instant started = setup.clock().instant();
    // by identity: two files with equal contents (copies in two folders) are two suites
    @SuppressWarnings("IdentityHashMapUsage") // handed on as a Map; only this method fills it
    Map<PromptFile, EvaluatorCompiler> compiled = new IdentityHashMap<>();
    List<PromptFile> runnable = new ArrayList<>();
    for (PromptFile f : files) {
      Diagnostics d = new Diagnostics();
      EvaluatorCompiler c = EvaluatorCompiler.compile(f, d);
      diagnostics.addAll(d);
      if (!d.hasErrors()) {
        compiled.put(f, c);
        runnable.add(f);
      }
    }
    Planner.Plan plan =
        Planner.planned(runnable, options, pool.catalog(), setup.base(), diagnostics);
    List<Trial> trials = plan.trials();
    Set<ModelConfig> models = new LinkedHashSet<>();
    trials.forEach(t -> models.add(t.model()));
    pool.prepare(models);
    prepareJudges(runnable, options, pool);
    Map<String, TrialResult> done = finishedBefore(setup.runDir(), diagnostics);
    keepInputs(setup.runDir(), RunInputs.of(trials, options.judge()), done.size());
    TrialRunner.Outcome outcome;
    try (Journal journal = Journal.open(setup.runDir(), options.secrets())) {
      outcome = new TrialRunner(options, pool, compiled, journal, listener).run(trials, done);
    }
    List<RunResult.SuiteInfo> suites = suites(runnable, trials, setup.base());
    List<String> modelIds = models.stream().map(m -> m.ref().id()).distinct().toList();
    return new RunResult(
        setup.runId(),
        Version.get(),
        started,
        setup.clock().instant(),
        setup.commandLine(),
        modelIds,
        options.judge(),
        suites,
        outcome.results(),
        outcome.incomplete(),
        refused(diagnostics, setup.base()),
        notRun(diagnostics, setup.base()),
        new RunResult.Plan(
            plan.suiteFingerprint(),
            options.shard().index(),
            options.shard().count(),
            plan.plannedTrials()),
        setup.provenance(),
        pool.limits());
  }

  /**
   * The files run, each with its content hash and the hashes of the cases this run planned (the run
   * history tells an edit from a model's change by them).
   */
  private static List<RunResult.SuiteInfo> suites(
      List<PromptFile> runnable, List<Trial> trials, Path base) {
    @SuppressWarnings("IdentityHashMapUsage") // by identity, as the files themselves (see above)
    Map<PromptFile, Map<String, String>> caseHashes = new IdentityHashMap<>();
    for (Trial t : trials) {
      caseHashes
          .computeIfAbsent(t.prompt(), f -> new LinkedHashMap<>())
          .computeIfAbsent(t.caseId(), id -> ContentHashes.testCase(t.prompt(), t.testCase()));
    }
    return runnable.stream()
        .map(
            f ->
                new RunResult.SuiteInfo(
                    Planner.relative(base, f.path()),
                    f.name(),
                    f.description(),
                    f.metadata(),
                    ContentHashes.file(f),
                    caseHashes.getOrDefault(f, Map.of())))
        .toList();
  }

  /**
   * What a resumed run keeps from its journal: the last result of each trial, unless that was a
   * broken call or a call never made (an outage, a model unreachable): those are called again, as
   * are trials whose line is unreadable (a warning says how many).
   */
  static Map<String, TrialResult> finishedBefore(Path runDir, Diagnostics diagnostics) {
    Journal.Contents journal = Journal.read(runDir);
    Map<String, TrialResult> done = new LinkedHashMap<>();
    journal.results().forEach(r -> done.put(r.trialId(), r));
    done.values().removeIf(r -> r.error() != null);
    List<Integer> bad = journal.unreadableLines();
    if (!bad.isEmpty()) {
      diagnostics.warning(
          new SourceRef(runDir.resolve(Journal.FILE), bad.get(0), 1),
          TORN_JOURNAL,
          bad.size()
              + (bad.size() == 1 ? " unreadable line" : " unreadable lines")
              + " in the journal skipped (torn by a crash or a full disk?); those trials run again");
    }
    return done;
  }

  /**
   * A new run keeps its inputs; a resumed one must have the inputs it was started on.
   *
   * @throws RunInputs.Changed when a prompt file, a case, the models or the judge changed
   */
  private static void keepInputs(Path runDir, RunInputs now, int finished) {
    RunInputs before = RunInputs.read(runDir);
    if (before == null || finished == 0) { // nothing finished: nothing to mix
      now.write(runDir);
      return;
    }
    List<String> changes = now.changesSince(before);
    if (!changes.isEmpty()) {
      throw new RunInputs.Changed(finished, changes);
    }
  }

  /** The warning for unreadable journal lines on resume. */
  public static final String TORN_JOURNAL = "torn-journal";

  /**
   * Every file with an error among {@code diagnostics} (loading, compiling, planning): it did not
   * run, and the reports say so.
   */
  static List<RunResult.RefusedFile> refused(Diagnostics diagnostics, Path base) {
    Map<Path, List<String>> byFile = new LinkedHashMap<>();
    for (Diagnostic d : diagnostics.all()) {
      if (d.isError()) {
        byFile
            .computeIfAbsent(d.where().file(), f -> new ArrayList<>())
            .add(
                d.where().line()
                    + ":"
                    + d.where().column()
                    + ": "
                    + d.message()
                    + " ["
                    + d.code()
                    + "]");
      }
    }
    List<RunResult.RefusedFile> out = new ArrayList<>();
    byFile.forEach(
        (f, errors) -> out.add(new RunResult.RefusedFile(Planner.relative(base, f), errors)));
    return out;
  }

  /**
   * Every valid file that planned no trial for want of variables (a warning, as gh runs no test of
   * a file without testData): the reports name it.
   */
  static List<RunResult.NotRunFile> notRun(Diagnostics diagnostics, Path base) {
    List<RunResult.NotRunFile> out = new ArrayList<>();
    for (Diagnostic d : diagnostics.all()) {
      if (d.code().equals(Planner.NEEDS_VARIABLES)) {
        out.add(new RunResult.NotRunFile(Planner.relative(base, d.where().file()), d.message()));
      }
    }
    return out;
  }

  /** Judges named by files (not overridden by --judge) must have their keys too. */
  private static void prepareJudges(List<PromptFile> files, RunOptions options, CallPaths pool) {
    if (options.judge() != null) {
      pool.prepare(List.of(pool.resolve(options.judge())));
      return;
    }
    Set<ModelConfig> judges = new LinkedHashSet<>();
    for (PromptFile f : files) {
      List<EvaluatorSpec> all = new ArrayList<>(f.evaluators());
      f.testCases().forEach(c -> all.addAll(c.evaluators()));
      for (EvaluatorSpec s : all) {
        if (s instanceof EvaluatorSpec.Llm l && l.modelId() != null) {
          judges.add(pool.resolve(l.modelId()));
        }
      }
    }
    pool.prepare(judges);
  }
}
