package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ToolCall;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The calls a model answered with are shown where a person reads a trial: the report.html grid,
 * summary.md's failures and junit.xml's failure text and output.
 */
class ToolCallsInReportsTest {
  @TempDir Path dir;

  static final String CALL = "get_weather({\"city\":\"Bergen\"})";

  private static RunResult run() {
    TrialResult t = SampleRuns.trial("c1", "openai:a", Status.FAIL, "", null, 40);
    TrialResult called =
        new TrialResult(
            t.trialId(),
            t.caseId(),
            t.file(),
            t.prompt(),
            t.model(),
            t.caseIndex(),
            t.caseLabel(),
            t.repeat(),
            t.vars(),
            t.messages(),
            t.status(),
            "",
            List.of(
                new Verdict.Fail(
                    "weather in Oslo",
                    "toolCall",
                    0,
                    "argument city is \"Bergen\", expected \"Oslo\"")),
            t.latencyMs(),
            t.inputTokens(),
            t.outputTokens(),
            t.cost(),
            t.finishReason(),
            t.error(),
            t.attempts(),
            t.source(),
            t.endpoint(),
            t.testCase(),
            t.modelVersion(),
            List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Bergen\"}")));
    TrialResult plain = SampleRuns.trial("c2", "openai:a", Status.FAIL, "## Answer", null, 40);
    return SampleRuns.of(List.of(called, plain));
  }

  @Test
  void junitShowsTheCallsInTheFailureTextAndTheOutput() throws Exception {
    Path file = new JunitReport().write(run(), Comparison.NONE, dir);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    var cases = xml.getElementsByTagName("testcase");
    String failure =
        ((Element) cases.item(0)).getElementsByTagName("failure").item(0).getTextContent();
    assertThat(failure).contains("argument city is \"Bergen\"").endsWith("tool calls:\n" + CALL);
    String out =
        ((Element) cases.item(0)).getElementsByTagName("system-out").item(0).getTextContent();
    assertThat(out).isEqualTo("tool calls:\n" + CALL);
    String other =
        ((Element) cases.item(1)).getElementsByTagName("failure").item(0).getTextContent();
    assertThat(other).doesNotContain("tool calls");
  }

  @Test
  void summaryMdListsTheCallsUnderTheFailure() throws Exception {
    Path file = new MarkdownReport().write(run(), Comparison.NONE, dir);
    String md = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(md).contains("  - tool calls: `" + CALL + "`");
    assertThat(md.split("tool calls:", -1)).hasSize(2); // the plain trial has none
  }

  @Test
  void theHtmlGridShowsTheCallsInTheirCell() throws Exception {
    Path report = new HtmlReport().write(run(), Comparison.NONE, dir);
    Optional<Path> binary = HeadlessChromium.binary();
    if (binary.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError("CI must have Chromium: .ci/run installs Debian's chromium package");
    }
    Assumptions.assumeTrue(binary.isPresent(), "chromium is not installed");
    try (HeadlessChromium browser =
        new HeadlessChromium(binary.get(), Files.createDirectories(dir.resolve("profile")))) {
      browser.open(report, "document.body && document.body.hasAttribute('data-render-ms')");
      assertThat(browser.eval("document.querySelectorAll('td pre.toolcalls').length").asInt())
          .isEqualTo(1);
      assertThat(browser.eval("document.querySelector('td pre.toolcalls').textContent").asText())
          .isEqualTo(CALL);
      // the tool-only answer's empty text is not drawn as an empty box; the other answer's is
      assertThat(browser.eval("document.querySelectorAll('td pre.output').length").asInt())
          .isEqualTo(1);
      Path png = Path.of("target", "tool-calls-grid.png").toAbsolutePath();
      browser.screenshotFullPage(png);
      assertThat(png).isNotEmptyFile();
    }
  }
}
