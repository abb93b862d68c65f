package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Trials;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console summary: widths from content, repeats rolled up, colour only when asked, verdict. */
class ConsoleReportTest {
  static final String LONG_MODEL =
      "github:meta/llama-3.3-70b-instruct-with-a-very-long-deployment-name-2026-11";

  private static String print(RunResult run, ConsoleStyle style) {
    StringWriter out = new StringWriter();
    ConsoleReport.print(run, Comparison.NONE, new PrintWriter(out), style);
    return out.toString();
  }

  @Test
  void columnsAreAsWideAsTheirContentSoLongModelNamesAreNeverClipped() {
    RunResult run =
        Trials.create().add(LONG_MODEL, "c1", 1, 1).add("openai:mini", "c1", 0, 1).run("r");
    String text = print(run, ConsoleStyle.PLAIN);
    assertThat(text).contains(LONG_MODEL).doesNotContain("\u2026 ");
    String[] lines = text.strip().split("\n");
    int passColumn = lines[0].indexOf("pass");
    assertThat(lines[1].charAt(passColumn + 3)).isEqualTo('1'); // right-aligned under "pass"
    assertThat(lines[2].charAt(passColumn + 3)).isEqualTo('0');
    assertThat(text).doesNotContain("\u001b[");
  }

  @Test
  void aCaseFailingInSomeRepeatsIsListedOnceWithItsRollup() {
    RunResult run =
        Trials.create().add("openai:a", "c1", 1, 3).add("openai:a", "c2", 3, 3).run("r");
    String text = print(run, ConsoleStyle.PLAIN);
    assertThat(text.lines().filter(l -> l.startsWith("  FAIL"))).hasSize(1);
    assertThat(text).contains("case c1 [openai:a]  failed 2 of 3");
    assertThat(text.lines().filter(l -> l.contains("check: missing 'x'"))).hasSize(1);
  }

  @Test
  void theVerdictLineSaysTheGatesWordTheCasesAndTheExitCode() {
    RunResult failing =
        Trials.create().add("openai:a", "c1", 0, 1).add("openai:a", "c2", 1, 1).run("r");
    assertThat(ConsoleReport.verdict(failing, Comparison.NONE, 1, ConsoleStyle.PLAIN))
        .isEqualTo("FAIL 1/2 cases passed \u00b7 exit 1");
    RunResult baseline =
        Trials.create().add("openai:a", "c1", 1, 1).add("openai:a", "c2", 1, 1).run("b");
    Comparison comparison = Comparison.of(baseline, failing);
    assertThat(ConsoleReport.verdict(failing, comparison, 1, ConsoleStyle.PLAIN))
        .isEqualTo("FAIL 1/2 cases passed \u00b7 1 regression \u00b7 exit 1");
    RunResult broken =
        Trials.create()
            .add("openai:a", "c1", 0, Status.PASS)
            .add("openai:a", "c2", 0, Status.ERROR)
            .add("openai:a", "c3", 0, Status.SKIPPED)
            .run("e");
    assertThat(ConsoleReport.verdict(broken, Comparison.NONE, 0, ConsoleStyle.PLAIN))
        .isEqualTo("PASS 1/3 cases passed \u00b7 1 case broke \u00b7 1 skipped \u00b7 exit 0");
    assertThat(ConsoleReport.verdict(failing, Comparison.NONE, 1, ConsoleStyle.COLOR))
        .startsWith("\u001b[31mFAIL\u001b[0m");
  }

  @Test
  void colourOnlyOnATerminalAndNeverWhenRefused() {
    assertThat(ConsoleStyle.detect(false, Map.of(), true).color()).isTrue();
    assertThat(ConsoleStyle.detect(false, Map.of(), false).color()).isFalse();
    assertThat(ConsoleStyle.detect(true, Map.of(), true).color()).isFalse();
    assertThat(ConsoleStyle.detect(false, Map.of("NO_COLOR", "1"), true).color()).isFalse();
    assertThat(ConsoleStyle.detect(false, Map.of("NO_COLOR", ""), true).color()).isTrue();
    assertThat(ConsoleStyle.detect(false, Map.of("TERM", "dumb"), true).color()).isFalse();
    RunResult run = Trials.create().add("openai:a", "c1", 0, 1).run("r");
    assertThat(print(run, ConsoleStyle.COLOR)).contains("\u001b[31m");
  }

  @Test
  void latestIsASymlinkToTheNewestRunOrACopyWhereLinksAreRefused(@TempDir Path reports)
      throws IOException {
    Files.writeString(reports.resolve("latest"), "old-run-id\n"); // what older versions left
    Path first = Files.createDirectories(reports.resolve("run-1"));
    Files.writeString(first.resolve("report.html"), "one");
    LatestRun.update(reports, first);
    assertThat(reports.resolve("latest")).isSymbolicLink();
    assertThat(Files.readSymbolicLink(reports.resolve("latest"))).isEqualTo(Path.of("run-1"));

    Path second = Files.createDirectories(reports.resolve("run-2"));
    Files.writeString(second.resolve("report.html"), "two");
    LatestRun.update(reports, second);
    assertThat(reports.resolve("latest/report.html")).hasContent("two");

    Path third = Files.createDirectories(reports.resolve("run-3"));
    Files.writeString(third.resolve("report.html"), "three");
    LatestRun.update(
        reports,
        third,
        (link, target) -> {
          throw new UnsupportedOperationException("no links here");
        });
    assertThat(reports.resolve("latest")).isDirectory().isNotEqualTo(third);
    assertThat(reports.resolve("latest/report.html")).hasContent("three");
    assertThat(second.resolve("report.html")).hasContent("two");
    LatestRun.update(reports, second);
    assertThat(reports.resolve("latest")).isSymbolicLink();
    try (var left = Files.list(reports)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("latest", "run-1", "run-2", "run-3");
    }
  }
}
