package dev.promptcheck.report;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.result.CaseCount;
import dev.promptcheck.result.CaseOutcome;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Flakiness;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.SkippedChecks;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.Texts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The end-of-run console: one row per prompt file × model (columns as wide as their content; on a
 * terminal too narrow for them, the file column and then the model column are shortened with an
 * ellipsis, as git and cargo shorten paths, so a row never wraps), the failing cases with their
 * repeats rolled up ("failed 2 of 3"), flaky cases, the baseline's regressions, and a one-line
 * verdict. Colour comes from {@link ConsoleStyle}.
 */
public final class ConsoleReport {
  private static final int SHOWN_FAILURES = 10;

  private ConsoleReport() {}

  public static void print(RunResult run, Comparison comparison, PrintWriter out) {
    print(run, comparison, out, ConsoleStyle.PLAIN);
  }

  public static void print(
      RunResult run, Comparison comparison, PrintWriter out, ConsoleStyle style) {
    print(RunSummary.of(run), comparison, out, style);
  }

  /** As {@link #print(RunResult, Comparison, PrintWriter, ConsoleStyle)}, from shared figures. */
  public static void print(
      RunSummary summary, Comparison comparison, PrintWriter out, ConsoleStyle style) {
    print(summary, comparison, out, style, 0);
  }

