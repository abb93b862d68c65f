package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.run.CacheMode;
import dev.promptcheck.run.CallPaths;
import dev.promptcheck.run.RunOptions;
import dev.promptcheck.run.RunSession;
import dev.promptcheck.run.TrialRunner;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.SuiteLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code results.json} read as {@code gh models eval --json} output: gh's fields with gh's types
 * and meanings (github/gh-models cmd/eval/eval.go:28-58, 207-226), promptcheck's fields beside
 * them.
 */
class GhJsonOutputTest {
  @TempDir Path dir;

  /** The fields gh prints and the JSON type of each (its EvaluationSummary and nested structs). */
  static final Map<String, JsonNodeType> TOP =
      Map.of(
          "name", JsonNodeType.STRING,
          "description", JsonNodeType.STRING,
          "model", JsonNodeType.STRING,
          "testResults", JsonNodeType.ARRAY,
          "summary", JsonNodeType.OBJECT);

  static final Map<String, JsonNodeType> SUMMARY =
      Map.of(
          "totalTests", JsonNodeType.NUMBER,
          "passedTests", JsonNodeType.NUMBER,
          "failedTests", JsonNodeType.NUMBER,
          "passRate", JsonNodeType.NUMBER);

  static final Map<String, JsonNodeType> TEST_RESULT =
      Map.of(
          "testCase", JsonNodeType.OBJECT,
          "modelResponse", JsonNodeType.STRING,
          "evaluationResults", JsonNodeType.ARRAY);

  static final Map<String, JsonNodeType> EVALUATION =
      Map.of(
          "evaluatorName", JsonNodeType.STRING,
          "score", JsonNodeType.NUMBER,
          "passed", JsonNodeType.BOOLEAN,
          "details", JsonNodeType.STRING);

  private static void hasGhFields(JsonNode node, Map<String, JsonNodeType> fields) {
    for (Map.Entry<String, JsonNodeType> f : fields.entrySet()) {
      assertThat(node.has(f.getKey())).as("field " + f.getKey()).isTrue();
      assertThat(node.get(f.getKey()).getNodeType()).as(f.getKey()).isEqualTo(f.getValue());
    }
  }

  private JsonNode runAndRead(String... files) throws Exception {
    RunOptions options =
        RunOptions.builder()
            .concurrency(1)
            .timeout(Duration.ofSeconds(5))
            .retries(0)
            .cache(CacheMode.OFF)
            .build();
    CallPaths pool =
        CallPaths.withClient(
            options,
            ProjectConfig.empty(),
            model -> request -> new ModelResponse("\n  Paris.  \n", "stop", 4, 2, 1));
    RunResult run =
        RunSession.execute(
            new SuiteLoader(dir).load(List.of(files)).runnable(),
            options,
            pool,
            new RunSession.Setup("gh", dir.resolve("reports/gh"), dir, List.of()),
            TrialRunner.Listener.NONE,
            new Diagnostics());
    Path written = new JsonReport().write(run, Comparison.NONE, dir.resolve("reports/gh"));
    return new ObjectMapper().readTree(written.toFile());
  }

  private void capitals(String path, String name) {
    Fixtures.write(
        dir,
        path,
        "name: "
            + name
            + "\ndescription: Capitals of countries\nmodel: openai/gpt-4o-mini\n"
            + "messages: [{role: user, content: 'Capital of {{country}}?'}]\n"
            + "testData:\n"
            + "  - {country: France, expected: Paris, founded: 508, ratio: 0.5, eu: true}\n"
            + "  - {country: Peru, expected: Lima, founded: 1535}\n"
            + "evaluators: [{name: right city, string: {contains: '{{expected}}'}}]\n");
  }

  @Test
  void aOneFileRunReadsLikeGhModelsEvalJson() throws Exception {
    capitals("prompts/capitals.prompt.yml", "Capitals");
    JsonNode root = runAndRead("prompts");
    hasGhFields(root, TOP);
    assertThat(root.path("name").asText()).isEqualTo("Capitals");
    assertThat(root.path("description").asText()).isEqualTo("Capitals of countries");
    assertThat(root.path("model").asText()).isEqualTo("openai/gpt-4o-mini"); // as the file says

    JsonNode summary = root.path("summary");
    hasGhFields(summary, SUMMARY);
    assertThat(summary.path("totalTests").asInt()).isEqualTo(2);
    assertThat(summary.path("passedTests").asInt()).isEqualTo(1);
    assertThat(summary.path("failedTests").asInt()).isEqualTo(1); // total − passed
    assertThat(summary.path("passRate").asDouble()).isEqualTo(50.0); // percent, as gh

    assertThat(root.path("testResults")).hasSize(2);
    for (JsonNode result : root.path("testResults")) {
      hasGhFields(result, TEST_RESULT);
      assertThat(result.path("modelResponse").asText()).isEqualTo("Paris."); // trimmed
      for (JsonNode evaluation : result.path("evaluationResults")) {
        hasGhFields(evaluation, EVALUATION);
      }
    }
    JsonNode france = root.path("testResults").get(0).path("testCase");
    assertThat(france.path("country").isTextual()).isTrue();
    assertThat(france.path("founded").isIntegralNumber()).isTrue();
    assertThat(france.path("founded").asInt()).isEqualTo(508);
    assertThat(france.path("ratio").isDouble()).isTrue();
    assertThat(france.path("eu").isBoolean()).isTrue();
    JsonNode first = root.path("testResults").get(0).path("evaluationResults").get(0);
    assertThat(first.path("score").asDouble()).isEqualTo(1.0);
    assertThat(first.path("passed").asBoolean()).isTrue();

    // promptcheck reads its own file back: typed values become its text variables again
    RunResult back = JsonReport.read(dir.resolve("reports/gh/results.json"));
    assertThat(back.trials().get(0).vars()).containsEntry("founded", "508");
    assertThat(back.trials().get(0).testCase()).containsEntry("founded", 508);
  }

  @Test
  void withSeveralFilesNameDescriptionAndModelArePerSuite() throws Exception {
    capitals("prompts/a.prompt.yml", "First");
    capitals("prompts/b.prompt.yml", "Second");
    JsonNode root = runAndRead("prompts");
    hasGhFields(root, TOP);
    assertThat(root.path("name").asText()).isEmpty();
    assertThat(root.path("model").asText()).isEmpty();
    Iterator<JsonNode> suites = root.path("suites").elements();
    assertThat(suites.next().path("model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(root.path("suites"))
        .extracting(s -> s.path("name").asText())
        .containsExactly("First", "Second");
    assertThat(root.path("summary").path("totalTests").asInt()).isEqualTo(4);
    assertThat(root.path("summary").path("passRate").asDouble()).isEqualTo(50.0);
  }
}
