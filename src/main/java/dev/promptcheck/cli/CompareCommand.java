package dev.promptcheck.cli;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Stats;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "compare",
    description =
        "Compare two runs: regressions, fixes, new and removed cases, per-model pass-rate deltas."
            + " Exit 1 when B has regressions against A.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "A",
      description = "the baseline: results.json or its run folder")
  Path baseline;

  @Parameters(
      index = "1",
      paramLabel = "B",
      description = "the new run: results.json or its run folder")
  Path current;

  @Option(
      names = "--fail-on",
      defaultValue = "regressions",
      paramLabel = "regressions|none",
      description = "exit 1 on regressions (default) or never")
  String failOn;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    RunResult a = ReportCommand.read(ReportCommand.resultsFile(baseline));
    RunResult b = ReportCommand.read(ReportCommand.resultsFile(current));
    Comparison c = Comparison.of(a, b);
    var out = spec.commandLine().getOut();
    out.printf(
        "%s -> %s: %d regressions, %d fixes, %d new, %d removed%n",
        a.runId(),
        b.runId(),
        c.regressions().size(),
        c.fixes().size(),
        c.added().size(),
        c.removed().size());
    print(out, "REGRESSION", c.regressions());
    print(out, "FIX", c.fixes());
    print(out, "NEW", c.added());
    print(out, "REMOVED", c.removed());
    out.println();
    out.printf("%-40s %9s %9s %8s  %s%n", "model", "before", "after", "delta", "p-value");
    for (Comparison.ModelDelta d : c.models()) {
      out.printf(
          Locale.ROOT,
          "%-40s %9s %9s %+7.1f%%  %.3f%s%n",
          d.model(),
          Stats.percent(d.before()),
          Stats.percent(d.after()),
          (d.after() - d.before()) * 100,
          d.pValue(),
          d.significant() ? " (significant at 95%)" : "");
    }
    out.flush();
    if (!failOn.equals("regressions") && !failOn.equals("none")) {
      throw new Main.UsageError("--fail-on must be regressions or none");
    }
    return new ExitPolicy(ExitPolicy.FailOn.parse(failOn), null).exitCode(c);
  }

  private static void print(
      java.io.PrintWriter out, String label, java.util.List<Comparison.Change> changes) {
    for (Comparison.Change ch : changes) {
      out.println(
          "  "
              + label
              + "  "
              + ch.file()
              + " "
              + ch.caseLabel()
              + " ["
              + ch.model()
              + "]"
              + (label.equals("REGRESSION") ? ": " + ch.reason() : ""));
    }
  }
}