  /**
   * As {@link #print(RunSummary, Comparison, PrintWriter, ConsoleStyle)}, the table fitted to
   * {@code width} columns (0: as wide as its content). The other lines are broken by a {@link
   * WrappingWriter} of the same width, when {@code out} is one.
   */
  public static void print(
      RunSummary summary, Comparison comparison, PrintWriter out, ConsoleStyle style, int width) {
    RunResult run = summary.run();
    out.println();
    printTable(summary, out, style, width);
    summary
        .modelStats()
        .forEach(
            (model, s) -> {
              if (s.ruleOfThree() != null) {
                out.println(clip(model, 100) + ": " + s.ruleOfThree());
              }
            });
    String answers = answerSources(run.trials());
    if (!answers.isEmpty()) {
      out.println(answers);
    }
    printFailing(run, out, style, width);
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
    List<Flakiness> flaky = summary.flaky();
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
            caseLine(
                    "  " + style.fail("REGRESSION") + "  ",
                    clip(c.file(), 200),
                    clip(c.caseLabel(), 200),
                    clip(c.model(), 100),
                    "",
                    width)
                + ": "
                + clip(c.reason(), 160));
      }
    }
    String limits = limits(run.limits());
    if (!limits.isEmpty()) {
      out.println();
      out.println(limits);
    }
    if (run.incomplete() != null) {
      out.println();
      out.println(style.error("Run incomplete: ") + clip(run.incomplete(), 500));
    }
    out.flush();
  }

  /**
   * "Rate limits: M: 3 calls refused (429), waited 1.2 s", one clause per model that met a limit;
   * empty when none did.
   */
  static String limits(Map<String, RunResult.Limits> limits) {
    List<String> parts = new ArrayList<>();
    limits.forEach(
        (model, l) -> {
          if (l.refusedCalls() > 0 || l.waitedMs() > 0) {
            parts.add(clip(model, 100) + ": " + describe(l));
          }
        });
    return parts.isEmpty() ? "" : "Rate limits: " + String.join("; ", parts);
  }

  /** "3 calls refused (429), waited 1.2 s on limits". */
  public static String describe(RunResult.Limits l) {
    return l.refusedCalls()
        + (l.refusedCalls() == 1 ? " call" : " calls")
        + " refused (429), waited "
        + String.format(Locale.ROOT, "%.1f s", l.waitedMs() / 1000.0)
        + " on limits";
  }

  private static final String[] HEADER = {
    "file", "model", "pass", "fail", "error", "skip", "rate", "p50 ms"
  };

  /** The narrowest the file and model columns get before the table gives up fitting. */
  private static final int MIN_FILE = 12;

  private static final int MIN_MODEL = 10;

  private static void printTable(
      RunSummary summary, PrintWriter out, ConsoleStyle style, int fitTo) {
    RunResult run = summary.run();
    Map<List<String>, Stats> suites = summary.suiteStats();
    List<String[]> rows = new ArrayList<>();
    for (var e : suites.entrySet()) {
      Stats s = e.getValue();
      rows.add(
          new String[] {
            e.getKey().get(0),
            e.getKey().get(1),
            String.valueOf(s.passed()),
            String.valueOf(s.failed()),
            String.valueOf(s.errors()),
            String.valueOf(s.skipped()),
            Stats.percent(s.passRate()),
            String.valueOf(s.p50LatencyMs())
          });
    }
    Stats all = summary.all();
    String[] total = {
      "total",
      suites.size() == 1
          ? ""
          : run.models().size() + (run.models().size() == 1 ? " model" : " models"),
      String.valueOf(all.passed()),
      String.valueOf(all.failed()),
      String.valueOf(all.errors()),
      String.valueOf(all.skipped()),
      Stats.percent(all.passRate()),
      ""
    };
    int[] width = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      width[c] = HEADER[c].length();
      for (String[] r : rows) {
        width[c] = Math.max(width[c], Texts.columns(r[c]));
      }
      width[c] = Math.max(width[c], Texts.columns(total[c]));
    }
    if (fitTo > 0) {
      fit(width, fitTo, rows);
    }
    out.println(style.bold(line(HEADER, width, Map.of(), style)));
    for (String[] r : rows) {
      out.println(line(r, width, paints(r), style));
    }
    out.println(line(total, width, paints(total), style));
    CaseCount count = summary.caseCount();
    if (!count.trialsIfRepeated().isEmpty()) {
      // with repeats the counts and the rate have different units: say which is which
      out.println(
          "pass, fail, error and skip count trials ("
              + count.trialsIfRepeated()
              + "); the rate is over "
              + (count.resultsAreCases() ? "cases" : "cases × models")
              + ", repeats rolled up");
    }
  }

  /**
   * Narrows the file and model columns until a row fits in {@code fitTo} columns, and shortens
   * their cells to match: a path keeps its end (the file's name), a model name both ends (provider
   * and version).
   */
  private static void fit(int[] width, int fitTo, List<String[]> rows) {
    // the gaps line() puts between cells: two columns, three before pass and before rate
    int used = 2 * (HEADER.length - 1) + 2;
    for (int w : width) {
      used += w;
    }
    if (used <= fitTo) {
      return;
    }
    // the file column keeps at least half of what the two share, the model the rest (its whole
    // name when that fits), and the file takes what the model leaves
    int available = fitTo - (used - width[0] - width[1]);
    int fileFloor = Math.min(width[0], Math.max(MIN_FILE, available / 2));
    int model = Math.min(width[1], Math.max(MIN_MODEL, available - fileFloor));
    width[0] = Math.max(Math.min(width[0], MIN_FILE), Math.min(width[0], available - model));
    width[1] = model;
    for (String[] r : rows) {
      r[0] = Texts.shortenPath(r[0], width[0]);
      r[1] = Texts.shortenMiddle(r[1], width[1]);
    }
  }

  /** Which cells of a row get a colour: failures and errors when there are any. */
  private static Map<Integer, String> paints(String[] row) {
    Map<Integer, String> p = new HashMap<>();
    if (!row[3].equals("0")) {
      p.put(3, "fail");
    }
    if (!row[4].equals("0")) {
      p.put(4, "error");
    }
    return p;
  }

  /** Text columns left-aligned, figures right-aligned; padding is measured before colouring. */
  private static String line(
      String[] cells, int[] width, Map<Integer, String> paints, ConsoleStyle style) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = cells[c];
      String pad = " ".repeat(Math.max(0, width[c] - Texts.columns(cell)));
      String painted = paints.containsKey(c) ? style.status(paints.get(c), cell) : cell;
      if (c > 0) {
        sb.append(c == 2 || c == 6 ? "   " : "  ");
      }
      sb.append(c < 2 ? painted + pad : pad + painted);
    }
    return sb.toString().stripTrailing();
  }

  /** The failing cases, each case × model once with its repeats rolled up. */
  private static void printFailing(RunResult run, PrintWriter out, ConsoleStyle style, int width) {
    Map<List<String>, List<TrialResult>> byCase =
        Stats.group(run.trials(), t -> List.of(t.caseId(), t.model()));
    List<List<TrialResult>> bad =
        byCase.values().stream()
            .filter(
                ts ->
                    ts.stream()
                        .anyMatch(t -> t.status() == Status.FAIL || t.status() == Status.ERROR))
            .toList();
    if (bad.isEmpty()) {
      return;
    }
    out.println();
    out.println(
        "Failing cases"
            + (bad.size() > SHOWN_FAILURES
                ? " (first " + SHOWN_FAILURES + " of " + bad.size() + ")"
                : "")
            + ":");
    for (List<TrialResult> repeats : bad.subList(0, Math.min(SHOWN_FAILURES, bad.size()))) {
      TrialResult first = repeats.get(0);
      long failed = repeats.stream().filter(t -> t.status() == Status.FAIL).count();
      long errors = repeats.stream().filter(t -> t.status() == Status.ERROR).count();
      String word = failed > 0 ? "FAIL " : "ERROR";
      out.println(
          caseLine(
              "  " + style.status(failed > 0 ? "fail" : "error", word) + " ",
              clip(first.file(), 200),
              clip(first.caseLabel(), 200),
              clip(first.model(), 100),
              rollup(failed, errors, repeats.size()),
              width));
      Set<String> reasons = new LinkedHashSet<>();
      for (TrialResult t : repeats) {
        if (t.error() != null) {
          reasons.add(clip(t.error(), 200));
        }
        for (Verdict v : t.failing()) {
          reasons.add(clip(v.name(), 100) + ": " + clip(v.reason(), 200));
        }
      }
      reasons.forEach(r -> out.println("        " + r));
    }
  }

  /**
   * {@code lead file label [model]tail}, the file shortened at its start and then the model in its
   * middle when the line is wider than {@code width} (0: never), so a failing case is named on one
   * line; a label too long for that still wraps.
   */
  static String caseLine(
      String lead, String file, String label, String model, String tail, int width) {
    String line = lead + file + " " + label + " [" + model + "]" + tail;
    int over = Texts.columns(line) - width;
    if (width <= 0 || over <= 0) {
      return line;
    }
    int fileCols = Texts.columns(file);
    int fileCut = Math.min(over, fileCols - Math.min(fileCols, MIN_CASE_FILE));
    over -= fileCut;
    int modelCols = Texts.columns(model);
    int modelCut = Math.max(0, Math.min(over, modelCols - Math.min(modelCols, MIN_CASE_MODEL)));
    return lead
        + Texts.shortenPath(file, fileCols - fileCut)
        + " "
        + label
        + " ["
        + Texts.shortenMiddle(model, modelCols - modelCut)
        + "]"
        + tail;
  }

  private static final int MIN_CASE_FILE = 24;
  private static final int MIN_CASE_MODEL = 16;

  /** "", or " failed 2 of 3", " error in 1 of 3", " failed 1, error in 1 of 3" with repeats. */
  static String rollup(long failed, long errors, int runs) {
    if (runs == 1) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (failed > 0) {
      parts.add("failed " + failed);
    }
    if (errors > 0) {
      parts.add("error in " + errors);
    }
    return "  " + String.join(", ", parts) + " of " + runs;
  }

  /**
   * The last line of a run: {@code FAIL 41/50 cases passed · 2 regressions · exit 1}, {@code PASS
   * 20/26 passed (13 cases × 2 models) · 78 trials · exit 0}. The word is the gate's (PASS for exit
   * 0, NOT CHECKED for an exit 0 in which no case was decided, FAIL for 1, INVALID for 2,
   * INCOMPLETE for 3); the figures are the cases (× models) whose every decided repeat passed, of
   * all of them, in {@link CaseCount}'s words; the trials are named when repeats made them more.
   */
  public static String verdict(
      RunResult run, Comparison comparison, int exitCode, ConsoleStyle style) {
    return verdict(RunSummary.of(run), comparison, exitCode, style);
  }

  /** As {@link #verdict(RunResult, Comparison, int, ConsoleStyle)}, from shared figures. */
  public static String verdict(
      RunSummary summary, Comparison comparison, int exitCode, ConsoleStyle style) {
    RunResult run = summary.run();
    Map<String, Map<String, CaseOutcome>> outcomes = summary.outcomes();
    int total = 0;
    int passed = 0;
    int skipped = 0;
    for (Map<String, CaseOutcome> cases : outcomes.values()) {
      for (CaseOutcome c : cases.values()) {
        total++;
        if (!c.decided()) {
          skipped++;
        } else if (c.passed() == c.runs()) {
          passed++;
        }
      }
    }
    long errors =
        Stats.group(run.trials(), t -> List.of(t.caseId(), t.model())).values().stream()
            .filter(ts -> ts.stream().anyMatch(t -> t.status() == Status.ERROR))
            .count();
    List<String> parts = new ArrayList<>();
    String word =
        switch (exitCode) {
          // exit 0 with no case decided (no evaluator, or every check skipped) is no pass
          case 0 -> skipped == total ? style.error("NOT CHECKED") : style.pass("PASS");
          case 1 -> style.fail("FAIL");
          case 2 -> style.fail("INVALID");
          default -> style.error("INCOMPLETE");
        };
    CaseCount count = summary.caseCount();
    parts.add(
        word
            + " "
            + style.bold(passed + "/" + total)
            + (count.resultsAreCases()
                ? (total == 1 ? " case" : " cases") + " passed"
                : " passed (" + count.results(total) + ")"));
    if (!count.trialsIfRepeated().isEmpty()) {
      parts.add(count.trialsIfRepeated());
    }
    if (errors > 0) {
      parts.add(errors + (errors == 1 ? " case broke" : " cases broke"));
    }
    if (skipped > 0) {
      parts.add(skipped + " skipped");
    }
    if (comparison.present()) {
      int r = comparison.regressions().size();
      parts.add(r == 1 ? "1 regression" : r + " regressions");
    }
    parts.add("exit " + exitCode);
    return String.join(" · ", parts);
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
    List<String> parts = new ArrayList<>();
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
    return Texts.truncate(one, max, "\u2026");
  }
}
