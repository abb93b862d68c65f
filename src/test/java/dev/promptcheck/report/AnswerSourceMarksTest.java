package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer from the cache or a recording is marked wherever results are read: per trial in
 * results.json, as a count on the console, per cell in report.html.
 */
class AnswerSourceMarksTest {
  @TempDir Path dir;

  private static TrialResult from(TrialResult t, Source source) {
    return new TrialResult(
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
        t.output(),
        t.verdicts(),
        t.latencyMs(),
        t.inputTokens(),
        t.outputTokens(),
        t.cost(),
        t.finishReason(),
        t.error(),
        source == Source.LIVE ? 1 : 0,
        source,
        t.endpoint(),
        null);
  }

  /** Two answers from the cache, one replayed, two live. */
  private static RunResult mixedSources() {
    List<TrialResult> t = new ArrayList<>();
    Source[] sources = {Source.CACHE, Source.LIVE, Source.CACHE, Source.REPLAY, Source.LIVE};
    for (int i = 0; i < sources.length; i++) {
      t.add(
          from(
              SampleRuns.trial("c" + i, "openai:a", Status.PASS, "## Answer\nok", null, 50),
              sources[i]));
    }
    return SampleRuns.of(t);
  }

  @Test
  void resultsJsonSaysPerTrialWhereTheAnswerCameFrom() throws Exception {
    RunResult run = mixedSources();
    Path file = new JsonReport().write(run, Comparison.NONE, dir);
    JsonNode trials = new ObjectMapper().readTree(file.toFile()).path("testResults");
    List<String> sources = new ArrayList<>();
    trials.forEach(n -> sources.add(n.path("source").asText()));
    assertThat(sources).containsExactly("cache", "live", "cache", "replay", "live");
    assertThat(trials.get(0).path("endpoint").asText()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(JsonReport.read(file).trials()).isEqualTo(run.trials());
  }

  @Test
  void theConsoleCountsAnswersThatWereNotLive() {
    StringWriter out = new StringWriter();
    ConsoleReport.print(mixedSources(), Comparison.NONE, new PrintWriter(out));
    assertThat(out.toString())
        .contains("2 answers from cache, 1 answer replayed from recordings, 2 live");
    StringWriter live = new StringWriter();
    ConsoleReport.print(SampleRuns.mixed(), Comparison.NONE, new PrintWriter(live));
    assertThat(live.toString()).doesNotContain("from cache").doesNotContain("replayed");
  }

  @Test
  void theHtmlReportMarksEachCellAnsweredFromTheCacheOrARecording() throws Exception {
    Path report = new HtmlReport().write(mixedSources(), Comparison.NONE, dir);
    Optional<Path> binary = HeadlessChromium.binary();
    if (binary.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError("CI must have Chromium: .ci/run installs Debian's chromium package");
    }
    Assumptions.assumeTrue(binary.isPresent(), "chromium is not installed");
    try (HeadlessChromium browser =
        new HeadlessChromium(binary.get(), Files.createDirectories(dir.resolve("profile")))) {
      browser.open(report, "document.body && document.body.hasAttribute('data-render-ms')");
      assertThat(browser.eval("document.querySelectorAll('td .source.cache').length").asInt())
          .isEqualTo(2);
      assertThat(browser.eval("document.querySelectorAll('td .source.replay').length").asInt())
          .isEqualTo(1);
      assertThat(browser.eval("document.querySelector('td .source.cache').textContent").asText())
          .isEqualTo("from cache");
      assertThat(browser.eval("document.querySelector('.card').innerText").asText())
          .contains("answers: 2 from cache · 1 replayed from recordings");
    }
  }
}
