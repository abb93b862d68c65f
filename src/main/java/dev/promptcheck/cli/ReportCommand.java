package dev.promptcheck.cli;

import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Comparison comparison = reports.comparison(run);
    reports.write(
        run,
        comparison,
        file.toAbsolutePath().getParent(),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
    int exit = reports.exitCode(run, comparison, spec.commandLine().getErr());
    reports.printVerdict(run, comparison, exit, spec.commandLine().getOut());
    return exit;
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
