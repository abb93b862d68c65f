package dev.promptcheck.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.promptcheck.report.ComparisonConsole;
import dev.promptcheck.report.ComparisonJson;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "compare",
    description =
        "Compare two runs case by case: each model's pass rate before and after, the paired"
            + " head-to-head (exact McNemar, or an exact sign test with repeats), regressions,"
            + " fixes, flaky, new and removed cases. Exit 1 when B has regressions against A.")
final class CompareCommand implements Callable<Integer> {
  private final Invocation invocation;

  CompareCommand(Invocation invocation) {
    this.invocation = invocation;
  }

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

  @Option(
      names = "--regressions",
      paramLabel = "any|significant",
      defaultValue = "any",
      description =
          "exit 1 on any regressed case (default) or only on a model's significant paired drop")
  String regressions;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description =
          "significance level: the better model is named only when p < P (default ${DEFAULT-VALUE})")
  double alpha;

  @Option(
      names = "--p-adjust",
      paramLabel = "holm|bh|none",
      defaultValue = "holm",
      description =
          "with several models, correct their paired p-values together: holm (default), bh"
              + " (Benjamini-Hochberg) or none")
  String pAdjust;

  @Option(
      names = "--cluster-by",
      paramLabel = "KEY",
      description =
          "a testData key whose cases are not independent: the paired tests count clusters")
  String clusterBy;

  @Option(names = "--json", description = "print the comparison as JSON (as in results.json)")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!failOn.equals("regressions") && !failOn.equals("none")) {
      throw new Main.UsageError("--fail-on must be regressions or none");
    }
    ReportOptions.checkAlpha(alpha);
    ExitPolicy policy;
    try {
      policy =
          new ExitPolicy(
              ExitPolicy.FailOn.parse(failOn),
              null,
              ExitPolicy.Gate.POINT,
              ExitPolicy.Regressions.parse(regressions));
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(e.getMessage());
    }
    RunResult a = ReportCommand.read(ReportCommand.resultsFile(invocation.resolve(baseline)));
    RunResult b = ReportCommand.read(ReportCommand.resultsFile(invocation.resolve(current)));
    Comparison c = Comparison.of(a, b, alpha, ReportOptions.adjust(pAdjust), clusterBy);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          ResultCodec.JSON
              .writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(ComparisonJson.baseline(c, b.runId())));
    } else {
      print(a, b, c, out);
      String gated = policy.regressionGate(c);
      if (gated != null) {
        out.println();
        out.println(gated);
      }
    }
    out.flush();
    return policy.exitCode(c);
  }

  private void print(RunResult a, RunResult b, Comparison c, PrintWriter out) {
    out.printf(
        "%s -> %s: %d regressions, %d fixes, %d flaky, %d new, %d removed%n",
        a.runId(),
        b.runId(),
        c.regressions().size(),
        c.fixes().size(),
        c.flaky().size(),
        c.added().size(),
        c.removed().size());
    print(out, "REGRESSION", c.regressions());
    print(out, "FIX", c.fixes());
    print(out, "NEW", c.added());
    print(out, "REMOVED", c.removed());
    out.println();
    out.println(
        "Per model, over cases (paired on the same cases, alpha "
            + HeadToHead.pNumber(alpha)
            + "):");
    ComparisonConsole.printModels(c, out);
    ComparisonConsole.printFlaky(c, out);
  }

  private static void print(PrintWriter out, String label, List<Comparison.Change> changes) {
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
              + (ch.before() != null && ch.after() != null
                  ? ": " + ch.before().describe() + " -> " + ch.after().describe()
                  : "")
              + (label.equals("REGRESSION") ? "; " + ch.reason() : ""));
    }
  }
}
