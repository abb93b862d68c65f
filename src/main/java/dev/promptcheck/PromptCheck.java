package dev.promptcheck;

import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.model.ModelClient;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.report.ReportWriter;
import dev.promptcheck.report.Reports;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.run.CallPaths;
import dev.promptcheck.run.RunFolderLock;
import dev.promptcheck.run.RunOptions;
import dev.promptcheck.run.RunSession;
import dev.promptcheck.run.TrialRunner;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.SuiteLoader;
import dev.promptcheck.support.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * promptcheck from Java: everything the command line does, through one object. Load suites, run
 * them with the providers the environment configures or with a {@link ModelClient} of your own, get
 * a {@link RunResult}, write reports, or turn a suite into JUnit 5 dynamic tests.
 *
 * <pre>{@code
 * PromptCheck check = PromptCheck.builder()
 *     .workingDir(Path.of("."))
 *     .client(model -> request -> myModel.answer(request))
 *     .build();
 * RunResult run = check.run("prompts");
 * check.writeReports(run, "json", "html");
 * }</pre>
 *
 * <p>What the process would read from around it (working directory, environment variables, clock,
 * output folder) is given to the builder, so two instances in one JVM never share it.
 */
public final class PromptCheck {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path workingDir;
  private final Map<String, String> environment;
  private final Clock clock;
  private final Path outputDir;
  private final RunOptions options;
  private final ProjectConfig catalog; // given to the builder; null: read from promptcheck.yaml
  private final Path configFile; // given to the builder; null: found as `run` finds it
  private final Function<ModelConfig, ModelClient> client;
  private final Map<String, String> variables;
  private final Consumer<String> warnings;
  private final AtomicInteger runs = new AtomicInteger();

  private PromptCheck(Builder b) {
    this.workingDir = b.workingDir.toAbsolutePath().normalize();
    this.environment = Map.copyOf(b.environment);
    this.clock = b.clock;
    // a build's tests write where the build writes (target/, build/), never the project's root;
    // only the folders left at their defaults move
    Path buildDir = buildFolder(workingDir);
    this.outputDir =
        workingDir.resolve(
            b.outputDir != null
                ? b.outputDir
                : buildDir != null ? buildDir.resolve("reports") : Path.of("reports"));
    Path cacheDir =
        buildDir != null && b.options.cacheDir().equals(RunOptions.DEFAULT_CACHE_DIR)
            ? buildDir.resolve("cache")
            : b.options.cacheDir();
    // relative folders of the options (cache, recordings) are relative to the working directory
    RunOptions.Builder options = b.options.toBuilder().cacheDir(workingDir.resolve(cacheDir));
    if (b.options.recordDir() != null) {
      options.recordDir(workingDir.resolve(b.options.recordDir()));
    }
    if (b.options.replayDir() != null) {
      options.replayDir(workingDir.resolve(b.options.replayDir()));
    }
    // this instance's own secrets: the keys of the environment given here (which the calls use)
    // and the secret-named variables, masked in everything its runs write, and nobody else's
    Secrets secrets = Secrets.of(environment);
    secrets.addSecretNamed(b.variables);
    this.options = options.secrets(secrets).build();
    this.catalog = b.catalog;
    this.configFile = b.configFile == null ? null : workingDir.resolve(b.configFile).normalize();
    if (configFile != null && !Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException("config " + b.configFile + ": no such file");
    }
    this.client = b.client;
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(b.variables));
    this.warnings = b.warnings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Loads prompt files, folders or globs, relative to the working directory. */
  public PromptSuite load(String... paths) {
    return load(Arrays.asList(paths));
  }

  /** Loads prompt files, folders or globs, relative to the working directory. */
  public PromptSuite load(List<String> paths) {
    return new SuiteLoader(workingDir, variables).load(List.copyOf(paths));
  }

  /**
   * Loads and runs; see {@link #run(PromptSuite)}. The promptcheck.yaml is the one given to the
   * builder, else the nearest from the first path's folder up to the repository root, as {@code
   * promptcheck run} finds it.
   */
  public RunResult run(String... paths) {
    List<String> given = Arrays.asList(paths);
    return run(load(given), catalogOrThrow(given));
  }

  /**
   * Runs every file of {@code suite} that loaded without errors; files with errors are listed in
   * the result as refused. The journal ({@code results.jsonl}) goes to a new folder under the
   * output folder, named after the run id.
   *
   * @throws dev.promptcheck.model.ConfigurationException before any call when a model cannot be set
   *     up (an API key missing from the environment)
   */
  public RunResult run(PromptSuite suite) {
    List<String> first = suite.files().stream().limit(1).map(f -> f.path().toString()).toList();
    return run(suite, catalogOrThrow(first));
  }

  private RunResult run(PromptSuite suite, ProjectConfig catalog) {
    Diagnostics diagnostics = new Diagnostics();
    suite.diagnostics().forEach(diagnostics::add);
    return execute(suite.runnable(), pool(catalog), diagnostics);
  }

