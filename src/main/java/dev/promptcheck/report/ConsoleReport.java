package dev.promptcheck.report;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Flakiness;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.SkippedChecks;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.Texts;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The end-of-run table on the console: one row per prompt file × model, then the failing cases. */
public final class ConsoleReport {
  private static final int SHOWN_FAILURES = 10;

  private ConsoleReport() {}

  public static void print(RunResult run, Comparison comparison, PrintWriter out) {
    Map<String, List<TrialResult>> suites = Stats.group(run.trials(), TrialResult::suiteKey);
    int width = Math.max(20, suites.keySet().stream().mapToInt(String::length).max().orElse(20));
    width = Math.min(width, 70);
    out.println();
    out.printf(
        "%-" + width + "s  %5s %5s %5s %5s  %7s  %8s%n",
        "suite (file \u00d7 model)",
        "pass",
        "fail",
        "error",
        "skip",
        "rate",
        "p50 ms");
    for (var e : suites.entrySet()) {
      Stats s = Stats.of(e.getValue());
      out.printf(
          "%-" + width + "s  %5d %5d %5d %5d  %7s  %8d%n",
          clip(e.getKey(), width),
          s.passed(),
          s.failed(),
          s.errors(),
          s.skipped(),
          Stats.percent(s.passRate()),
          s.p50LatencyMs());
    }
    Stats all = Stats.of(run.trials());
    out.printf(
        "%-" + width + "s  %5d %5d %5d %5d  %7s%n",
        "total",
        all.passed(),
        all.failed(),
        all.errors(),
        all.skipped(),
        Stats.percent(all.passRate()));
    String answers = answerSources(run.trials());
    if (!answers.isEmpty()) {
      out.println(answers);
    }
    List<TrialResult> bad =
        run.trials().stream()
            .filter(t -> t.status() == Status.FAIL || t.status() == Status.ERROR)
            .toList();
    if (!bad.isEmpty()) {
      out.println();
      out.println(
          "Failing cases"
              + (bad.size() > SHOWN_FAILURES
                  ? " (first " + SHOWN_FAILURES + " of " + bad.size() + ")"
                  : "")
              + ":");
      for (TrialResult t : bad.subList(0, Math.min(SHOWN_FAILURES, bad.size()))) {
        out.println(
            "  "
                + t.status().id().toUpperCase()
                + "  "
                + clip(t.file(), 200)
                + " "
                + clip(t.caseLabel(), 200)
                + " ["
                + clip(t.model(), 100)
                + "]"
                + (t.repeat() > 0 ? " repeat " + (t.repeat() + 1) : ""));
        if (t.error() != null) {
          out.println("        " + clip(t.error(), 200));
        }
        for (Verdict v : t.failing()) {
          out.println("        " + clip(v.name(), 100) + ": " + clip(v.reason(), 200));
        }
      }
    }
    SkippedChecks skipped = SkippedChecks.of(run.trials());
    if (skipped.any()) {
      out.println();
      out.println("Skipped: " + clip(skipped.describe(), 400));
    }
    if (!run.refused().isEmpty()) {
      out.println();
      out.println("Refused files (not run, exit 2):");
      for (RunResult.RefusedFile r : run.refused()) {
        out.println("  ERROR  " + clip(r.file(), 200) + ":" + clip(r.firstError(), 200));
      }
    }
    List<Flakiness> flaky = Flakiness.of(run);
    if (!flaky.isEmpty()) {
      out.println();
      out.println("Flaky cases (outcome differs across repeats):");
      flaky.forEach(f -> out.println("  " + clip(f.describe(), 300)));
    }
    if (comparison.present()) {
      out.println();
      out.printf(
          "Against baseline %s: %d regressions, %d fixes, %d new, %d removed%n",
          comparison.baselineRunId(),
          comparison.regressions().size(),
          comparison.fixes().size(),
          comparison.added().size(),
          comparison.removed().size());
      for (Comparison.Change c :
          comparison
              .regressions()
              .subList(0, Math.min(SHOWN_FAILURES, comparison.regressions().size()))) {
        out.println(
            "  REGRESSION  "
                + clip(c.file(), 200)
                + " "
                + clip(c.caseLabel(), 200)
                + " ["
                + clip(c.model(), 100)
                + "]: "
                + clip(c.reason(), 160));
      }
    }
    if (run.incomplete() != null) {
      out.println();
      out.println("Run incomplete: " + clip(run.incomplete(), 500));
    }
    out.flush();
  }

  /**
   * Says how many answers did not come from live calls, e.g. "12 answers from cache, 3 live", so a
   * run that called nothing never reads as a fresh measurement; empty when every answer was live.
   */
  static String answerSources(List<TrialResult> trials) {
    long cache = trials.stream().filter(t -> t.source() == Source.CACHE).count();
    long replay = trials.stream().filter(t -> t.source() == Source.REPLAY).count();
    long live = trials.stream().filter(t -> t.source() == Source.LIVE).count();
    if (cache + replay == 0) {
      return "";
    }
    List<String> parts = new java.util.ArrayList<>();
    if (cache > 0) {
      parts.add(cache + (cache == 1 ? " answer" : " answers") + " from cache");
    }
    if (replay > 0) {
      parts.add(replay + (replay == 1 ? " answer" : " answers") + " replayed from recordings");
    }
    if (live > 0) {
      parts.add(live + " live");
    }
    return String.join(", ", parts);
  }

  /** One line for the terminal: control characters shown escaped, never sent raw. */
  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    String one = Texts.printable(s.replace('\n', ' ').replace('\r', ' '));
    return one.length() <= max ? one : one.substring(0, max - 1) + "\u2026";
  }
}
