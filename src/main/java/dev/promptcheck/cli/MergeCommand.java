package dev.promptcheck.cli;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    Map<String, TrialResult> trials = new LinkedHashMap<>();
    Set<String> models = new LinkedHashSet<>();
    Map<String, RunResult.SuiteInfo> suites = new LinkedHashMap<>();
    List<String> incomplete = new ArrayList<>();
    for (RunResult r : runs) {
      for (TrialResult t : r.trials()) {
        if (trials.putIfAbsent(t.trialId(), t) != null) {
          spec.commandLine()
              .getErr()
              .println(
                  "promptcheck: trial "
                      + t.trialId()
                      + " appears in more than one input; the first is kept");
        }
      }
      models.addAll(r.models());
      r.suites().forEach(s -> suites.putIfAbsent(s.file(), s));
      if (r.incomplete() != null) {
        incomplete.add(r.runId() + ": " + r.incomplete());
      }
    }
    Instant start =
        runs.stream()
            .map(RunResult::startedAt)
            .min(Comparator.naturalOrder())
            .orElse(Instant.now());
    Instant end =
        runs.stream()
            .map(RunResult::finishedAt)
            .max(Comparator.naturalOrder())
            .orElse(Instant.now());
    List<String> commandLine = new ArrayList<>(List.of("merge"));
    inputs.forEach(p -> commandLine.add(p.toString()));
    RunResult merged =
        new RunResult(
            runId,
            dev.promptcheck.support.Version.get(),
            start,
            end,
            commandLine,
            new ArrayList<>(models),
            runs.get(0).judge(),
            new ArrayList<>(suites.values()),
            new ArrayList<>(trials.values()),
            incomplete.isEmpty() ? null : String.join("; ", incomplete));
    Path dir = reports.outDir().resolve(runId);
    Files.createDirectories(dir);
    Comparison comparison = reports.comparison(merged);
    reports.write(
        merged, comparison, dir, spec.commandLine().getOut(), spec.commandLine().getErr());
    return reports.exitCode(merged, comparison);
  }
}
