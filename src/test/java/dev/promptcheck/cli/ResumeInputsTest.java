package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume after an edit, or with other models, would report trials checked two ways as one run: it
 * is refused, naming what changed, before any call; undoing the change lets it finish.
 */
class ResumeInputsTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  CliProcess cli;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            return FakeOpenAi.ok(body.replaceAll("(?s).*\"content\":\"(question \\d+)\".*", "$1"));
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    cli = new CliProcess(dir, server.url("/v1").toString());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private static String suite(String regex, String thirdInput) {
    StringBuilder yaml =
        new StringBuilder(
            """
            name: drill
            model: openai:gpt-test
            messages: [{role: user, content: '{{input}}'}]
            evaluators: [{name: answers, regex: {pattern: 'REGEX'}}]
            testData:
            """
                .replace("REGEX", regex));
    for (int i = 1; i <= 12; i++) {
      yaml.append("  - {id: q")
          .append(i)
          .append(", input: ")
          .append(i == 3 ? thirdInput : "question " + i)
          .append("}\n");
    }
    return yaml.toString();
  }

  /** A run of 12 cases killed after 4: its journal holds 4 lines (the journal is the truth). */
  private void killedAfterFour() throws IOException {
    Fixtures.write(dir, "prompts/drill.prompt.yml", suite("question", "question 3"));
    Cli.Result first = cli.run("run", "prompts", "--cache", "off", "--run-id", "r", "--quiet");
    assertThat(first.exit()).as(first.err()).isZero();
    Path journal = dir.resolve("reports/r/results.jsonl");
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    Files.write(journal, lines.subList(0, 4), StandardCharsets.UTF_8);
  }

  @Test
  void anEditedCheckIsRefusedNamingTheFileAndNothingIsCalledUntilItIsUndone() throws Exception {
    killedAfterFour();
    int calls = server.getRequestCount();
    Fixtures.write(dir, "prompts/drill.prompt.yml", suite("^never$", "question 3"));

    Cli.Result resumed = cli.run("run", "--resume", "reports/r");
    assertThat(resumed.exit()).as(resumed.err()).isEqualTo(2);
    assertThat(resumed.err())
        .contains("cannot resume reports/r: the inputs changed since the run started")
        .contains("4 trials finished before")
        .contains(
            "prompts/drill.prompt.yml: its messages, model, parameters or file-level evaluators"
                + " changed")
        .contains("start a new run")
        .doesNotContain("Exception");
    assertThat(server.getRequestCount()).isEqualTo(calls);
    assertThat(Files.readAllLines(dir.resolve("reports/r/results.jsonl"))).hasSize(4);

    Fixtures.write(dir, "prompts/drill.prompt.yml", suite("question", "question 3"));
    Cli.Result undone = cli.run("run", "--resume", "reports/r", "--quiet");
    assertThat(undone.exit()).as(undone.err()).isZero();
    assertThat(server.getRequestCount() - calls).isEqualTo(8);
    JsonNode results = new ObjectMapper().readTree(dir.resolve("reports/r/results.json").toFile());
    assertThat(results.path("summary").path("passedTests").asInt()).isEqualTo(12);
  }

  @Test
  void anEditedRowIsNamedByItsNumber() throws Exception {
    killedAfterFour();
    Fixtures.write(dir, "prompts/drill.prompt.yml", suite("question", "question three"));
    Cli.Result resumed = cli.run("run", "--resume", "reports/r");
    assertThat(resumed.exit()).as(resumed.err()).isEqualTo(2);
    assertThat(resumed.err()).contains("prompts/drill.prompt.yml: test case 3 changed");
  }

  @Test
  void anotherModelOnTheResumeLineIsRefusedNamingBothModelSets() throws Exception {
    killedAfterFour();
    int calls = server.getRequestCount();
    Cli.Result resumed = cli.run("run", "--resume", "reports/r", "--model", "openai:gpt-other");
    assertThat(resumed.exit()).as(resumed.err()).isEqualTo(2);
    assertThat(resumed.err())
        .contains(
            "models: the run was started with openai:gpt-test; this resume would call"
                + " openai:gpt-other");
    assertThat(server.getRequestCount()).isEqualTo(calls);

    Cli.Result plain = cli.run("run", "--resume", "reports/r", "--quiet");
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(server.getRequestCount() - calls).isEqualTo(8);
  }
}
