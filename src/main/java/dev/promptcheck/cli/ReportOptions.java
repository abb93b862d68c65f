package dev.promptcheck.cli;

import dev.promptcheck.report.ComparisonConsole;
import dev.promptcheck.report.ConsoleReport;
import dev.promptcheck.report.ConsoleStyle;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.report.LatestRun;
import dev.promptcheck.report.ReportWriter;
import dev.promptcheck.report.Reports;
import dev.promptcheck.report.WrappingWriter;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.PAdjust;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.run.Journal;
import dev.promptcheck.support.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The report and gating flags shared by {@code run} and {@code report}. */
final class ReportOptions {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "reports",
      description =
          "run: where run folders go (default ${DEFAULT-VALUE}/); report: the folder to write the"
              + " reports into (default: the run's own folder)")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "LIST",
      defaultValue = "console,json,junit,md,html",
      split = ",",
      description =
          "reports to write: console, json, junit, md, html (default ${DEFAULT-VALUE}); results.jsonl is always kept")
  List<String> formats = new ArrayList<>();

  @Option(
      names = "--baseline",
      paramLabel = "RESULTS.json",
      description = "report regressions and fixes against an earlier run")
  Path baseline;

  @Option(
      names = "--fail-on",
      paramLabel = "failures|regressions|skipped|drift|none",
      defaultValue = "failures",
      description =
          "what makes the exit code 1 (default ${DEFAULT-VALUE}; skipped: failures or any check"
              + " that could not run; drift, in run: a significant drop against --history)")
  String failOn;

  @Option(
      names = "--min-pass-rate",
      paramLabel = "X",
      converter = OptionTypes.Rate.class,
      description =
          "with --fail-on failures: pass when every model's pass rate over cases is at least X"
              + " (0..1, or a percentage: 80%%)")
  Double minPassRate;

  @Option(
      names = "--gate",
      paramLabel = "point|lower-bound",
      defaultValue = "point",
      description =
          "with --min-pass-rate: hold it against the pass rate itself (point, default) or against"
              + " the lower end of its 95% interval over cases (lower-bound: pass only when the"
              + " suite shows the rate is reached)")
  String gate = "point";

  @Option(
      names = "--regressions",
      paramLabel = "any|significant",
      defaultValue = "any",
      description =
          "with --fail-on regressions: exit 1 on any case that regressed (any, default) or only"
              + " when a model's paired drop against --baseline is significant (significant: exact"
              + " paired test, p < --alpha, adjusted by --p-adjust across models)")
  String regressions = "any";

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description =
          "significance level of the paired comparisons: the better model is named only when"
              + " p < P (default ${DEFAULT-VALUE})")
  double alpha = HeadToHead.DEFAULT_ALPHA;

  @Option(
      names = "--p-adjust",
      paramLabel = "holm|bh|none",
      defaultValue = "holm",
      description =
          "with several paired comparisons (three models: three pairs), correct their p-values"
              + " together: holm (default), bh (Benjamini-Hochberg) or none")
  String pAdjust = "holm";

  @Option(
      names = "--cluster-by",
      paramLabel = "KEY",
      description =
          "a testData key whose cases are not independent (same topic, same source document):"
              + " pass-rate intervals use the cluster-robust effective number of cases and the"
              + " paired tests count clusters; a case without the key stands alone")
  String clusterBy;

  @Option(
      names = "--no-color",
      description = "no colour on the console (also when NO_COLOR is set; never in a file or pipe)")
  boolean noColor;

  @Option(names = "--quiet", description = "no progress bar and no summary table")
  boolean quiet;

  private RunResult baselineRun;

  /** The notice for a baseline that does not exist yet (a first night); null otherwise. */
  private String firstBaseline;

  private RunSummary summary;

  /** The reports {@link #write} could not write, each with why; none when all are in place. */
  private List<String> notWritten = List.of();

  private Invocation invocation = Invocation.ofProcess();

  /** The working directory and environment the flags are read in; the process's by default. */
  ReportOptions in(Invocation invocation) {
    this.invocation = invocation;
    return this;
  }

  Path outDir() {
    return invocation.resolve(out);
  }

  /**
   * Checks the flags and reads the baseline before anything runs, so a typo costs no model calls.
   */
  void check() {
    for (String f : formats) {
      if (!f.trim().equals("console") && Reports.writer(f.trim()).isEmpty()) {
        throw new Main.UsageError(
            "--format: unknown report '" + f.trim() + "' (console, json, junit, md, html)");
      }
    }
    checkAlpha(alpha);
    adjust();
    ExitPolicy policy = policy();
    if (policy.gate() != ExitPolicy.Gate.POINT && minPassRate == null) {
      throw new Main.UsageError(
          "--gate " + policy.gate().id() + " applies to --min-pass-rate X: give one");
    }
    if (policy.regressions() != ExitPolicy.Regressions.ANY
        && policy.failOn() != ExitPolicy.FailOn.REGRESSIONS) {
      throw new Main.UsageError(
          "--regressions "
              + policy.regressions().id()
              + " applies to --fail-on regressions (with --baseline OLD/results.json)");
    }
    if (policy.failOn() == ExitPolicy.FailOn.REGRESSIONS && baseline == null) {
      throw new Main.UsageError("--fail-on regressions needs --baseline OLD/results.json");
    }
    if (baseline != null && baselineRun == null && !Files.exists(invocation.resolve(baseline))) {
      // a nightly job's first night: nothing to regress from yet. The run is not compared, the
      // regression gate passes, and a notice says so (a job saves this run as the next baseline)
      firstBaseline =
          "notice: --baseline "
              + baseline
              + " does not exist yet: nothing to regress from, so this run is compared with"
              + " nothing and reports no regressions (save its results.json as the baseline)";
      return;
    }
    if (baseline != null && baselineRun == null) {
      try {
        baselineRun = JsonReport.read(invocation.resolve(baseline));
      } catch (IOException e) {
        throw new Main.UsageError(
            "--baseline "
                + baseline
                + ": "
                + e.getMessage().lines().findFirst().orElse("unreadable"));
      }
    }
  }

  Comparison comparison(RunResult run) {
    check();
    return baselineRun == null
        ? Comparison.none(alpha, adjust())
        : Comparison.of(baselineRun, run, alpha, adjust(), clusterBy);
  }

  /** The correction {@code --p-adjust} asks for. */
  PAdjust adjust() {
    return adjust(pAdjust);
  }

  static PAdjust adjust(String text) {
    try {
      return PAdjust.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(e.getMessage());
    }
  }

  static void checkAlpha(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new Main.UsageError("--alpha must be between 0 and 1 (exclusive), not " + alpha);
    }
  }

  void write(
      RunResult run, Comparison comparison, Path runDir, PrintWriter stdout, PrintWriter stderr)
      throws IOException {
    write(run, comparison, runDir, true, stdout, stderr);
  }

  /**
   * Writes the reports into {@code runDir}. When it is the run's own folder ({@code runFolder}: it
   * holds the journal) {@code latest} beside it is pointed at it; a copy written elsewhere ({@code
   * report RUN --out DIR}) re-points nothing, since it is no new run.
   */
  void write(
      RunResult run,
      Comparison comparison,
      Path runDir,
      boolean runFolder,
      PrintWriter stdout,
      PrintWriter stderr)
      throws IOException {
    Set<String> wanted = new LinkedHashSet<>(formats.stream().map(String::trim).toList());
    if (clusterBy != null
        && run.trials().stream().noneMatch(t -> t.testCase().containsKey(clusterBy))) {
      // a misspelt key would otherwise leave every interval unclustered without a word
      stderr.println(
          "promptcheck: warning: --cluster-by "
              + clusterBy
              + ": no case has a testData key '"
              + clusterBy
              + "', so each case stands alone");
      stderr.flush();
    }
    List<Path> written = new ArrayList<>();
    RunSummary summary = summaryOf(run); // every report shows the same figures: computed once
    List<ReportWriter> writers =
        wanted.stream()
            .filter(f -> !f.equals("console"))
            .map(f -> Reports.writer(f).orElseThrow())
            .toList();
    try {
      written.addAll(Reports.writeAll(writers, summary, comparison, runDir));
    } catch (Reports.NotWritten e) {
      // a full disk: the journal holds every trial, so the reports can be written later
      written.addAll(e.written());
      notWritten =
          e.failed().stream()
              .map(f -> "could not write " + invocation.shown(f.target()) + ": " + f.reason())
              .toList();
    }
    Path outRoot = runDir.toAbsolutePath().getParent();
    if (runFolder && notWritten.isEmpty() && outRoot != null && Files.isDirectory(outRoot)) {
      try {
        LatestRun.update(outRoot, runDir);
      } catch (IOException e) {
        stderr.println(
            "promptcheck: warning: could not point "
                + outRoot.resolve(LatestRun.NAME)
                + " at this run: "
                + e);
      }
    }
    PrintWriter console = console(stdout);
    if (wanted.contains("console") && !quiet) {
      ConsoleReport.print(summary, comparison, console, style(), consoleWidth());
      ComparisonConsole.print(summary, comparison, console);
    }
    if (run.incomplete() != null) {
      stderr.println("promptcheck: run incomplete: " + run.incomplete());
    }
    if (!notWritten.isEmpty()) {
      notWritten.forEach(m -> stderr.println("promptcheck: " + m));
      stderr.println(
          "promptcheck: no trial is lost (they are in "
              + invocation.shown(runDir.resolve(Journal.FILE))
              + "): once there is room, '"
              + invocation.commandLine("report " + RunWatch.shellQuoted(invocation.shown(runDir)))
              + "' writes the reports");
      stderr.flush();
    }
    if (!quiet) {
      console.println();
      console.println(
          "Reports: "
              + invocation.shown(runDir)
              + (written.isEmpty()
                  ? ""
                  : " ("
                      + String.join(
                          ", ", written.stream().map(p -> p.getFileName().toString()).toList())
                      + (runFolder ? ", results.jsonl)" : ")")));
      console.flush();
    }
  }

  /** The figures of {@code run}, shared by its reports, the console and the verdict line. */
  @SuppressWarnings("ReferenceEquality") // the same run object; equals would compare every trial
  private RunSummary summaryOf(RunResult run) {
    if (summary == null || summary.run() != run) {
      summary = RunSummary.of(run, invocation.secrets(), policy(), clusterBy);
    }
    return summary;
  }

  /** The exit-code policy the flags ask for. */
  ExitPolicy policy() {
    try {
      return new ExitPolicy(
          ExitPolicy.FailOn.parse(failOn),
          minPassRate,
          ExitPolicy.Gate.parse(gate),
          ExitPolicy.Regressions.parse(regressions));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(
          e.getMessage().startsWith("--")
              ? e.getMessage()
              : "--min-pass-rate must be between 0 and 1, not " + minPassRate);
    }
  }

  /**
   * The console's width: {@code COLUMNS} when set (as git, less and cargo honour it), else the
   * terminal's; 0, no limit, when stdout is a file or a pipe, so a CI log keeps whole lines.
   */
  int consoleWidth() {
    if (consoleWidth == null) {
      consoleWidth = detectWidth();
    }
    return consoleWidth;
  }

  private Integer consoleWidth;

  private int detectWidth() {
    String columns = invocation.environment().get("COLUMNS");
    if (columns != null) {
      try {
        int n = Integer.parseInt(columns.trim());
        if (n >= 20) {
          return n;
        }
      } catch (NumberFormatException notANumber) {
        // as unset
      }
    }
    return Terminal.interactive() ? ProgressDisplay.terminalWidth() : 0;
  }

  /** {@code stdout} with its lines fitted to the console's width, when it has one. */
  private PrintWriter console(PrintWriter stdout) {
    int width = consoleWidth();
    return width == 0 ? stdout : new PrintWriter(new WrappingWriter(stdout, width));
  }

  /** The console's colours: only on a terminal, and not when refused. */
  ConsoleStyle style() {
    return ConsoleStyle.detect(noColor, invocation.environment(), Terminal.interactive());
  }

  /** The run's last line, {@code FAIL 8/13 · exit 1}, once the exit code is final. */
  void printVerdict(RunResult run, Comparison comparison, int exitCode, PrintWriter stdout) {
    if (formats.stream().map(String::trim).anyMatch("console"::equals) && !quiet) {
      PrintWriter console = console(stdout);
      String gated = policy().regressionGate(comparison);
      if (gated != null) {
        console.println(gated); // which rule decided, right above the verdict it decided
      }
      console.println(ConsoleReport.verdict(summaryOf(run), comparison, exitCode, style()));
      console.flush();
    }
  }

  /** The exit code; each model that fell short of {@code --min-pass-rate} is named on stderr. */
  int exitCode(RunResult run, Comparison comparison, PrintWriter stderr) {
    ExitPolicy policy = policy();
    if (firstBaseline != null) {
      stderr.println("promptcheck: " + firstBaseline);
      stderr.flush();
    }
    if (policy.failOn() == ExitPolicy.FailOn.FAILURES
        || policy.failOn() == ExitPolicy.FailOn.SKIPPED) {
      policy.shortfalls(run, clusterBy).forEach(s -> stderr.println("promptcheck: " + s));
      stderr.flush();
    }
    int exit = policy.exitCode(run, comparison, clusterBy);
    // reports that could not be written leave the run unfinished, whatever its verdicts
    return notWritten.isEmpty() ? exit : Math.max(exit, ExitCode.INCOMPLETE);
  }
}
