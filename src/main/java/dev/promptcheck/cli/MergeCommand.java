package dev.promptcheck.cli;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Merge;
import dev.promptcheck.result.RunResult;
import java.io.IOException;
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
        "Merge the results of shard runs (--shard K/N) into one run with one set of reports.")
final class MergeCommand implements Callable<Integer> {
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
    List<RunResult> runs =
        inputs.stream().map(p -> ReportCommand.read(ReportCommand.resultsFile(p))).toList();
    List<String> commandLine = new ArrayList<>(List.of("merge"));
    inputs.forEach(p -> commandLine.add(p.toString()));
    Merge.Outcome outcome = Merge.of(runs, runId, commandLine, Instant.now());
    outcome.warnings().forEach(w -> spec.commandLine().getErr().println("promptcheck: " + w));
    RunResult merged = outcome.run();
    Path dir = reports.outDir().resolve(runId);
    Files.createDirectories(dir);
    Comparison comparison = reports.comparison(merged);
    reports.write(
        merged, comparison, dir, spec.commandLine().getOut(), spec.commandLine().getErr());
    int exit = reports.exitCode(merged, comparison, spec.commandLine().getErr());
    reports.printVerdict(merged, comparison, exit, spec.commandLine().getOut());
    return exit;
  }
}
