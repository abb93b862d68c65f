package dev.promptcheck.report;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Flakiness;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.SkippedChecks;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Texts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code summary.md}: short enough for a pull-request comment or {@code $GITHUB_STEP_SUMMARY}.
 * Regressions first when there is a baseline, then pass rates per suite and model, then the failing
 * cases: the first 20 in full, the rest folded.
 */
public final class MarkdownReport implements ReportWriter {
  public static final String FILE = "summary.md";
  static final int SHOWN = 20;

  @Override
  public String format() {
    return "md";
  }

  @Override
  public Path write(RunSummary summary, Comparison comparison, Path dir) throws IOException {
    return AtomicFiles.write(dir.resolve(FILE), summary.secrets(), render(summary, comparison));
  }

  static String render(RunResult run, Comparison comparison) {
    return render(RunSummary.of(run), comparison);
  }

  static String render(RunSummary summary, Comparison comparison) {
    RunResult run = summary.run();
    StringBuilder md = new StringBuilder();
    Stats all = summary.all();
    SkippedChecks skipped = SkippedChecks.of(run.trials());
    String icon =
        !all.allPassed() || !run.refused().isEmpty()
            ? "\u274C"
            : run.incomplete() != null || skipped.any() ? "\u26A0\uFE0F" : "\u2705";
    md.append("## ")
        .append(icon)
        .append(" promptcheck: ")
        .append(summary.caseCount().headline(all.passRate()))
        .append("\n\n");
    md.append("Run `")
        .append(run.runId())
        .append("` · ")
        .append(all.total())
        .append(" trials: ")
        .append(all.passed())
        .append(" passed · ")
        .append(all.failed())
        .append(" failed · ")
        .append(all.errors())
        .append(" errors · ")
        .append(all.skipped())
        .append(" skipped");
    if (all.cost() != null) {
      md.append(" · $").append(String.format(Locale.ROOT, "%.4f", all.cost()));
    }
    md.append("\n\n");
    if (run.incomplete() != null) {
      md.append("> **Run incomplete:** ").append(cell(run.incomplete())).append("\n\n");
    }
    String limits = ConsoleReport.limits(run.limits());
    if (!limits.isEmpty()) {
      // the job page says what the provider's limits cost the run, as the console and report.html
      md.append("> ").append(cell(limits)).append("\n\n");
    }
    if (skipped.any()) {
      md.append("> **Skipped:** ").append(cell(skipped.describe())).append("\n\n");
    }
    if (!run.refused().isEmpty()) {
      md.append("### Refused files (not run)\n\n");
      for (RunResult.RefusedFile r : run.refused()) {
        md.append("- **ERROR** `").append(code(r.file())).append("`: ");
        md.append(cell(r.firstError()));
        if (r.errors().size() > 1) {
          md.append(" (and ").append(r.errors().size() - 1).append(" more)");
        }
        md.append('\n');
      }
      md.append('\n');
    }
    if (!run.notRun().isEmpty()) {
      md.append("### Files not run\n\n");
      for (RunResult.NotRunFile n : run.notRun()) {
        md.append("- **NOT RUN** `").append(code(n.file())).append("`: ");
        md.append(cell(n.reason())).append('\n');
      }
      md.append('\n');
    }
    if (comparison.present()) {
      md.append("### Against baseline `").append(comparison.baselineRunId()).append("`\n\n");
      md.append(comparison.regressions().size())
          .append(" regressions · ")
          .append(comparison.fixes().size())
          .append(" fixes · ")
          .append(comparison.flaky().size())
          .append(" flaky · ")
          .append(comparison.added().size())
          .append(" new · ")
          .append(comparison.removed().size())
          .append(" removed\n\n");
      changes(md, "Regressions", comparison.regressions());
      changes(md, "Fixes", comparison.fixes());
      changes(md, "Flaky on either side (not counted as regressions or fixes)", comparison.flaky());
      for (Comparison.ModelPair p : comparison.models()) {
        md.append("- ")
            .append(cell(p.name()))
            .append(": ")
            .append(ComparisonConsole.rate(p.beforeRate()))
            .append(" → ")
            .append(ComparisonConsole.rate(p.afterRate()));
        if (p.headToHead() != null) {
          md.append(" — ").append(cell(p.headToHead().sentence()));
        }
        md.append('\n');
      }
      md.append('\n');
      String gated = summary.policy() == null ? null : summary.policy().regressionGate(comparison);
      if (gated != null) {
        md.append("**").append(cell(gated)).append("**\n\n");
      }
    }
    md.append(
        "| Suite | Model | Pass | Fail | Error | Skip | Pass rate over cases (95% CI) | p50 / p95 ms |\n");
    md.append("|---|---|---:|---:|---:|---:|---|---|\n");
    Map<List<String>, Stats> suiteStats = summary.suiteStats();
    for (Map.Entry<List<String>, List<TrialResult>> e : summary.bySuite().entrySet()) {
      Stats s = suiteStats.get(e.getKey());
      TrialResult first = e.getValue().get(0);
      md.append("| ")
          .append(cell(first.file()))
          .append(" | ")
          .append(cell(first.model()))
          .append(" | ")
          .append(s.passed())
          .append(" | ")
          .append(s.failed())
          .append(" | ")
          .append(s.errors())
          .append(" | ")
          .append(s.skipped())
          .append(" | ")
          .append(Stats.percent(s.passRate()))
          .append(" (")
          .append(Stats.percent(s.low()))
          .append("–")
          .append(Stats.percent(s.high()))
          .append(") | ")
          .append(s.p50LatencyMs())
          .append(" / ")
          .append(s.p95LatencyMs())
          .append(" |\n");
    }
    StringBuilder certain = new StringBuilder();
    summary
        .modelStats()
        .forEach(
            (model, s) -> {
              if (s.ruleOfThree() != null) {
                certain.append("- ").append(cell(model)).append(": ").append(s.ruleOfThree());
                certain.append('\n');
              }
            });
    if (certain.length() > 0) {
      md.append('\n').append(certain);
    }
    List<HeadToHead> pairs = summary.pairs(comparison);
    if (!pairs.isEmpty()) {
      md.append("\n### Head to head\n\nPaired on the same cases, alpha ")
          .append(ComparisonConsole.alpha(comparison.alpha()))
          .append(
              ".\n\n| A | B | A better | B better | ties | B − A, points (95% CI) | p | p adjusted"
                  + " | verdict |\n")
          .append("|---|---|---:|---:|---:|---|---:|---:|---|\n");
      for (HeadToHead h : pairs) {
        md.append("| ")
            .append(cell(h.a()))
            .append(" | ")
            .append(cell(h.b()))
            .append(" | ")
            .append(h.aBetter())
            .append(" | ")
            .append(h.bBetter())
            .append(" | ")
            .append(h.ties())
            .append(" | ")
            .append(ComparisonConsole.points(h.difference()))
            .append(" | ")
            .append(HeadToHead.pNumber(h.pValue()))
            .append(" | ")
            .append(ComparisonConsole.pAdjusted(h))
            .append(" | ")
            .append(cell(h.sentence()))
            .append(" |\n");
      }
    }
    List<Flakiness> flaky = summary.flaky();
    if (!flaky.isEmpty()) {
      md.append("\n### Flaky cases\n\n");
      flaky.forEach(f -> md.append("- ").append(cell(f.describe())).append('\n'));
    }
    List<TrialResult> bad =
        run.trials().stream()
            .filter(t -> t.status() == Status.FAIL || t.status() == Status.ERROR)
            .toList();
    if (!bad.isEmpty()) {
      md.append("\n### Failing cases\n\n");
      for (int i = 0; i < bad.size(); i++) {
        if (i == SHOWN) {
          md.append("\n<details><summary>")
              .append(bad.size() - SHOWN)
              .append(" more failing cases</summary>\n\n");
        }
        failure(md, bad.get(i));
      }
      if (bad.size() > SHOWN) {
        md.append("\n</details>\n");
      }
    }
    return md.toString();
  }

