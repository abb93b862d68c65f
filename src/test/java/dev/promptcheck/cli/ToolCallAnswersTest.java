package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that answers with tool calls ({@code tool_calls}, {@code content: null}) gave an answer:
 * its calls are carried on the trial, in results.json, the journal, the cache and recordings; a
 * text check of such an answer is an error naming the calls, never a verdict on the empty string.
 */
class ToolCallAnswersTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ARGS = "{\"city\":\"Oslo\",\"unit\":\"C\"}";

  private void suite() {
    Fixtures.write(
        dir,
        "prompts/weather.prompt.yml",
        """
        name: weather
        model: openai:gpt-test
        tools:
          - type: function
            function:
              name: get_weather
              parameters: {type: object, properties: {city: {type: string}}}
        messages:
          - {role: user, content: 'Weather in {{city}}?'}
        evaluators:
          - {name: mentions city, string: {contains: '{{city}}'}}
          - {name: no rain, string: {notContains: rain}}
          - {name: fast, latency: {maxMs: 60000}}
        testData:
          - {city: Oslo}
        """);
  }

  private Cli.Result run(String... args) {
    return Cli.run(
        new Invocation(
            dir,
            Map.of(
                "OPENAI_BASE_URL",
                server.url("/v1").toString(),
                "OPENAI_API_KEY",
                "k",
                "CI",
                "true")),
        args);
  }

  private JsonNode trial(String runId) throws Exception {
    JsonNode results = JSON.readTree(dir.resolve("reports/" + runId + "/results.json").toFile());
    return results.path("testResults").get(0);
  }

  private static void assertCalls(JsonNode trial) {
    JsonNode calls = trial.path("toolCalls");
    assertThat(calls).as(trial.toString()).hasSize(1);
    assertThat(calls.get(0).path("name").asText()).isEqualTo("get_weather");
    assertThat(calls.get(0).path("arguments").asText()).isEqualTo(ARGS);
  }

  @Test
  void toolCallsAreCarriedAndTextChecksOfThemAreErrorsNamingThem() throws Exception {
    suite();
    server.enqueue(FakeOpenAi.toolCalls("get_weather", ARGS));
    Cli.Result first = run("run", "prompts", "--record", "rec", "--run-id", "a", "--quiet");
    assertThat(server.getRequestCount()).isEqualTo(1);
    JsonNode trial = trial("a");
    assertThat(trial.path("error").isNull()).as(first.err()).isTrue(); // an answer, not a failure
    assertThat(trial.path("finishReason").asText()).isEqualTo("tool_execution");
    assertCalls(trial);
    assertThat(trial.path("modelResponse").asText()).isEmpty();
    JsonNode checks = trial.path("evaluationResults");
    for (int i = 0; i < 2; i++) {
      assertThat(checks.get(i).path("status").asText()).isEqualTo("error");
      assertThat(checks.get(i).path("details").asText())
          .startsWith("the answer is tool calls only, no text to check: get_weather(" + ARGS + ")");
    }
    assertThat(checks.get(2).path("status").asText()).isEqualTo("pass"); // not a text check
    assertThat(first.exit()).isNotZero(); // the errors are not a pass

    // the journal (what --resume reads) and the recording keep the calls
    String journal =
        Files.readString(dir.resolve("reports/a/results.jsonl"), StandardCharsets.UTF_8);
    assertCalls(
        JSON.readTree(journal.lines().filter(l -> l.contains("trialId")).findFirst().get()));
    List<Path> recorded;
    try (Stream<Path> s = Files.list(dir.resolve("rec"))) {
      recorded = s.filter(f -> f.toString().endsWith(".json")).toList();
    }
    assertThat(recorded).hasSize(1);
    JsonNode entry = JSON.readTree(recorded.get(0).toFile());
    assertThat(entry.path("request").path("tools").get(0).path("name").asText())
        .isEqualTo("get_weather");
    assertThat(entry.path("response").path("toolCalls").get(0).path("arguments").asText())
        .isEqualTo(ARGS);

    // a replay and a cache hit give the same calls, without calling
    run("run", "prompts", "--replay", "rec", "--run-id", "b", "--quiet");
    assertCalls(trial("b"));
    assertThat(trial("b").path("source").asText()).isEqualTo("replay");
    run("run", "prompts", "--run-id", "c", "--quiet");
    assertCalls(trial("c"));
    assertThat(trial("c").path("source").asText()).isEqualTo("cache");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAnswerWithoutToolCallsIsWrittenAsBefore() throws Exception {
    suite();
    server.enqueue(FakeOpenAi.ok("Oslo: sunny"));
    Cli.Result run = run("run", "prompts", "--record", "rec", "--run-id", "a", "--quiet");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(trial("a").has("toolCalls")).isFalse();
    assertThat(Files.readString(dir.resolve("reports/a/results.jsonl")))
        .doesNotContain("toolCalls");
    try (Stream<Path> s = Files.list(dir.resolve("rec"))) {
      for (Path f : s.toList()) {
        assertThat(Files.readString(f)).doesNotContain("toolCalls");
      }
    }
  }
}
