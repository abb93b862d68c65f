package dev.promptcheck.report;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.PairedDifference;
import dev.promptcheck.result.PassRate;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.Stats;
import java.io.PrintWriter;
import java.util.List;

/**
 * The console's comparison section, printed after the summary table: the paired head-to-head of
 * every pair of models in the run, then, against a baseline, each model before and after with its
 * sentence and the cases listed apart as flaky. Kept out of {@link ConsoleReport} so the table and
 * this section change independently.
 */
public final class ComparisonConsole {
  private static final int SHOWN = 10;

  private ComparisonConsole() {}

  public static void print(RunResult run, Comparison comparison, PrintWriter out) {
    print(RunSummary.of(run), comparison, out);
  }

  /** As {@link #print(RunResult, Comparison, PrintWriter)}, from shared figures. */
  public static void print(RunSummary summary, Comparison comparison, PrintWriter out) {
    List<HeadToHead> pairs = summary.pairs(comparison);
    if (!pairs.isEmpty()) {
      out.println();
      out.println(
          "Head to head (paired on the same cases, alpha " + alpha(comparison.alpha()) + "):");
      pairs.forEach(h -> out.println("  " + h.sentence()));
    }
    if (comparison.present()) {
      out.println();
      out.println("Against baseline " + comparison.baselineRunId() + ", per model:");
      printModels(comparison, out);
      printFlaky(comparison, out);
    }
    out.flush();
  }

  /** Each model's pass rate before and after, or "absent", and the paired sentence. */
  public static void printModels(Comparison comparison, PrintWriter out) {
    for (Comparison.ModelPair p : comparison.models()) {
      out.println(
          "  "
              + (p.paired() && !p.before().equals(p.after())
                  ? p.before() + " -> " + p.after()
                  : p.name())
              + ": "
              + rate(p.beforeRate())
              + " -> "
              + rate(p.afterRate())
              + (p.paired()
                  ? ""
                  : p.before() == null ? " (new in this run)" : " (not in this run)"));
      if (p.headToHead() != null) {
        out.println("    " + p.headToHead().sentence());
      }
    }
  }

  /** Cases flaky on either side: not regressions or fixes, whatever their majority did. */
  public static void printFlaky(Comparison comparison, PrintWriter out) {
    List<Comparison.Change> flaky = comparison.flaky();
    if (flaky.isEmpty()) {
      return;
    }
    out.println(
        "  "
            + flaky.size()
            + " flaky "
            + (flaky.size() == 1 ? "case" : "cases")
            + " (flaky on either side: not counted as regressions or fixes):");
    for (Comparison.Change c : flaky.subList(0, Math.min(SHOWN, flaky.size()))) {
      out.println(
          "    FLAKY  "
              + c.file()
              + " "
              + c.caseLabel()
              + " ["
              + c.model()
              + "]: "
              + c.before().describe()
              + " -> "
              + c.after().describe());
    }
    if (flaky.size() > SHOWN) {
      out.println("    ... and " + (flaky.size() - SHOWN) + " more");
    }
  }

  /** "75.0% [46.8%, 91.1%] of 4 cases", or "absent". */
  public static String rate(PassRate r) {
    if (r == null) {
      return "absent";
    }
    return Stats.percent(r.rate())
        + " ["
        + Stats.percent(r.low())
        + ", "
        + Stats.percent(r.high())
        + "] of "
        + r.cases()
        + (r.cases() == 1 ? " case" : " cases");
  }

  /** "-12.0 [-20.0, -4.0]": a difference and its interval in percentage points, for a table. */
  static String points(PairedDifference d) {
    return PairedDifference.signed(100 * d.estimate())
        + " ["
        + PairedDifference.signed(100 * d.low())
        + ", "
        + PairedDifference.signed(100 * d.high())
        + "]";
  }

  /** "0.012 (Holm, 3)" for a corrected p, "–" when the comparison was alone or not corrected. */
  static String pAdjusted(HeadToHead h) {
    return h.adjusted()
        ? HeadToHead.pNumber(h.pAdjusted())
            + " ("
            + h.adjustment().label()
            + ", "
            + h.family()
            + ")"
        : "–";
  }

  static String alpha(double alpha) {
    return HeadToHead.pNumber(alpha);
  }
}
