package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --gate}, {@code --regressions} and {@code --cluster-by} are kept in command.json, so
 * {@code run --resume} judges the run by the same rule it started with.
 */
class StatisticsOptionsResumeTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void aResumedRunKeepsItsGateAndClusters() throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            "name: t\nmodel: openai:m\nmessages: [{role: user, content: '{{input}}'}]\n"
                + "evaluators:\n  - name: ok\n    string: {contains: 'OK'}\ntestData:\n");
    for (int i = 0; i < 40; i++) {
      yaml.append("  - {input: 'q ").append(i).append("', topic: t").append(i / 5).append("}\n");
    }
    Fixtures.write(dir, "prompts/t.prompt.yml", yaml.toString());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            // 37 of 40 answers pass: 92.5%, interval 80.1%-97.4% over cases
            boolean wrong = request.getBody().utf8().matches("(?s).*q (0|1|2)\\b.*");
            return FakeOpenAi.ok(wrong ? "no" : "OK");
          }
        });
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result first =
        cli.run(
            "run",
            "prompts",
            "--cache",
            "off",
            "--run-id",
            "r",
            "--min-pass-rate",
            "85%",
            "--gate",
            "lower-bound",
            "--cluster-by",
            "topic");
    assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
    assertThat(first.err()).contains("its lower bound is below --min-pass-rate 85.0%");
    JsonNode stored = new ObjectMapper().readTree(dir.resolve("reports/r/command.json").toFile());
    assertThat(stored.path("gate").asText()).isEqualTo("lower-bound");
    assertThat(stored.path("regressions").asText()).isEqualTo("any");
    assertThat(stored.path("clusterBy").asText()).isEqualTo("topic");

    Cli.Result resumed = cli.run("run", "--resume", "reports/r");
    assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(1);
    assertThat(resumed.err()).contains("its lower bound is below --min-pass-rate 85.0%");
  }
}
