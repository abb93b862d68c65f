package dev.promptcheck.report;

import dev.promptcheck.result.CaseOutcome;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.PairedDifference;
import dev.promptcheck.result.PassRate;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.Texts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one pull-request comment for the prompt files a pull request changes: per file, each model's
 * pass rate on the base and on the head with the paired verdict over the cases both ran, then the
 * cases that regressed and those fixed. It carries {@link #MARKER}, by which a later push finds and
 * updates it instead of adding another (as promptfoo's Action does with its own marker).
 *
 * <p>gh-models' example workflow (examples/evals_action.yml:36) evaluates only the first changed
 * file and pastes the console; this pairs every changed file's cases, before and after.
 */
public final class PrCommentMarkdown {
  /** Hidden in the rendered comment; how {@code --post} recognises its own comment. */
  public static final String MARKER = "<!-- promptcheck-pr-comment -->";

  /**
   * The cases listed per file and kind; the rest are counted. Keeps a comment on a large change far
   * below GitHub's 65,536-character limit.
   */
  static final int SHOWN = 20;

  /**
   * The most a comment holds before whole file sections are left out (GitHub refuses a comment over
   * 65,536 characters; the rest is room for the closing line and for escapes).
   */
  static final int LIMIT = 60_000;

  private PrCommentMarkdown() {}

  /** How a file changed between base and head. */
  public enum Kind {
    CHANGED,
    NEW,
    REMOVED
  }

  /**
   * One changed prompt file.
   *
   * @param before the base's run of this file alone; null when it is new (or removed: not run)
   * @param after the head's run of this file alone; null when it was removed
   * @param comparison {@code after} against {@code before}; {@link Comparison#NONE} when either is
   *     absent
   */
  public record FileResult(
      String file, Kind kind, RunResult before, RunResult after, Comparison comparison) {
    public FileResult {
      if (file == null || kind == null || comparison == null) {
        throw new IllegalArgumentException("a changed file needs its name, kind and comparison");
      }
      if ((kind == Kind.CHANGED) != (before != null && after != null)
          || (kind == Kind.NEW && (before != null || after == null))
          || (kind == Kind.REMOVED && after != null)) {
        throw new IllegalArgumentException(file + ": runs do not fit a " + kind + " file");
      }
    }
  }

  /**
   * The two sides as the reader knows them.
   *
   * @param base the ref as given ({@code origin/main})
   * @param baseCommit its commit, abbreviated
   * @param reports a Markdown line saying where report.html is (a link to the workflow run's
   *     artifact, or a local path)
   */
  public record Sides(
      String base, String baseCommit, String head, String headCommit, String reports) {}

  public static String render(Sides sides, List<FileResult> files) {
    StringBuilder md = new StringBuilder();
    md.append(MARKER).append('\n');
    int regressions = 0;
    int fixes = 0;
    for (FileResult f : files) {
      regressions += f.comparison().regressions().size();
      fixes += f.comparison().fixes().size();
    }
    md.append("### promptcheck: ")
        .append(Texts.count(files.size(), "changed prompt file", "changed prompt files"));
    if (!files.isEmpty()) {
      md.append(" · ")
          .append(Texts.count(regressions, "regression", "regressions"))
          .append(", ")
          .append(Texts.count(fixes, "fix", "fixes"));
    }
    md.append("\n\n");
    md.append("Base `")
        .append(code(sides.base()))
        .append("` (")
        .append(code(sides.baseCommit()))
        .append(") → head `")
        .append(code(sides.head()))
        .append("` (")
        .append(code(sides.headCommit()))
        .append("), paired by case.");
    if (sides.reports() != null) {
      md.append(' ').append(sides.reports());
    }
    md.append("\n\n");
    if (files.isEmpty()) {
      md.append("No prompt file (`*.prompt.yml`, or YAML with `messages`) changed.\n");
      return md.toString();
    }
    int shown = 0;
    for (FileResult f : files) {
      StringBuilder section = new StringBuilder();
      file(section, f);
      if (md.length() + section.length() > LIMIT) {
        break;
      }
      md.append(section);
      shown++;
    }
    if (shown < files.size()) {
      md.append("… and ")
          .append(Texts.count(files.size() - shown, "more changed file", "more changed files"))
          .append(", left out to keep this comment within GitHub's 65,536 characters: each side's")
          .append(" report.html has them all.\n");
    }
    return md.toString();
  }

  private static void file(StringBuilder md, FileResult f) {
    md.append("#### `").append(code(f.file())).append('`');
    switch (f.kind()) {
      case NEW -> md.append(" (new)");
      case REMOVED -> md.append(" (removed)");
      case CHANGED -> {}
    }
    md.append("\n\n");
    if (f.kind() == Kind.REMOVED) {
      md.append("Removed by this pull request: not run.\n\n");
      return;
    }
    boolean refusedOnBase = refused(md, "base", f.before());
    boolean refusedOnHead = refused(md, "head", f.after());
    if (refusedOnBase || refusedOnHead) {
      md.append('\n');
    }
    if (f.before() != null && f.before().incomplete() != null) {
      // cases the base did not run drop out of the pairing: say so, or the change reads complete
      md.append("The base's run did not complete: ")
          .append(MarkdownReport.cell(f.before().incomplete()))
          .append("\n\n");
    }
    if (f.after().incomplete() != null) {
      md.append("The head's run did not complete: ")
          .append(MarkdownReport.cell(f.after().incomplete()))
          .append("\n\n");
    }
    if (f.kind() == Kind.NEW) {
      newFile(md, f.after());
      return;
    }
    Comparison c = f.comparison();
    if (c.models().isEmpty()) {
      md.append("No case ran on either side.\n\n");
      return;
    }
    md.append("| model | base | head | paired verdict |\n|---|---|---|---|\n");
    for (Comparison.ModelPair p : c.models()) {
      md.append("| ")
          .append(MarkdownReport.cell(p.name()))
          .append(" | ")
          .append(p.before() == null ? "absent" : rate(p.beforeRate()))
          .append(" | ")
          .append(p.after() == null ? "absent" : rate(p.afterRate()))
          .append(" | ")
          .append(
              p.headToHead() == null
                  ? (p.after() == null ? "not run on the head" : "new on the head")
                  : verdict(p.headToHead()))
          .append(" |\n");
    }
    md.append('\n');
    Map<String, String> values = values(f.after());
    changes(md, "Regressed", c.regressions(), true, values);
    changes(md, "Fixed", c.fixes(), false, values);
    if (!c.flaky().isEmpty()) {
      md.append(Texts.count(c.flaky().size(), "case is", "cases are"))
          .append(" flaky on a side (passed in some repeats, not in others): neither regressed nor")
          .append(" fixed.\n\n");
    }
    if (!c.added().isEmpty() || !c.removed().isEmpty()) {
      md.append(Texts.count(c.added().size(), "case", "cases"))
          .append(" new on the head, ")
          .append(c.removed().size())
          .append(" no longer there.\n\n");
    }
    if (c.regressions().isEmpty() && c.fixes().isEmpty()) {
      md.append("No case changed its verdict.\n\n");
    }
  }

  private static boolean refused(StringBuilder md, String side, RunResult run) {
    if (run == null || run.refused().isEmpty()) {
      return false;
    }
    md.append("- **Refused on the ")
        .append(side)
        .append("**: ")
        .append(MarkdownReport.cell(run.refused().get(0).firstError()))
        .append('\n');
    return true;
  }

  private static void newFile(StringBuilder md, RunResult after) {
    var byModel = CaseOutcome.byModel(after.trials());
    if (byModel.isEmpty()) {
      md.append("New in this pull request; no case ran.\n\n");
      return;
    }
    md.append("New in this pull request (nothing on the base to pair with).\n\n");
    md.append("| model | head | failing cases |\n|---|---|---|\n");
    byModel.forEach(
        (model, cases) -> {
          long failing =
              cases.values().stream().filter(o -> o.decided() && !o.majorityPass()).count();
          md.append("| ")
              .append(MarkdownReport.cell(model))
              .append(" | ")
              .append(rate(PassRate.of(cases.values())))
              .append(" | ")
              .append(failing)
              .append(" |\n");
        });
    md.append('\n');
  }

  private static String rate(PassRate r) {
    return r.cases() == 0
        ? "no case decided"
        : Stats.percent(r.rate()) + " of " + Texts.count(r.cases(), "case", "cases");
  }

  /**
   * The paired verdict in a table cell, head against base: which side is better when the paired
   * test says so at its alpha, the split of the cases that differ, p, and the difference in points
   * with its 95% paired interval. The full sentence is in each side's report.
   */
  static String verdict(HeadToHead h) {
    if (h.cases() == 0) {
      return "no case reached a verdict on both";
    }
    String who =
        h.better() == null
            ? "no significant change"
            : h.better().equals(h.b()) ? "**head better**" : "**head worse**";
    PairedDifference d = h.difference();
    return who
        + ": "
        + h.bBetter()
        + " better, "
        + h.aBetter()
        + " worse of "
        + Texts.count(h.cases(), "case", "cases")
        + " ("
        + h.test()
        + " "
        + HeadToHead.pText(h.adjusted() ? h.pAdjusted() : h.pValue())
        + "); "
        + PairedDifference.signed(100 * d.estimate())
        + " points ["
        + PairedDifference.signed(100 * d.low())
        + ", "
        + PairedDifference.signed(100 * d.high())
        + "]";
  }

  /** "input=alpha" by model and case id: what a case numbered only "#1" was about. */
  private static Map<String, String> values(RunResult run) {
    Map<String, String> out = new HashMap<>();
    for (TrialResult t : run.trials()) {
      if (t.vars() != null && !t.vars().isEmpty()) {
        out.computeIfAbsent(
            t.model() + "\0" + t.caseId(),
            k -> {
              StringBuilder v = new StringBuilder();
              t.vars()
                  .forEach(
                      (name, value) ->
                          v.append(v.length() == 0 ? "" : ", ")
                              .append(name)
                              .append('=')
                              .append(value));
              return Texts.oneLine(v.toString(), 80);
            });
      }
    }
    return out;
  }

  private static void changes(
      StringBuilder md,
      String title,
      List<Comparison.Change> changes,
      boolean why,
      Map<String, String> values) {
    if (changes.isEmpty()) {
      return;
    }
    md.append("**").append(title).append("** (").append(changes.size()).append(")\n\n");
    for (int i = 0; i < Math.min(SHOWN, changes.size()); i++) {
      Comparison.Change c = changes.get(i);
      md.append("- ").append(MarkdownReport.cell(c.caseLabel()));
      String shown = values.get(c.model() + "\0" + c.caseId());
      if (shown != null && c.caseLabel().startsWith("#")) {
        md.append(" `").append(code(shown)).append('`');
      }
      md.append(" · ")
          .append(MarkdownReport.cell(c.model()))
          .append(": ")
          .append(c.before().describe())
          .append(" → ")
          .append(c.after().describe());
      if (why && !c.reason().isEmpty()) {
        md.append(" — ").append(MarkdownReport.cell(c.reason()));
      }
      md.append('\n');
    }
    if (changes.size() > SHOWN) {
      md.append("- … and ").append(changes.size() - SHOWN).append(" more in report.html\n");
    }
    md.append('\n');
  }

  private static String code(String s) {
    return s == null ? "" : Texts.printable(s).replace("`", "'");
  }
}
