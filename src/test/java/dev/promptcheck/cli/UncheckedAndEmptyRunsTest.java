package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Runs that look green but checked nothing: cases with no evaluator, runs in which no trial ran,
 * files skipped for variables nobody passed, keys promptcheck does not read.
 */
class UncheckedAndEmptyRunsTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach
  void answerAnything() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return FakeOpenAi.ok("## Answer\nanything at all");
          }
        });
  }

  private Cli.Result run(String... args) {
    return Cli.run(
        new Invocation(
            dir,
            Map.of(
                "OPENAI_BASE_URL", server.url("/v1").toString(),
                "OPENAI_API_KEY", "sk-test",
                "CI", "true")),
        args);
  }

  private void noEvaluators() {
    Fixtures.write(
        dir,
        "prompts/plain.prompt.yml",
        """
        name: plain
        model: openai:gpt-test
        messages: [{role: user, content: 'Say {{x}}'}]
        testData: [{x: hi}, {x: yo}]
        """);
  }

  private void needsVariables() {
    Fixtures.write(
        dir,
        "prompts/summary.prompt.yml",
        """
        name: summary
        model: openai:gpt-test
        messages: [{role: user, content: 'Sum up {{diff}}'}]
        evaluators: [{name: any, string: {contains: Answer}}]
        """);
  }

  @Test
  void aCaseNoEvaluatorChecksIsNotCheckedNeverPassed() throws Exception {
    noEvaluators();
    Cli.Result r = run("run", "prompts", "--cache", "off", "--run-id", "plain", "--no-color");
    // gh's exit 0 (no gate failed), but no line says PASS and no report counts a pass
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("NOT CHECKED 0/2").doesNotContain("PASS");
    assertThat(r.out()).contains("not checked: no evaluator applies to this case");

    JsonNode results =
        new ObjectMapper().readTree(dir.resolve("reports/plain/results.json").toFile());
    assertThat(results.path("testResults"))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("skipped"));
    Element suites = junit("plain").getDocumentElement();
    assertThat(suites.getAttribute("skipped")).isEqualTo("2");
    assertThat(suites.getAttribute("failures")).isEqualTo("0");

    Cli.Result strict =
        run("run", "prompts", "--cache", "off", "--run-id", "strict", "--fail-on", "skipped");
    assertThat(strict.exit()).as(strict.err()).isEqualTo(1);
  }

  @Test
  void nothingRanIsExitZeroAsInGhButNotAPassWhenAGateWasAskedFor() {
    needsVariables();
    Cli.Result plain = run("run", "prompts", "--cache", "off");
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(plain.err()).contains("nothing to run").doesNotContain("exit 1");
    assertThat(plain.out()).doesNotContain("PASS");

    for (List<String> gate :
        List.of(List.of("--fail-on", "failures"), List.of("--min-pass-rate", "80%"))) {
      Cli.Result gated =
          run(
              Stream.concat(Stream.of("run", "prompts", "--cache", "off"), gate.stream())
                  .toArray(String[]::new));
      assertThat(gated.exit()).as(gate + ": " + gated.err()).isEqualTo(1);
      assertThat(gated.err())
          .contains("nothing to run")
          .contains("a run in which nothing ran is not a pass");
      assertThat(gated.out()).doesNotContain("PASS");
    }
    assertThat(run("run", "prompts", "--cache", "off", "--fail-on", "none").exit()).isZero();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFileSkippedForVariablesIsNamedInEveryReport() throws Exception {
    needsVariables();
    Fixtures.write(
        dir,
        "prompts/ok.prompt.yml",
        """
        name: ok
        model: openai:gpt-test
        messages: [{role: user, content: 'Say {{x}}'}]
        testData: [{x: hi}]
        evaluators: [{name: any, string: {contains: Answer}}]
        """);
    Cli.Result r = run("run", "prompts", "--cache", "off", "--run-id", "mixed");
    assertThat(r.exit()).as(r.err()).isZero();
    Path runDir = dir.resolve("reports/mixed");

    JsonNode notRun =
        new ObjectMapper().readTree(runDir.resolve("results.json").toFile()).path("notRun");
    assertThat(notRun).hasSize(1);
    assertThat(notRun.get(0).path("file").asText()).isEqualTo("prompts/summary.prompt.yml");
    assertThat(notRun.get(0).path("reason").asText()).contains("--var diff=...");

    assertThat(Files.readString(runDir.resolve("summary.md")))
        .contains("### Files not run")
        .contains("**NOT RUN** `prompts/summary.prompt.yml`");
    assertThat(Files.readString(runDir.resolve("report.html")))
        .contains("<h2>Files not run</h2>")
        .contains("prompts/summary.prompt.yml");

    Document junit = junit("mixed");
    assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo("2");
    assertThat(junit.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
    var suites = junit.getElementsByTagName("testsuite");
    Element notRunSuite = null;
    for (int i = 0; i < suites.getLength(); i++) {
      Element s = (Element) suites.item(i);
      if (s.getAttribute("name").equals("prompts/summary.prompt.yml (not run)")) {
        notRunSuite = s;
      }
    }
    assertThat(notRunSuite).as("a skipped suite for the file not run").isNotNull();
    assertThat(
            ((Element) notRunSuite.getElementsByTagName("skipped").item(0)).getAttribute("message"))
        .contains("no value for 'diff'");

    // read back (as `report` and `merge` do) it still names the file
    Cli.Result again = Cli.run("report", runDir.toString(), "--format", "md");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(Files.readString(runDir.resolve("summary.md")))
        .contains("**NOT RUN** `prompts/summary.prompt.yml`");
  }

  @Test
  void aKeyPromptcheckDoesNotReadIsSaidInRunNotOnlyInValidate() {
    Fixtures.write(
        dir,
        "prompts/extra.prompt.yml",
        """
        name: extra
        model: openai:gpt-test
        messages: [{role: user, content: 'Say {{x}}'}]
        testData: [{x: hi}]
        evaluators: [{name: any, string: {contains: Answer}}]
        owner: team-a
        """);
    Cli.Result r = run("run", "prompts", "--cache", "off");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("extra.prompt.yml:6:1: warning: unknown top-level key 'owner' is ignored");
  }

  private Document junit(String runId) throws Exception {
    Path file = dir.resolve("reports").resolve(runId).resolve("junit.xml");
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("no junit.xml in " + runId, e);
    }
  }
}