  private CallPaths pool(ProjectConfig catalog) {
    return (client != null
            ? CallPaths.withClient(options, catalog, client)
            : new CallPaths(options, catalog, environment))
        .onWarning(warnings);
  }

  private RunResult execute(List<PromptFile> files, CallPaths pool, Diagnostics diagnostics) {
    Path runDir = newRunFolder();
    String runId = runDir.getFileName().toString();
    // owned as the command line owns its folder: a `promptcheck run --resume` of it is refused
    try (RunFolderLock owner = RunFolderLock.acquire(runDir)) {
      return RunSession.execute(
          files,
          options,
          pool,
          new RunSession.Setup(
              runId,
              runDir,
              workingDir,
              List.of("(library)", runId),
              clock,
              RunSession.Setup.provenanceOf(workingDir, environment)),
          TrialRunner.Listener.NONE,
          diagnostics);
    }
  }

  /**
   * A folder no other run has: the run id is the time and a counter, and creating the folder is the
   * claim, so two facades in one JVM, or two test forks sharing the output folder in the same
   * second, never write into one journal.
   */
  private Path newRunFolder() {
    String stamp = RUN_ID.format(clock.instant());
    try {
      Files.createDirectories(outputDir);
      while (true) {
        Path candidate = outputDir.resolve(stamp + "-" + runs.incrementAndGet());
        try {
          return Files.createDirectory(candidate);
        } catch (FileAlreadyExistsException taken) {
          // another run has this id: the next number
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run folder under " + outputDir, e);
    }
  }

  /**
   * The catalog for a suite given as {@code paths}: the builder's, else the promptcheck.yaml given
   * to it, else the one {@code run} would find; what is wrong in the file goes to {@code problems}.
   */
  private ProjectConfig catalogFor(List<String> paths, Diagnostics problems) {
    if (catalog != null) {
      return catalog;
    }
    Path file =
        configFile != null ? configFile : ProjectConfig.forSuite(workingDir, paths).orElse(null);
    return file == null ? ProjectConfig.empty() : ProjectConfig.load(file, problems);
  }

  /** As {@link #catalogFor}; a promptcheck.yaml with errors stops the run before any call. */
  private ProjectConfig catalogOrThrow(List<String> paths) {
    Diagnostics problems = new Diagnostics();
    ProjectConfig found = catalogFor(paths, problems);
    List<Diagnostic> errors = problems.all().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      throw new ConfigurationException(
          errors.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
    }
    return found;
  }

  /**
   * The files whose models can be set up (named in the catalog or qualified, with their keys); each
   * other file is refused with the reason, so one file's model does not stop the others.
   */
  private List<PromptFile> settingUp(
      List<PromptFile> files, CallPaths pool, Diagnostics diagnostics) {
    List<PromptFile> out = new ArrayList<>();
    for (PromptFile file : files) {
      List<String> names =
          !options.models().isEmpty()
              ? options.models()
              : file.model() == null ? List.of() : List.of(file.model());
      try {
        // the run reuses the paths prepared here
        names.forEach(name -> pool.prepare(List.of(pool.resolve(name))));
        out.add(file);
      } catch (ConfigurationException e) {
        diagnostics.error(SourceRef.of(file.path()), "model-setup", "model: " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Where a build tool keeps what it writes, when {@code dir} is its project's folder: {@code
   * target/promptcheck} for Maven, {@code build/promptcheck} for Gradle; null otherwise.
   */
  private static Path buildFolder(Path dir) {
    if (Files.isRegularFile(dir.resolve("pom.xml"))) {
      return Path.of("target", "promptcheck");
    }
    for (String gradle :
        List.of("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts")) {
      if (Files.isRegularFile(dir.resolve(gradle))) {
        return Path.of("build", "promptcheck");
      }
    }
    return null;
  }

  /** The folder a run's journal and reports go to. */
  public Path runDirOf(String runId) {
    return outputDir.resolve(runId);
  }

  /**
   * Writes reports of {@code run} into its folder: the formats named ({@code json}, {@code junit},
   * {@code md}, {@code html}), or all of them when none is named.
   *
   * @return the files written
   */
  public List<Path> writeReports(RunResult run, String... formats) {
    return writeReports(run, Comparison.NONE, formats);
  }

  /** As {@link #writeReports(RunResult, String...)}, with regressions against a baseline. */
  public List<Path> writeReports(RunResult run, Comparison comparison, String... formats) {
    List<ReportWriter> writers = new ArrayList<>();
    if (formats.length == 0) {
      writers.addAll(Reports.ALL);
    }
    for (String format : formats) {
      writers.add(
          Reports.writer(format)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no report format '" + format + "'; there are " + Reports.names())));
    }
    try {
      // the run's figures computed once for every report, the files written as the CLI writes them
      return Reports.writeAll(
          writers, RunSummary.of(run, options.secrets()), comparison, runDirOf(run.runId()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Regressions, fixes and paired statistics of {@code current} against {@code baseline}. */
  public Comparison compare(RunResult baseline, RunResult current) {
    return Comparison.of(baseline, current);
  }

  /** The exit code the command line would give this run (docs/architecture.md §5). */
  public int exitCode(RunResult run, Comparison comparison, ExitPolicy policy) {
    return policy.exitCode(run, comparison);
  }

  /**
   * The prompt suites under {@code paths} as JUnit 5 dynamic tests, for a {@code @TestFactory}: a
   * container per prompt file and model, a test per case that passes when every repeat passed,
   * fails with the checks' reasons, and is aborted (not passed) when its checks could not run. A
   * file that cannot be loaded, or whose model cannot be set up (a name no promptcheck.yaml
   * defines, a key missing), is one failing test that shows why; the other files still run. A
   * promptcheck.yaml with errors is one failing test and nothing runs. Runs the suite when called.
   *
   * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the class path (an optional
   * dependency). Only this method touches JUnit: the type argument is erased, so this class loads
   * and runs without it.
   */
  public Stream<DynamicNode> asDynamicTests(String... paths) {
    List<String> given = Arrays.asList(paths);
    Diagnostics diagnostics = new Diagnostics();
    ProjectConfig found = catalogFor(given, diagnostics);
    if (diagnostics.hasErrors()) {
      return DynamicTests.of(errors(diagnostics), null, workingDir);
    }
    PromptSuite suite = load(given);
    suite.diagnostics().forEach(diagnostics::add);
    CallPaths pool = pool(found);
    List<PromptFile> runnable = settingUp(suite.runnable(), pool, diagnostics);
    RunResult run = runnable.isEmpty() ? null : execute(runnable, pool, diagnostics);
    return DynamicTests.of(errors(diagnostics), run, workingDir);
  }

  private static List<Diagnostic> errors(Diagnostics diagnostics) {
    return diagnostics.all().stream().filter(Diagnostic::isError).distinct().toList();
  }

  /** What a {@link PromptCheck} is made of; every part has a default. */
  public static final class Builder {
    private Path workingDir = Path.of("");
    private Map<String, String> environment = System.getenv();
    private Clock clock = Clock.systemUTC();
    private Path outputDir; // null: reports/, or under the build's folder in a build's project
    private RunOptions options = RunOptions.builder().build();
    private ProjectConfig catalog;
    private Path configFile;
    private Function<ModelConfig, ModelClient> client;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private Consumer<String> warnings = message -> {};

    private Builder() {}

    /** Where relative paths start (default: the process's working directory). */
    public Builder workingDir(Path dir) {
      this.workingDir = Objects.requireNonNull(dir);
      return this;
    }

    /** Where API keys and base URLs come from (default: the process's environment). */
    public Builder environment(Map<String, String> env) {
      this.environment = Map.copyOf(env);
      return this;
    }

    /** What stamps runs (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * The folder that holds one folder per run (default: {@code reports}; in a Maven project, a
     * working directory with a {@code pom.xml}, {@code target/promptcheck/reports}; in a Gradle
     * one, {@code build/promptcheck/reports}, where the cache goes too).
     */
    public Builder outputDir(Path dir) {
      this.outputDir = Objects.requireNonNull(dir);
      return this;
    }

    /** Concurrency, repeats, timeouts, models, judge, cache, filter, shard. */
    public Builder options(RunOptions options) {
      this.options = Objects.requireNonNull(options);
      return this;
    }

    /**
     * Model names and limits, as a {@code promptcheck.yaml} defines them, instead of reading one.
     */
    public Builder catalog(ProjectConfig catalog) {
      this.catalog = Objects.requireNonNull(catalog);
      this.configFile = null;
      return this;
    }

    /**
     * The promptcheck.yaml to read, relative to the working directory, as {@code run --config}
     * (default: the nearest from the suite's folder up to the repository root, then the working
     * directory's). {@link #build()} throws when it is not a file.
     */
    public Builder config(Path file) {
      this.configFile = Objects.requireNonNull(file);
      this.catalog = null;
      return this;
    }

    /** Answers every call with a client of your own instead of a provider. */
    public Builder client(Function<ModelConfig, ModelClient> client) {
      this.client = Objects.requireNonNull(client);
      return this;
    }

    /** A variable for every case, as {@code --var name=value}. */
    public Builder variable(String name, String value) {
      variables.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Where warnings that do not stop a run go (an unwritable cache); dropped by default. */
    public Builder onWarning(Consumer<String> sink) {
      this.warnings = Objects.requireNonNull(sink);
      return this;
    }

    public PromptCheck build() {
      return new PromptCheck(this);
    }
  }
}
