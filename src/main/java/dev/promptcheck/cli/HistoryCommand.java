package dev.promptcheck.cli;

import dev.promptcheck.history.Drift;
import dev.promptcheck.history.RunHistory;
import dev.promptcheck.result.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "history",
    description =
        "Index run folders into a history (history.sqlite) and write its trend page"
            + " (history.html, history.json, history.md) with the drifts found.")
final class HistoryCommand implements Callable<Integer> {
  /** What {@code --fail-on} can gate on. */
  enum FailOn {
    none,
    drift
  }

  private final Invocation invocation;

  HistoryCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Parameters(
      paramLabel = "RUN_OR_FOLDER",
      arity = "0..*",
      description =
          "run folders, or folders holding them (reports/, downloaded artifacts); default: reports")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the index and the pages go (default: reports/history)")
  Path out;

  @Option(
      names = "--all",
      description =
          "list every drift in the history, not only those that still hold in the latest run")
  boolean all;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      converter = OptionTypes.Rate.class,
      description = "significance level of the drift tests (default 0.05)")
  double alpha = 0.05;

  @Option(
      names = "--fail-on",
      paramLabel = "WHAT",
      description = "drift: exit 1 when a suite's pass rate dropped significantly; none (default)")
  FailOn failOn = FailOn.none;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter outWriter = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> paths =
        inputs.isEmpty()
            ? List.of(invocation.resolve(Path.of("reports")))
            : inputs.stream().map(invocation::resolve).toList();
    Path dir = invocation.resolve(out != null ? out : Path.of("reports", "history"));
    RunHistory.Outcome outcome;
    try {
      outcome = RunHistory.update(paths, dir, new RunHistory.Options(alpha, all));
    } catch (IOException e) {
      err.println("promptcheck: " + e.getMessage());
      return ExitCode.INVALID_INPUT;
    }
    outcome.warnings().forEach(w -> err.println("warning: " + w));
    outcome.notes().forEach(n -> err.println("note: " + n));
    outWriter.println(
        "History: "
            + outcome.runs()
            + (outcome.runs() == 1 ? " run" : " runs")
            + " ("
            + outcome.added()
            + " new), "
            + outcome.suites()
            + (outcome.suites() == 1 ? " suite" : " suites")
            + " × model");
    if (outcome.drifts().isEmpty()) {
      outWriter.println("No drift.");
    } else {
      outcome.drifts().forEach(d -> outWriter.println("DRIFT " + d.describe()));
    }
    outWriter.println(
        "Pages: "
            + dir
            + " ("
            + String.join(
                ", ", outcome.written().stream().map(p -> p.getFileName().toString()).toList())
            + ")");
    boolean dropped = outcome.drifts().stream().map(Drift::direction).anyMatch("drop"::equals);
    if (failOn == FailOn.drift && dropped) {
      outWriter.println("FAIL: a suite's pass rate dropped significantly · exit 1");
      return ExitCode.FAILURES;
    }
    return ExitCode.PASSED;
  }
}
