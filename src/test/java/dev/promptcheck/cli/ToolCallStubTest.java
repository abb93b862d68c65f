package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.suite.Fixtures;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file with a tool against the shared benchmark stub ({@code ../shared/bench/llm-stub.js}: a
 * request with tools is answered by a call of the first tool with {@code {"query": <last user
 * message>}}). Skipped where the stub or node is absent.
 */
class ToolCallStubTest {
  static final Path STUB = Path.of("..", "shared", "bench", "llm-stub.js");
  @TempDir Path dir;
  Process stub;

  @AfterEach
  void stop() throws InterruptedException {
    if (stub != null) {
      stub.destroy();
      stub.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private String startStub() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(STUB), "no " + STUB);
    Assumptions.assumeTrue(onPath("node"), "node is not installed");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder("node", STUB.toAbsolutePath().toString())
            .redirectOutput(dir.resolve("stub.out").toFile())
            .redirectError(dir.resolve("stub.err").toFile());
    pb.environment().put("PORT", String.valueOf(port));
    stub = pb.start();
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/stats"))
                .timeout(Duration.ofSeconds(1))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return base + "/v1";
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(
        "the stub did not start: " + Files.readString(dir.resolve("stub.err")));
  }

  private static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, binary))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aToolCallCheckPassesAndAWrongArgumentFailsNamingIt() throws Exception {
    String base = startStub();
    Fixtures.write(
        dir,
        "prompts/lookup.prompt.yml",
        """
        name: lookup
        model: openai:stub
        tools:
          - type: function
            function:
              name: search
              description: Searches the docs
              parameters: {type: object, properties: {query: {type: string}}, required: [query]}
        messages:
          - {role: user, content: '{{q}}'}
        testData:
          - {q: tool calls in YAML}
        evaluators:
          - {name: searches the question, toolCall: {name: search, arguments: {query: '{{q}}'}}}
          - {name: searches something else, toolCall: {name: search, arguments: {query: other}}}
          - {name: says something, string: {contains: search}}
        """);
    Cli.Result run = new CliProcess(dir, base).run("run", "prompts", "--run-id", "s", "--quiet");
    JsonNode trial =
        new ObjectMapper()
            .readTree(dir.resolve("reports/s/results.json").toFile())
            .path("testResults")
            .get(0);
    assertThat(trial.path("error").isNull()).as(run.err()).isTrue();
    assertThat(trial.path("toolCalls").get(0).path("name").asText()).isEqualTo("search");
    assertThat(trial.path("toolCalls").get(0).path("arguments").asText())
        .isEqualTo("{\"query\":\"tool calls in YAML\"}");
    JsonNode checks = trial.path("evaluationResults");
    assertThat(checks.get(0).path("status").asText()).as(checks.toString()).isEqualTo("pass");
    assertThat(checks.get(1).path("status").asText()).isEqualTo("fail");
    assertThat(checks.get(1).path("details").asText())
        .isEqualTo("argument query is \"tool calls in YAML\", expected \"other\"");
    assertThat(checks.get(2).path("status").asText()).isEqualTo("error");
    assertThat(checks.get(2).path("details").asText()).contains("search({\"query\"");
    assertThat(run.exit()).isEqualTo(1);
  }
}