  private static void failure(StringBuilder md, TrialResult t) {
    md.append("- **")
        .append(t.status().id().toUpperCase(Locale.ROOT))
        .append("** `")
        .append(code(t.file()))
        .append("` ")
        .append(cell(t.caseLabel()))
        .append(" · ")
        .append(cell(t.model()));
    if (t.repeat() > 0) {
      md.append(" · repeat ").append(t.repeat() + 1);
    }
    md.append('\n');
    if (t.error() != null) {
      md.append("  - ").append(cell(t.error())).append('\n');
    }
    for (Verdict v : t.failing()) {
      md.append("  - ").append(cell(v.name())).append(": ").append(cell(v.reason())).append('\n');
    }
    if (!t.toolCalls().isEmpty()) {
      md.append("  - tool calls: ")
          .append(
              t.toolCalls().stream()
                  .map(c -> "`" + code(c.toString()) + "`")
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
  }

  private static void changes(StringBuilder md, String title, List<Comparison.Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    md.append("**").append(title).append("**\n\n");
    for (int i = 0; i < Math.min(SHOWN, changes.size()); i++) {
      Comparison.Change c = changes.get(i);
      md.append("- `")
          .append(code(c.file()))
          .append("` ")
          .append(cell(c.caseLabel()))
          .append(" · ")
          .append(cell(c.model()))
          .append(": ")
          .append(c.before() == null ? "new" : c.before().describe())
          .append(" → ")
          .append(c.after() == null ? "removed" : c.after().describe());
      if (c.after() != null && !c.reason().isEmpty()) {
        md.append(" — ").append(cell(c.reason()));
      }
      md.append('\n');
    }
    if (changes.size() > SHOWN) {
      md.append("- … and ").append(changes.size() - SHOWN).append(" more\n");
    }
    md.append('\n');
  }

  /** Text for a table cell or list item: one line, no table breaks, no raw HTML. */
  static String cell(String s) {
    if (s == null) {
      return "";
    }
    String one =
        Texts.printable(s.replaceAll("\\s+", " "))
            .strip()
            .replace("|", "\\|")
            .replace("<", "&lt;")
            .replace(">", "&gt;");
    return Texts.truncate(one, 300, "…");
  }

  private static String code(String s) {
    return Texts.printable(s).replace("`", "'");
  }
}
