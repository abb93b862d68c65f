package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.report.PrCommentMarkdown.FileResult;
import dev.promptcheck.report.PrCommentMarkdown.Kind;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Trials;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pull-request comment's shape at its edges: nothing changed, and changes too big to list. */
class PrCommentMarkdownTest {
  static final PrCommentMarkdown.Sides SIDES =
      new PrCommentMarkdown.Sides("origin/main", "abc1234", "HEAD", "def5678", null);

  @Test
  void noChangedPromptFileSaysSo() {
    String md = PrCommentMarkdown.render(SIDES, List.of());
    assertThat(md)
        .startsWith(PrCommentMarkdown.MARKER + "\n### promptcheck: 0 changed prompt files\n")
        .contains("No prompt file (`*.prompt.yml`, or YAML with `messages`) changed.");
  }

  @Test
  void aLargeChangeStaysWithinGithubsCommentLimit() {
    Trials before = Trials.create();
    Trials after = Trials.create();
    for (int i = 0; i < 500; i++) {
      before.add("openai:m", "c" + i, 1, 1);
      after.add("openai:m", "c" + i, 0, 1);
    }
    RunResult a = before.run("base");
    RunResult b = after.run("head");
    Comparison c = Comparison.of(a, b);
    List<FileResult> files = new ArrayList<>();
    for (int f = 0; f < 400; f++) {
      files.add(new FileResult("prompts/p" + f + ".prompt.yml", Kind.CHANGED, a, b, c));
    }

    String md = PrCommentMarkdown.render(SIDES, files);

    assertThat(md.length()).isLessThan(65_536);
    assertThat(md)
        .contains("### promptcheck: 400 changed prompt files · 200000 regressions, 0 fixes")
        .contains("**Regressed** (500)")
        .contains("- … and 480 more in report.html")
        .contains(
            "| openai:m | 100.0% of 500 cases | 0.0% of 500 cases | **head worse**: 0 better,")
        .containsPattern("… and \\d+ more changed files, left out to keep this comment within");
  }
}
