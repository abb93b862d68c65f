package dev.promptcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.model.ModelCatalog;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.run.CacheMode;
import dev.promptcheck.run.ClientPool;
import dev.promptcheck.run.Journal;
import dev.promptcheck.run.Planner;
import dev.promptcheck.run.RunOptions;
import dev.promptcheck.run.RunSession;
import dev.promptcheck.run.Shard;
import dev.promptcheck.run.SuiteRunner;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import dev.promptcheck.support.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
  static final String ARGS_FILE = "command.json";

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "files, folders or globs (default: prompts/)")
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
      description =
          "parallel calls per model unless promptcheck.yaml sets the model's own (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--rpm",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "requests-per-minute ceiling per model unless promptcheck.yaml sets the model's own (0: none)")
  int rpm;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      description = "run each case N times; cases whose outcomes differ are flaky")
  int repeat;

  @Option(
      names = "--timeout",
      paramLabel = "DUR",
      defaultValue = "60s",
      description = "per-call timeout: 30s, 500ms, 2m (default ${DEFAULT-VALUE})")
  String timeout;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "3",
      description = "retries of 429/5xx/timeouts (default ${DEFAULT-VALUE})")
  int retries;

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
      description = "name of the run folder (default: a timestamp)")
  String runIdOption;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "the promptcheck.yaml to use (default: the nearest from the suite's folder up to the repository root)")
  Path config;

  @CommandLine.Mixin ReportOptions reports = new ReportOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Path cwd = Path.of("").toAbsolutePath();
    List<String> commandLine = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (resume != null && paths.isEmpty() && models.isEmpty()) {
      return resumeWithStoredArguments(commandLine);
    }
    RunOptions options = options();
    reports.check();
    DiagnosticPrinter printer = new DiagnosticPrinter(cwd);
    Diagnostics configProblems = new Diagnostics();
    ModelCatalog catalog = catalog(cwd, configProblems);
    if (configProblems.hasErrors()) {
      printer.printText(configProblems.all(), err);
      return ExitCode.INVALID_INPUT;
    }
    checkModelNames(catalog);
    PromptSuite suite =
        new SuiteLoader(cwd, VarAssignment.toMap(vars))
            .load(paths.isEmpty() ? List.of("prompts") : paths);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(configProblems); // its warnings, if any
    String runId =
        resume != null
            ? resume.getFileName().toString()
            : runIdOption != null ? runIdOption : newRunId();
    Path runDir = resume != null ? resume : reports.outDir().resolve(runId);
    if (resume != null && !Files.isDirectory(resume)) {
      throw new Main.UsageError("--resume " + resume + ": no such run folder");
    }
    if (resume == null && Files.exists(runDir.resolve(Journal.FILE))) {
      throw new Main.UsageError(
          runDir
              + " already holds a run: continue it with --resume "
              + runDir
              + " or choose another --run-id");
    }
    ClientPool pool =
        new ClientPool(options, catalog, System.getenv())
            .onWarning(message -> err.println("promptcheck: warning: " + message));
    RunResult run;
    try (ProgressDisplay progress =
        ProgressDisplay.wanted(reports.quiet) ? new ProgressDisplay() : null) {
      if (resume == null) {
        Files.createDirectories(runDir);
        Files.writeString(
            runDir.resolve(ARGS_FILE),
            new ObjectMapper().writeValueAsString(Secrets.scrub(commandLine)));
      }
      run =
          RunSession.execute(
              suite.runnable(),
              options,
              pool,
              new RunSession.Setup(runId, runDir, cwd, Secrets.scrub(commandLine)),
              progress != null ? progress : SuiteRunner.Listener.NONE,
              diagnostics);
    } catch (ConfigurationException e) {
      if (resume == null) {
        Files.deleteIfExists(runDir.resolve(ARGS_FILE));
        Files.deleteIfExists(runDir);
      }
      printer.printText(suite.diagnostics().stream().filter(Diagnostic::isError).toList(), err);
      err.println("promptcheck: " + e.getMessage());
      return ExitCode.INVALID_INPUT;
    }
    List<Diagnostic> problems = new ArrayList<>(suite.diagnostics());
    problems.addAll(diagnostics.all());
    List<Diagnostic> needVariables =
        problems.stream().filter(d -> d.code().equals(Planner.NEEDS_VARIABLES)).toList();
    printer.printText(problems.stream().filter(Diagnostic::isError).toList(), err);
    printer.printText(needVariables, err);
    if (run.trials().isEmpty()) {
      if (resume == null) {
        Files.deleteIfExists(runDir.resolve(Journal.FILE));
        Files.deleteIfExists(runDir.resolve(ARGS_FILE));
        Files.deleteIfExists(runDir);
      }
      // as `gh models eval` with no test data: nothing ran, nothing failed (exit 0) when the only
      // reason is variables still to be passed; an empty plan for any other reason is an error
      boolean onlyForVariables =
          !suite.files().isEmpty()
              && problems.stream().noneMatch(Diagnostic::isError)
              && needVariables.stream().map(d -> d.where().file()).distinct().count()
                  == suite.runnable().size();
      err.println(
          "promptcheck: nothing to run"
              + (suite.files().isEmpty()
                  ? ": no valid prompt file"
                  : onlyForVariables
                      ? ": the prompt files have no testData; pass their variables with --var"
                      : whyNothingRan(problems)));
      return onlyForVariables ? ExitCode.PASSED : ExitCode.INVALID_INPUT;
    }
    Comparison comparison = reports.comparison(run);
    reports.write(run, comparison, runDir, out, err);
    int exit = reports.exitCode(run, comparison, err);
    reports.printVerdict(run, comparison, exit, out);
    return exit;
  }

  /**
   * The promptcheck.yaml of the suite, read and checked before anything else: --config, else the
   * nearest one from the first suite path's folder up to the repository root.
   */
  private ModelCatalog catalog(Path cwd, Diagnostics problems) {
    Path file;
    if (config != null) {
      if (!Files.isRegularFile(config)) {
        throw new Main.UsageError("--config " + config + ": no such file");
      }
      file = config;
    } else {
      file = ModelCatalog.find(suiteFolder(cwd), cwd).orElse(null);
    }
    return file == null ? ModelCatalog.empty() : ModelCatalog.load(file, problems);
  }

  /** The folder of the first PATH (for a glob, the folder before its first wildcard). */
  private Path suiteFolder(Path cwd) {
    String first = paths.isEmpty() ? "prompts" : paths.get(0);
    int wildcard = first.replaceAll("[*?\\[{].*", "").length();
    String plain = first.substring(0, wildcard);
    return cwd.resolve(plain.isEmpty() ? "." : plain);
  }

  /** Names given with --model and --judge must resolve now, not after the suite is planned. */
  private void checkModelNames(ModelCatalog catalog) {
    List<String> flags = new ArrayList<>();
    models.forEach(m -> flags.add("--model " + m));
    if (judge != null) {
      flags.add("--judge " + judge);
    }
    for (String flag : flags) {
      try {
        catalog.resolve(flag.substring(flag.indexOf(' ') + 1));
      } catch (ConfigurationException e) {
        throw new Main.UsageError(flag + ": " + e.getMessage());
      }
    }
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

  private int resumeWithStoredArguments(List<String> given) throws IOException {
    Path stored = resume.resolve(ARGS_FILE);
    if (!Files.isRegularFile(stored)) {
      throw new Main.UsageError(
          "--resume " + resume + ": no " + ARGS_FILE + " there; is it a promptcheck run folder?");
    }
    List<String> args =
        new ArrayList<>(List.of(new ObjectMapper().readValue(stored.toFile(), String[].class)));
    args.add(0, "run");
    args.addAll(given);
    return Main.execute(
        args.toArray(new String[0]), spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  private RunOptions options() {
    atLeast("--concurrency", concurrency, 1);
    atLeast("--repeat", repeat, 1);
    atLeast("--retries", retries, 0);
    atLeast("--rpm", rpm, 0);
    CacheMode cacheMode;
    try {
      cacheMode = CacheMode.valueOf(cache.toUpperCase(java.util.Locale.ROOT));
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
        .timeout(duration(timeout))
        .retries(retries)
        .cache(cacheMode)
        .recordDir(record)
        .replayDir(replay)
        .vars(VarAssignment.toMap(vars))
        .filter(filter)
        .shard(sh)
        .build();
  }

  private static void atLeast(String flag, int value, int least) {
    if (value < least) {
      throw new Main.UsageError(flag + " must be at least " + least + ", not " + value);
    }
  }

  static Duration duration(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
      }
      return Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
    } catch (NumberFormatException e) {
      throw new Main.UsageError("--timeout must look like 30s, 500ms or 2m, not '" + text + "'");
    }
  }

  private static String newRunId() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
