package dev.promptcheck.cli;

import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.run.CacheMode;
import dev.promptcheck.run.CallPaths;
import dev.promptcheck.run.Journal;
import dev.promptcheck.run.Planner;
import dev.promptcheck.run.RunFolderLock;
import dev.promptcheck.run.RunInputs;
import dev.promptcheck.run.RunOptions;
import dev.promptcheck.run.RunSession;
import dev.promptcheck.run.Shard;
import dev.promptcheck.run.TrialRunner;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.PromptFileParser;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Secrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    sortOptions = false,
    description = "Run prompt suites against models, check every output, write reports.")
final class RunCommand implements Callable<Integer> {
  private final Invocation invocation;

  RunCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  static final String ARGS_FILE = RunArguments.FILE;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = DefaultSuite.DESCRIPTION)
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--model",
      paramLabel = "M",
      description =
          "model to run, repeatable (provider:name or a promptcheck.yaml name); default: each file's model:")
  List<String> models = new ArrayList<>();

  @Option(
      names = "--judge",
      paramLabel = "M",
      description = "model for llm/rule/uses judges (overrides the files' modelId)")
  String judge;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      converter = OptionTypes.AtLeastOne.class,
      description =
          "parallel calls per model unless promptcheck.yaml sets the model's own (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--rpm",
      paramLabel = "N",
      defaultValue = "0",
      converter = OptionTypes.NotNegative.class,
      description =
          "requests-per-minute ceiling per model unless promptcheck.yaml sets the model's own (0: none)")
  int rpm;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      converter = OptionTypes.AtLeastOne.class,
      description = "run each case N times; cases whose outcomes differ are flaky")
  int repeat;

  @Option(
      names = "--timeout",
      paramLabel = "DUR",
      defaultValue = "60s",
      converter = OptionTypes.PositiveDuration.class,
      description = "per-call timeout: 30s, 500ms, 2m (default ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "3",
      converter = OptionTypes.NotNegative.class,
      description = "retries of 429/5xx/timeouts (default ${DEFAULT-VALUE})")
  int retries;

  @Option(
      names = "--max-wait",
      paramLabel = "DUR",
      defaultValue = "60s",
      converter = OptionTypes.PositiveDuration.class,
      description =
          "longest wait before a retry; a 429 asking for more (or naming a daily quota) stops calling"
              + " that model, its trials left for --resume, exit 3 (default ${DEFAULT-VALUE})")
  Duration maxWait;

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      converter = OptionTypes.Usd.class,
      description =
          "the run's budget: no call starts once the spend so far (models and judges, from the"
              + " prices in promptcheck.yaml) and the next call's estimate would pass it; the"
              + " trials left are kept for --resume, exit 3")
  Double maxCost;

  @Option(
      names = "--cache",
      paramLabel = "on|off|refresh",
      defaultValue = "on",
      description = "on-disk response cache in .promptcheck-cache/ (default ${DEFAULT-VALUE})")
  String cache;

  @Option(names = "--record", paramLabel = "DIR", description = "save every response under DIR")
  Path record;

  @Option(
      names = "--replay",
      paramLabel = "DIR",
      description = "answer only from responses saved under DIR; no network")
  Path replay;

  @Option(
      names = "--var",
      paramLabel = "k=v",
      converter = VarAssignment.Converter.class,
      description = "set a variable for every case, repeatable")
  List<VarAssignment> vars = new ArrayList<>();

  @Option(
      names = "--filter",
      paramLabel = "TEXT",
      description = "only cases whose file, name, label or values contain TEXT")
  String filter;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description = "run the K-th of N deterministic parts (for CI matrices)")
  String shard;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "continue the run in DIR: only trials missing from its results.jsonl are called")
  Path resume;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      converter = OptionTypes.RunId.class,
      description = "name of the run folder under --out (default: a timestamp)")
  String runIdOption;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "the promptcheck.yaml to use (default: the nearest from the suite's folder up to the repository root)")
  Path config;

  @Option(
      names = "--history",
      paramLabel = "DIR",
      description =
          "index the finished run into the history in DIR (history.sqlite and its pages, as"
              + " 'promptcheck history' writes them) and print the drifts it shows; with --fail-on"
              + " drift a significant drop is exit 1 (default DIR with --fail-on drift:"
              + " OUT/history)")
  Path history;

  @CommandLine.Mixin ReportOptions reports = new ReportOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The run folder this process owns, released when the command ends however it ends. */
  private RunFolderLock folderLock;

  @Override
  public Integer call() throws IOException {
    try {
      return runAndReport();
    } finally {
      if (folderLock != null) {
        folderLock.close();
      }
    }
  }

  private int runAndReport() throws IOException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    reports.in(invocation);
    Path cwd = invocation.workingDir();
    // --var api_token=...: masked like a key from the environment
    invocation.secrets().addSecretNamed(VarAssignment.toMap(vars));
    List<String> commandLine =
        new ArrayList<>(
            invocation.secrets().scrub(spec.commandLine().getParseResult().originalArgs()));
    String shownRunDir = null;
    if (resume != null) {
      shownRunDir = resume.toString();
      resume = invocation.workingDir().resolve(resume).normalize();
      RunArguments stored = RunArguments.read(resume);
      resumeWith(stored);
      cwd = Path.of(stored.workingDir());
      commandLine = new ArrayList<>(stored.commandLine());
    } else if (paths.isEmpty()) {
      paths = DefaultSuite.paths(cwd, err, "run");
    }
    RunOptions options = options();
    reports.check();
    checkHistory();
    DiagnosticPrinter printer = new DiagnosticPrinter(cwd);
    Diagnostics configProblems = new Diagnostics();
    ProjectConfig catalog =
        ProjectConfigLookup.load(invocation, config, cwd, paths, configProblems);
    if (configProblems.hasErrors()) {
      printer.printText(configProblems.all(), err);
      return ExitCode.INVALID_INPUT;
    }
    ProjectConfigLookup.checkModelFlags(catalog, models, judge);
    PromptSuite suite = new SuiteLoader(cwd, VarAssignment.toMap(vars)).load(paths);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(configProblems); // its warnings, if any
    suite.diagnostics().forEach(diagnostics::add); // the run lists files with errors as refused
    String runId =
        resume != null
            ? resume.getFileName().toString()
            : runIdOption != null ? runIdOption : newRunId();
    Path runDir = resume != null ? resume : reports.outDir().resolve(runId);
    checkWritable(runDir);
    try {
      folderLock = RunFolderLock.acquire(runDir);
    } catch (RunFolderLock.Busy e) {
      throw new Main.UsageError(invocation.shown(runDir) + " is " + e.getMessage());
    }
    if (folderLock.takenOverFrom() != null) {
      err.println(
          "promptcheck: note: "
              + invocation.shown(runDir)
              + " was owned by a run that ended without finishing ("
              + folderLock.takenOverFrom()
              + "); this run takes it over");
    }
    if (resume == null && Files.exists(runDir.resolve(Journal.FILE))) {
      throw new Main.UsageError(
          runDir
              + " already holds a run: continue it with --resume "
              + runDir
              + " or choose another --run-id");
    }
    AtomicFiles.removeStale(runDir); // left by a run killed while writing its reports
    AtomicFiles.removeStale(runDir.toAbsolutePath().getParent());
    CallPaths pool =
        new CallPaths(options, catalog, invocation.environment())
            .onWarning(message -> err.println("promptcheck: warning: " + message));
    RunResult run;
    try (ProgressDisplay bar =
            ProgressDisplay.wanted(reports.quiet, invocation.environment())
                ? new ProgressDisplay()
                : null;
        RunWatch watch =
            new RunWatch(
                bar != null
                    ? bar
                    : ProgressLines.wanted(reports.quiet, invocation.environment())
                        ? new ProgressLines(err, System::nanoTime)
                        : TrialRunner.Listener.NONE,
                runDir,
                shownRunDir != null ? shownRunDir : runDir.toString(),
                invocation.command(),
                err)) {
      if (resume == null) {
        arguments(cwd, commandLine).write(runDir, invocation.secrets());
      }
      run =
          RunSession.execute(
              suite.runnable(),
              options,
              pool,
              new RunSession.Setup(
                  runId,
                  runDir,
                  cwd,
                  commandLine,
                  Clock.systemUTC(),
                  RunSession.Setup.provenanceOf(cwd, invocation.environment())),
              watch,
              diagnostics);
    } catch (Journal.WriteFailure e) {
      if (e.removed()) {
        return folderRemoved(runDir, err);
      }
      AtomicFiles.removeStale(runDir);
      err.println(
          "promptcheck: "
              + e.getMessage()
              + ": the run stopped; what finished is in the journal: make room, then resume with: "
              + invocation.commandLine(
                  "run --resume "
                      + RunWatch.shellQuoted(
                          shownRunDir != null ? shownRunDir : runDir.toString())));
      return ExitCode.INCOMPLETE;
    } catch (RunInputs.Changed e) {
      err.println("promptcheck: cannot resume " + shownRunDir + ": " + e.getMessage());
      return ExitCode.INVALID_INPUT;
    } catch (ConfigurationException e) {
      if (resume == null) {
        Files.deleteIfExists(runDir.resolve(ARGS_FILE));
        releaseAndRemove(runDir);
      }
      printer.printText(suite.diagnostics().stream().filter(Diagnostic::isError).toList(), err);
      err.println("promptcheck: " + e.getMessage());
      return ExitCode.INVALID_INPUT;
    }
    List<Diagnostic> problems = diagnostics.all();
    List<Diagnostic> needVariables =
        problems.stream().filter(d -> d.code().equals(Planner.NEEDS_VARIABLES)).toList();
    printer.printText(problems.stream().filter(Diagnostic::isError).toList(), err);
    printer.printText(needVariables, err);
    // a key promptcheck does not read is said in run too, not only in validate: the author meant it
    printer.printText(
        problems.stream().filter(d -> d.code().equals(PromptFileParser.UNKNOWN_KEY)).toList(), err);
    printer.printText(
        problems.stream().filter(d -> d.code().equals(RunSession.TORN_JOURNAL)).toList(), err);
    // a run stopped before any trial finished (a quota spent at the first call) is not an empty
    // plan: its folder is kept for --resume and its reports say why
    if (run.trials().isEmpty() && run.incomplete() == null) {
      if (resume == null) {
        Files.deleteIfExists(runDir.resolve(Journal.FILE));
        Files.deleteIfExists(runDir.resolve(RunInputs.FILE));
        Files.deleteIfExists(runDir.resolve(ARGS_FILE));
        releaseAndRemove(runDir);
      }
      // as `gh models eval` with no test data: nothing ran, nothing failed (exit 0) when the only
      // reason is variables still to be passed; an empty plan for any other reason is an error
      boolean onlyForVariables =
          !suite.files().isEmpty()
              && problems.stream().noneMatch(Diagnostic::isError)
              && needVariables.stream().map(d -> d.where().file()).distinct().count()
                  == suite.runnable().size();
      // gh's exit 0 holds only where no gate was asked for: a CI gate that ran nothing has not
      // passed (the Action always gives --fail-on)
      boolean gated = onlyForVariables && gateAsked();
      err.println(
          "promptcheck: nothing to run"
              + (suite.files().isEmpty()
                  ? ": no valid prompt file"
                  : onlyForVariables
                      ? ": the prompt files have no testData; pass their variables with --var"
                      : whyNothingRan(problems))
              + (gated
                  ? " (exit 1: a gate was asked for, and a run in which nothing ran is not a pass)"
                  : ""));
      return onlyForVariables
          ? (gated ? ExitCode.FAILURES : ExitCode.PASSED)
          : ExitCode.INVALID_INPUT;
    }
    Comparison comparison = reports.comparison(run);
    reports.write(run, comparison, runDir, out, err);
    int exit = reports.exitCode(run, comparison, err);
    DriftGate drift = driftGate();
    if (drift != null) {
      exit = drift.apply(run, runDir, exit, out, err);
    }
    reports.printVerdict(run, comparison, exit, out);
    return exit;
  }

  /**
   * The run folder went while the run was going: its journal went with it, so there is nothing to
   * resume and nowhere to write reports. Said plainly, exit 3, never a run that passed.
   */
  private int folderRemoved(Path runDir, PrintWriter err) {
    err.println(
        "promptcheck: the run folder "
            + invocation.shown(runDir)
            + " was removed while the run was going: the trials that had finished went with it"
            + " and no report can be written there; the run stopped. Run it again.");
    return ExitCode.INCOMPLETE;
  }

  /** A run folder this run made and leaves empty goes, its lock with it. */
  private void releaseAndRemove(Path runDir) throws IOException {
    folderLock.closeAndDelete(runDir);
    folderLock = null;
    Files.deleteIfExists(runDir);
  }

  /** The history reads the run's results.json: a run that writes none cannot be indexed. */
  private void checkHistory() {
    boolean asked = history != null || reports.policy().failOn() == ExitPolicy.FailOn.DRIFT;
    if (asked && reports.formats.stream().map(String::trim).noneMatch("json"::equals)) {
      throw new Main.UsageError(
          (history != null ? "--history" : "--fail-on drift")
              + " indexes the run's results.json: add json to --format");
    }
  }

  /** The history this run goes into, or null when neither --history nor --fail-on drift asks. */
  private DriftGate driftGate() {
    boolean gate = reports.policy().failOn() == ExitPolicy.FailOn.DRIFT;
    if (history == null && !gate) {
      return null;
    }
    Path dir = history != null ? invocation.resolve(history) : reports.outDir().resolve("history");
    return new DriftGate(dir, reports.alpha, gate, invocation);
  }

  /** Whether the command line asks for a gate: {@code --fail-on} (but none) or a minimum rate. */
  private boolean gateAsked() {
    CommandLine.ParseResult given = spec.commandLine().getParseResult();
    return given.hasMatchedOption("--min-pass-rate")
        || (given.hasMatchedOption("--fail-on")
            && reports.policy().failOn() != ExitPolicy.FailOn.NONE);
  }

  /**
   * The reasons that apply to an empty plan: files refused for errors, --filter, --shard; only
   * those the user can act on in this run.
   */
  private String whyNothingRan(List<Diagnostic> problems) {
    List<String> reasons = new ArrayList<>();
    long refused =
        problems.stream().filter(Diagnostic::isError).map(d -> d.where().file()).distinct().count();
    if (refused > 0) {
      reasons.add(refused + (refused == 1 ? " file has" : " files have") + " errors (above)");
    }
    if (filter != null && shard != null) {
      reasons.add("--filter '" + filter + "' with --shard " + shard + " leaves no case");
    } else if (filter != null) {
      reasons.add("--filter '" + filter + "' matches no case");
    } else if (shard != null) {
      reasons.add("--shard " + shard + " holds none of the cases");
    }
    return reasons.isEmpty()
        ? ": the prompt files have no test cases"
        : ": " + String.join("; ", reasons);
  }

  /**
   * The run folder can be written (created if need be), found before any model is called: an
   * unwritable {@code --out} is a usage error naming the path and the cause, not a lost run.
   */
  private void checkWritable(Path runDir) {
    try {
      Files.createDirectories(runDir);
      Files.delete(Files.createTempFile(runDir, ".write-check", ".tmp"));
    } catch (IOException | SecurityException e) {
      Path blocker = runDir.toAbsolutePath();
      while (blocker != null && !Files.exists(blocker)) {
        blocker = blocker.getParent();
      }
      String cause =
          blocker != null && !Files.isDirectory(blocker)
              ? "a file is in the way at " + invocation.shown(blocker)
              : e instanceof AccessDeniedException a
                  ? "permission denied: " + a.getFile()
                  : e instanceof FileSystemException f && f.getReason() != null
                      ? f.getReason() + ": " + f.getFile()
                      : e.toString();
      throw new Main.UsageError(
          (resume != null ? "--resume " + resume : "--out " + reports.out)
              + ": cannot write the run folder "
              + invocation.shown(runDir)
              + " ("
              + cause
              + ")");
    }
  }

  /** This run's arguments as stored for {@code --resume}; paths made absolute. */
  private RunArguments arguments(Path cwd, List<String> commandLine) {
    return new RunArguments(
        RunArguments.FORMAT,
        cwd.toString(),
        paths,
        models,
        judge,
        concurrency,
        rpm,
        repeat,
        timeout.toString(),
        retries,
        maxWait.toString(),
        maxCost,
        cache,
        absolute(invocation.resolve(record)),
        absolute(invocation.resolve(replay)),
        VarAssignment.toMap(vars),
        filter,
        shard,
        absolute(reports.outDir()),
        reports.formats,
        absolute(invocation.resolve(reports.baseline)),
        reports.failOn,
        reports.minPassRate,
        reports.gate,
        reports.regressions,
        reports.clusterBy,
        absolute(invocation.resolve(history)),
        commandLine);
  }

  private static String absolute(Path p) {
    return p == null ? null : p.toAbsolutePath().normalize().toString();
  }

  /**
   * Takes every option of the stored run that the resume line does not give again ({@code --resume
   * DIR --quiet} keeps everything and only silences the output).
   */
  private void resumeWith(RunArguments a) {
    CommandLine.ParseResult given = spec.commandLine().getParseResult();
    if (paths.isEmpty()) {
      paths = a.paths();
    }
    if (!given.hasMatchedOption("--model")) {
      models = a.models();
    }
    if (!given.hasMatchedOption("--judge")) {
      judge = a.judge();
    }
    if (!given.hasMatchedOption("--concurrency")) {
      concurrency = a.concurrency();
    }
    if (!given.hasMatchedOption("--rpm")) {
      rpm = a.rpm();
    }
    if (!given.hasMatchedOption("--repeat")) {
      repeat = a.repeat();
    }
    if (!given.hasMatchedOption("--timeout")) {
      timeout =
          a.timeout().startsWith("PT")
              ? Duration.parse(a.timeout())
              : OptionTypes.PositiveDuration.parse(a.timeout());
    }
    if (!given.hasMatchedOption("--retries")) {
      retries = a.retries();
    }
    if (!given.hasMatchedOption("--max-cost")) {
      maxCost = a.maxCost();
    }
    if (!given.hasMatchedOption("--max-wait") && a.maxWait() != null) {
      // stored as Duration.toString(); runs stored before --max-wait keep the default
      try {
        maxWait = Duration.parse(a.maxWait());
      } catch (DateTimeParseException e) {
        throw new Main.UsageError(
            "--resume: " + RunArguments.FILE + " has an unreadable maxWait '" + a.maxWait() + "'");
      }
    }
    if (!given.hasMatchedOption("--cache")) {
      cache = a.cache();
    }
    if (!given.hasMatchedOption("--record")) {
      record = a.record() == null ? null : Path.of(a.record());
    }
    if (!given.hasMatchedOption("--replay")) {
      replay = a.replay() == null ? null : Path.of(a.replay());
    }
    Map<String, String> givenVars = VarAssignment.toMap(vars);
    Map<String, String> merged = new LinkedHashMap<>(a.vars());
    merged.putAll(givenVars);
    for (Map.Entry<String, String> v : merged.entrySet()) {
      if (v.getValue().contains(Secrets.MASK) && !givenVars.containsKey(v.getKey())) {
        throw new Main.UsageError(
            "--resume: the value of --var "
                + v.getKey()
                + " was a secret and is not stored; give it again: --var "
                + v.getKey()
                + "=...");
      }
    }
    vars = new ArrayList<>();
    merged.forEach((name, value) -> vars.add(new VarAssignment(name, value)));
    if (!given.hasMatchedOption("--filter")) {
      filter = a.filter();
    }
    if (!given.hasMatchedOption("--shard")) {
      shard = a.shard();
    }
    if (!given.hasMatchedOption("--out")) {
      reports.out = Path.of(a.out());
    }
    if (!given.hasMatchedOption("--format")) {
      reports.formats = new ArrayList<>(a.formats());
    }
    if (!given.hasMatchedOption("--baseline")) {
      reports.baseline = a.baseline() == null ? null : Path.of(a.baseline());
    }
    if (!given.hasMatchedOption("--fail-on")) {
      reports.failOn = a.failOn();
    }
    if (!given.hasMatchedOption("--min-pass-rate")) {
      reports.minPassRate = a.minPassRate();
    }
    if (!given.hasMatchedOption("--gate") && a.gate() != null) {
      reports.gate = a.gate(); // null in runs stored before --gate: the point rule
    }
    if (!given.hasMatchedOption("--regressions") && a.regressions() != null) {
      reports.regressions = a.regressions();
    }
    if (!given.hasMatchedOption("--cluster-by")) {
      reports.clusterBy = a.clusterBy();
    }
    if (!given.hasMatchedOption("--history") && a.history() != null) {
      history = Path.of(a.history());
    }
  }

  /**
   * Checks that need more than one option, before anything runs; single values were checked by
   * their converters ({@link OptionTypes}).
   */
  private void checkCombinations() {
    if (record != null && replay != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--record "
              + record
              + " and --replay "
              + replay
              + " cannot be used together: record saves live answers, replay never calls a model");
    }
  }

  private RunOptions options() {
    checkCombinations();
    CacheMode cacheMode;
    try {
      cacheMode = CacheMode.valueOf(cache.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError("--cache must be on, off or refresh, not '" + cache + "'");
    }
    Shard sh;
    try {
      sh = shard == null ? Shard.ALL : Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(e.getMessage());
    }
    return RunOptions.builder()
        .models(models)
        .judge(judge)
        .concurrency(concurrency)
        .requestsPerMinute(rpm)
        .repeat(repeat)
        .timeout(timeout)
        .retries(retries)
        .maxWait(maxWait)
        .maxCost(maxCost)
        .cache(cacheMode)
        .cacheDir(invocation.resolve(RunOptions.DEFAULT_CACHE_DIR))
        .recordDir(invocation.resolve(record))
        .replayDir(invocation.resolve(replay))
        .vars(VarAssignment.toMap(vars))
        .filter(filter)
        .shard(sh)
        .secrets(invocation.secrets())
        .build();
  }

  private static String newRunId() {
    // the user's local time: the folder name says when they started the run
    return LocalDateTime.now(ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
