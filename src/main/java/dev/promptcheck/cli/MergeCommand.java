package dev.promptcheck.cli;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.result.Merge;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.run.Journal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "merge",
    description =
        "Merge the results of shard runs (--shard K/N) into one run with one set of reports."
            + " Refuses shards of different suites or overlapping shards (exit 2); a missing"
            + " shard makes the merged run incomplete (exit 3).")
final class MergeCommand implements Callable<Integer> {
  private final Invocation invocation;

  MergeCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "run folders (or results.json files) of the shards")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      defaultValue = "merged",
      description = "name of the merged run folder (default ${DEFAULT-VALUE})")
  String runId;

  @CommandLine.Mixin ReportOptions reports = new ReportOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Merge.Input> runs = new ArrayList<>();
    for (Path p : inputs) {
      Path file = ReportCommand.resultsFile(invocation.resolve(p));
      runs.add(new Merge.Input(file.toString(), ReportCommand.read(file)));
    }
    reports.in(invocation).check();
    List<String> commandLine = new ArrayList<>(List.of("merge"));
    inputs.forEach(p -> commandLine.add(p.toString()));
    Merge.Outcome outcome = Merge.merge(runs, runId, commandLine, Instant.now());
    if (outcome instanceof Merge.Refused refused) {
      err.println("promptcheck: merge refused: " + refused.reason());
      err.println("promptcheck: " + refused.advice());
      err.flush();
      return ExitCode.INVALID_INPUT;
    }
    Merge.Merged done = (Merge.Merged) outcome;
    done.warnings().forEach(w -> err.println("promptcheck: " + w));
    RunResult merged = done.run();
    Path dir = reports.outDir().resolve(runId);
    Files.createDirectories(dir);
    // the journal too, so that the merged run is re-rendered, compared and resumed like any other
    Journal.write(dir, merged.trials(), invocation.secrets());
    Comparison comparison = reports.comparison(merged);
    reports.write(merged, comparison, dir, spec.commandLine().getOut(), err);
    int exit = reports.exitCode(merged, comparison, err);
    reports.printVerdict(merged, comparison, exit, spec.commandLine().getOut());
    return exit;
  }
}
