package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code history} is given is not always clean (issue 22): a broken or foreign results.json is
 * a located warning and the other runs are indexed; a run still being written is skipped with a
 * note; the same run found twice (a run folder and a downloaded copy) counts once.
 */
class HistoryInputsTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return FakeOpenAi.ok("it is alpha");
          }
        });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void brokenForeignAndUnfinishedFoldersAreNamedAndTheRestIsIndexed() throws IOException {
    Fixtures.write(
        dir,
        "prompts/a.prompt.yml",
        """
        name: a
        model: openai:gpt-test
        messages: [{role: user, content: 'say {{w}}'}]
        evaluators: [{name: says, string: {contains: '{{w}}'}}]
        testData: [{w: alpha}]
        """);
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    assertThat(cli.run("run", "prompts", "--cache", "off", "--run-id", "good").exit()).isZero();
    // the same run downloaded as an artifact beside it
    Path copy = Files.createDirectories(dir.resolve("artifacts/good-copy"));
    Files.copy(dir.resolve("reports/good/results.json"), copy.resolve("results.json"));
    Fixtures.write(
        dir, "reports/torn/results.json", "{\"runId\": \"torn\",\n  \"testResults\": [ {");
    Fixtures.write(dir, "reports/foreign/results.json", "{\"some\": \"other tool\"}");
    Fixtures.write(dir, "reports/running/results.jsonl", "{}\n");

    Cli.Result r = cli.run("history", "reports", "artifacts", "--out", "history");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("History: 1 run (1 new)");
    assertThat(r.err())
        .containsPattern(
            "warning: \\S*reports/torn/results.json:2:\\d+: not a promptcheck results.json")
        .contains("reports/foreign/results.json is not a promptcheck results.json")
        .containsPattern("note: \\S*reports/running: still being written")
        .doesNotContain("Exception");
    assertThat(dir.resolve("history/history.html")).exists();
  }
}
