package dev.promptcheck.cli;

import dev.promptcheck.report.JsonReport;
import dev.promptcheck.report.ResultsHeader;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.RunResult;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    description = "Re-render reports from a saved results.json (or a run folder); calls nothing.")
final class ReportCommand implements Callable<Integer> {
  private final Invocation invocation;

  ReportCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Parameters(
      paramLabel = "RESULTS.json",
      description = "a results.json, or the run folder holding it")
  Path results;

  @CommandLine.Mixin ReportOptions reports = new ReportOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    reports.in(invocation);
    if (reports.policy().failOn() == ExitPolicy.FailOn.DRIFT) {
      throw new Main.UsageError(
          "--fail-on drift gates a run against its history: give it to 'run' (with --history DIR)"
              + " or to 'history'");
    }
    Path file = resultsFile(invocation.resolve(results));
    RunResult run = read(file);
    Path runDir = file.toAbsolutePath().getParent();
    asTheRunWas(file, runDir);
    // --out names the folder the reports go into; without it they are rewritten in the run folder
    Path target =
        spec.commandLine().getParseResult().hasMatchedOption("--out")
            ? invocation.resolve(reports.out).toAbsolutePath().normalize()
            : runDir;
    boolean inPlace = target.equals(runDir.normalize());
    if (!inPlace) {
      createOut(target);
    }
    Comparison comparison = reports.comparison(run);
    reports.write(
        run, comparison, target, inPlace, spec.commandLine().getOut(), spec.commandLine().getErr());
    int exit = reports.exitCode(run, comparison, spec.commandLine().getErr());
    reports.printVerdict(run, comparison, exit, spec.commandLine().getOut());
    return exit;
  }

  /**
   * Takes what the run was compared and gated with, for each flag the report line does not give
   * again: the baseline it was compared against (found by its run id, since a nightly job replaces
   * the file at the baseline's path with each good night), the alpha and correction of its
   * comparisons (results.json) and its {@code --fail-on}/{@code --min-pass-rate} (command.json). So
   * re-rendering a run shows the run's own "Against baseline" section and verdict.
   */
  private void asTheRunWas(Path file, Path runDir) {
    CommandLine.ParseResult given = spec.commandLine().getParseResult();
    ResultsHeader header;
    try {
      header = ResultsHeader.read(file);
    } catch (IOException e) {
      return; // read() above already refused a file that is not results.json
    }
    RunArguments stored = storedArguments(runDir);
    if (!given.hasMatchedOption("--alpha") && header.alpha() != null) {
      reports.alpha = header.alpha();
    }
    if (!given.hasMatchedOption("--p-adjust") && header.pAdjust() != null) {
      reports.pAdjust = header.pAdjust();
    }
    if (stored != null && !given.hasMatchedOption("--fail-on") && stored.failOn() != null) {
      reports.failOn = stored.failOn();
    }
    if (stored != null && !given.hasMatchedOption("--min-pass-rate")) {
      reports.minPassRate = stored.minPassRate();
    }
    if (given.hasMatchedOption("--baseline") || header.baselineRunId() == null) {
      return; // given again, or the run was compared with nothing (a first night, no --baseline)
    }
    List<Path> candidates = new ArrayList<>();
    if (stored != null && stored.baseline() != null) {
      candidates.add(Path.of(stored.baseline()));
    }
    // a baseline kept as a run folder next to this one (reports/night-1)
    if (runDir.getParent() != null) {
      candidates.add(runDir.getParent().resolve(header.baselineRunId()).resolve(JsonReport.FILE));
    }
    for (Path candidate : candidates) {
      if (runIdOf(candidate).equals(header.baselineRunId())) {
        reports.baseline = candidate;
        return;
      }
    }
    String where =
        stored != null && stored.baseline() != null
            ? " (" + invocation.shown(Path.of(stored.baseline())) + " now holds another run)"
            : "";
    if (ExitPolicy.FailOn.REGRESSIONS.name().equalsIgnoreCase(reports.failOn)) {
      throw new Main.UsageError(
          "the run was compared with baseline "
              + header.baselineRunId()
              + ", which is not found"
              + where
              + ": give its results.json with --baseline, or choose another --fail-on");
    }
    spec.commandLine()
        .getErr()
        .println(
            "promptcheck: warning: the run was compared with baseline "
                + header.baselineRunId()
                + ", which is not found"
                + where
                + ": these reports have no 'Against baseline' section; give its results.json with"
                + " --baseline to keep it");
  }

  private static String runIdOf(Path results) {
    if (!Files.isRegularFile(results)) {
      return "";
    }
    try {
      return ResultsHeader.read(results).runId();
    } catch (IOException e) {
      return "";
    }
  }

  /** The run's command.json, or null: a merged run, or one started by an older promptcheck. */
  private static RunArguments storedArguments(Path runDir) {
    if (!Files.isRegularFile(runDir.resolve(RunArguments.FILE))) {
      return null;
    }
    try {
      return RunArguments.read(runDir);
    } catch (Main.UsageError e) {
      return null;
    }
  }

  private void createOut(Path target) {
    try {
      Files.createDirectories(target);
    } catch (IOException e) {
      throw new Main.UsageError(
          "--out "
              + reports.out
              + ": cannot write the reports there ("
              + (e instanceof FileAlreadyExistsException ? "a file is in the way" : e.toString())
              + ")");
    }
  }

  static Path resultsFile(Path given) {
    Path file = Files.isDirectory(given) ? given.resolve(JsonReport.FILE) : given;
    if (!Files.isRegularFile(file)) {
      throw new Main.UsageError(given + ": no results.json there");
    }
    return file;
  }

  static RunResult read(Path file) {
    try {
      return JsonReport.read(file);
    } catch (IOException e) {
      throw new Main.UsageError(
          file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
    }
  }
}
