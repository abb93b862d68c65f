package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly workflow's steps over three nights (issue 22): on the first night there is no
 * baseline yet, and the regression gate passes with a notice instead of exit 2 (which kept the step
 * that saves the baseline from ever running); the next nights compare and gate, and the history
 * kept between nights grows by one run each night.
 */
class FirstNightTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  final AtomicBoolean broken = new AtomicBoolean();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            String input = body.contains("alpha") ? "alpha" : "beta";
            return FakeOpenAi.ok(
                broken.get() && input.equals("beta") ? "no idea" : "it is " + input);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private Cli.Result night(CliProcess cli, int n) throws IOException {
    Cli.Result run =
        cli.run(
            "run",
            "prompts",
            "--cache",
            "off",
            "--run-id",
            "night-" + n,
            "--baseline",
            "baseline/results.json",
            "--fail-on",
            "regressions");
    if (run.exit() == 0) { // the workflow keeps a good night as the next baseline
      Files.createDirectories(dir.resolve("baseline"));
      Files.copy(
          dir.resolve("reports/night-" + n + "/results.json"),
          dir.resolve("baseline/results.json"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    Cli.Result history = cli.run("history", "reports", "--out", "history");
    assertThat(history.exit()).as(history.err()).isZero();
    assertThat(history.out()).contains("History: " + n + (n == 1 ? " run" : " runs"));
    return run;
  }

  @Test
  void theFirstNightPassesTheRegressionGateWithANoticeAndTheNextNightsGate() throws IOException {
    Fixtures.write(
        dir,
        "prompts/n.prompt.yml",
        """
        name: nightly
        model: openai:gpt-test
        messages: [{role: user, content: 'what is {{word}}'}]
        evaluators: [{name: names it, string: {contains: '{{word}}'}}]
        testData:
          - word: alpha
          - word: beta
        """);
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());

    Cli.Result first = night(cli, 1);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).contains("--baseline baseline/results.json does not exist yet");
    assertThat(Files.exists(dir.resolve("baseline/results.json"))).isTrue();

    Cli.Result second = night(cli, 2);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("does not exist yet");

    broken.set(true);
    Cli.Result third = night(cli, 3);
    assertThat(third.exit()).as(third.out()).isEqualTo(1);
    assertThat(third.out()).containsIgnoringCase("regress");

    // a baseline path that is there but unreadable is still an error, not a first night
    Files.writeString(dir.resolve("baseline/results.json"), "{not json");
    Cli.Result unreadable =
        cli.run(
            "run", "prompts", "--baseline", "baseline/results.json", "--fail-on", "regressions");
    assertThat(unreadable.exit()).isEqualTo(2);
    assertThat(unreadable.err()).contains("--baseline baseline/results.json");
  }
}
