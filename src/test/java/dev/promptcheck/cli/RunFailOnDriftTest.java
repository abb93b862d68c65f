package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --fail-on drift}: each night's run goes into the history and a significant drop
 * against the earlier nights is exit 1, where the run's own failures (known failing cases) are not.
 * The first night has nothing to drift from and passes.
 */
class RunFailOnDriftTest {
  private static final int CASES = 24;
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  final AtomicInteger night = new AtomicInteger();
  CliProcess cli;

  @BeforeEach
  void suite() {
    StringBuilder yaml =
        new StringBuilder(
            "name: topics\nmodel: openai:m\nmessages: [{role: user, content: '{{input}}'}]\n"
                + "evaluators:\n  - name: ok\n    string: {contains: 'OK'}\ntestData:\n");
    for (int i = 0; i < CASES; i++) {
      yaml.append("  - input: topic ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/topics.prompt.yml", yaml.toString());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            int topic = Integer.parseInt(body.replaceAll("(?s).*topic (\\d+).*", "$1"));
            // case 0 always fails (a known failure, no drift); from night 4, half the cases fail
            boolean wrong = topic == 0 || (night.get() >= 4 && topic % 2 == 1);
            return FakeOpenAi.ok(wrong ? "no" : "OK " + topic);
          }
        });
    cli = new CliProcess(dir, server.url("/v1").toString());
  }

  private Cli.Result night(int n) {
    night.set(n);
    return cli.run(
        "run", "prompts", "--cache", "off", "--run-id", "night-" + n, "--fail-on", "drift");
  }

  @Test
  void aDropAgainstEarlierNightsIsExitOneKnownFailuresAreNot() throws Exception {
    Cli.Result first = night(1);
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("History: the first run in reports/history");
    for (int n = 2; n <= 3; n++) {
      Cli.Result r = night(n);
      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("History: no drift against " + (n - 1) + " earlier run");
    }
    Cli.Result dropped = night(4);
    assertThat(dropped.exit()).as(dropped.out() + dropped.err()).isEqualTo(1);
    assertThat(dropped.out())
        .contains("DRIFT drop prompts/topics.prompt.yml × openai:m from run night-4")
        .contains("FAIL");
    assertThat(dropped.err()).contains("--fail-on drift: a suite's pass rate dropped");
    JsonNode h = new ObjectMapper().readTree(dir.resolve("reports/history/history.json").toFile());
    assertThat(h.path("runs").size()).isEqualTo(4);
    assertThat(Files.exists(dir.resolve("reports/history/history.html"))).isTrue();

    // a resume keeps --fail-on drift and the history from command.json
    JsonNode stored =
        new ObjectMapper().readTree(dir.resolve("reports/night-4/command.json").toFile());
    assertThat(stored.path("failOn").asText()).isEqualTo("drift");
  }

  @Test
  void driftIsNotAGateOfReportAndTheHistoryNeedsResultsJson() {
    night.set(1);
    Cli.Result report = cli.run("run", "prompts", "--cache", "off", "--run-id", "r");
    assertThat(report.exit()).as(report.err()).isEqualTo(1); // case 0 fails
    Cli.Result refused = cli.run("report", "reports/r", "--fail-on", "drift");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("--fail-on drift gates a run against its history");
    Cli.Result noJson =
        cli.run("run", "prompts", "--history", "h", "--format", "md", "--run-id", "s");
    assertThat(noJson.exit()).isEqualTo(2);
    assertThat(noJson.err()).contains("--history indexes the run's results.json");
  }

  @Test
  void aHistoryThatCannotBeWrittenIsNoPass() throws Exception {
    Files.writeString(dir.resolve("blocked"), "a file where the history folder would go");
    night.set(1);
    Cli.Result r =
        cli.run(
            "run",
            "prompts",
            "--cache",
            "off",
            "--history",
            "blocked",
            "--fail-on",
            "drift",
            "--run-id",
            "x");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
    assertThat(r.err())
        .contains("the history in blocked could not be updated")
        .contains("--fail-on drift could not be checked");
    // the run itself is kept: its reports were written before the history was asked
    assertThat(Files.exists(dir.resolve("reports/x/results.json"))).isTrue();
  }
}
