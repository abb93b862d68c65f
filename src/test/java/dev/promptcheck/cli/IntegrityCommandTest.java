package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict-integrity drills of the CLI: what a user sees when something cannot run. */
class IntegrityCommandTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  CliProcess cli;

  @BeforeEach
  void setUp() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return FakeOpenAi.ok("## Answer\nhello");
          }
        });
    cli = new CliProcess(dir, server.url("/v1").toString());
  }

  private static final String GOOD =
      """
      name: good
      model: openai:gpt-test
      messages: [{role: user, content: '{{input}}'}]
      evaluators: [{name: says hello, string: {contains: hello}}]
      testData: [{input: a}, {input: b}]
      """;

  @Test
  void aFolderWithOneBrokenFileRunsTheValidOnesListsTheBrokenOneInEveryReportAndExitsTwo()
      throws Exception {
    Fixtures.write(dir, "prompts/good.prompt.yml", GOOD);
    Fixtures.write(
        dir,
        "prompts/broken.prompt.yml",
        "name: broken\nmessages:\n  - {role: user, content: hi\n");
    Cli.Result r = cli.run("run", "prompts", "--cache", "off", "--run-id", "mixed");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(r.out())
        .contains("Refused files (not run, exit 2):")
        .contains("ERROR  prompts/broken.prompt.yml:3:5: YAML syntax");
    Path run = dir.resolve("reports/mixed");
    JsonNode json = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    assertThat(json.path("testResults")).hasSize(2);
    assertThat(json.path("refused").get(0).path("file").asText())
        .isEqualTo("prompts/broken.prompt.yml");
    assertThat(Files.readString(run.resolve("junit.xml")))
        .contains("<testsuite name=\"prompts/broken.prompt.yml (refused)\" tests=\"1\"")
        .contains("type=\"refused\"");
    assertThat(Files.readString(run.resolve("summary.md")))
        .startsWith("## \u274C")
        .contains("### Refused files (not run)")
        .contains("`prompts/broken.prompt.yml`: 3:5: YAML syntax");
    assertThat(Files.readString(run.resolve("report.html")))
        .contains("<tr class=\"error\"><td>prompts/broken.prompt.yml</td>");
  }

  @Test
  void skippedChecksAreOneLineOnTheConsoleAndInTheSummaryAndFailOnSkippedFailsTheRun()
      throws Exception {
    Fixtures.write(
        dir,
        "prompts/rules.prompt.yml",
        """
        name: rules
        model: openai:gpt-test
        messages: [{role: user, content: '{{input}}'}]
        evaluators: [{rule: The answer is polite.}]
        testData: [{input: a}, {input: b}]
        """);
    Cli.Result r = cli.run("run", "prompts", "--cache", "off", "--run-id", "rules");
    assertThat(r.exit()).as(r.err()).isZero();
    String line =
        "Skipped: 2 checks skipped (2 cases had only skipped checks, not counted as passed): no"
            + " judge model configured: pass --judge provider:model (2)";
    assertThat(r.out()).contains(line).doesNotContain("2/2 passed");
    String md = Files.readString(dir.resolve("reports/rules/summary.md"));
    assertThat(md)
        .contains("2 skipped")
        .doesNotContain("2/2 passed")
        .contains("> **Skipped:** 2 checks skipped (2 cases had only skipped checks");
    Cli.Result gated =
        cli.run("run", "prompts", "--cache", "off", "--run-id", "rules2", "--fail-on", "skipped");
    assertThat(gated.exit()).isEqualTo(1);
  }

  @Test
  void validateWarnsOnDuplicateRows() {
    Path f =
        Fixtures.write(
            dir,
            "dup.prompt.yml",
            """
            name: dup
            messages: [{role: user, content: '{{input}}'}]
            testData:
              - {input: a}
              - {input: b}
              - {input: a}
              - {id: x, input: c}
              - {id: x, input: d}
            """);
    Cli.Result r = Cli.run("validate", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("dup.prompt.yml:6:5: warning: test case #3 repeats the case at line 4")
        .contains("dup.prompt.yml:8:5: warning: test case x reuses the id of the case at line 7");
  }
}
