package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promptcheck run} on files written for {@code gh models eval}, in its own process so that
 * the environment (keys, {@code GITHUB_MODELS_BASE_URL}) is what a user's shell gives it.
 */
class GhModelsCompatibilityTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  /** Every request the server saw: its path and its JSON body. */
  final List<Map.Entry<String, JsonNode>> requests = new CopyOnWriteArrayList<>();

  private void answer(String modelReply, String judgeReply) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            JsonNode body;
            try {
              body = new ObjectMapper().readTree(request.getBody().utf8());
            } catch (IOException e) {
              return FakeOpenAi.status(400, null);
            }
            requests.add(Map.entry(request.getTarget(), body));
            boolean judging = body.path("messages").toString().contains("Rating: N");
            return FakeOpenAi.ok(judging ? judgeReply : modelReply);
          }
        });
  }

  private record Ran(int exit, String out, String err) {}

  private Ran run(Map<String, String> env, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    for (String k :
        List.of(
            "GITHUB_TOKEN",
            "GITHUB_ACTIONS", // the missing token's hint differs in a workflow
            "GITHUB_MODELS_BASE_URL",
            "OPENAI_API_KEY",
            "OPENAI_BASE_URL",
            "PROMPTCHECK_JUDGE")) {
      pb.environment().remove(k);
    }
    pb.environment().put("CI", "true");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Ran(
        p.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private void judgedFile(String model) {
    Fixtures.write(
        dir,
        "prompts/judged.prompt.yml",
        "name: judged\nmodel: "
            + model
            + "\nmessages: [{role: user, content: '{{input}}'}]\n"
            + "testData: [{input: 'What is 2+2?'}]\n"
            + "evaluators:\n  - {name: coherent, uses: github/coherence}\n");
  }

  @Test
  void githubJudgesWithoutATokenStopTheRunBeforeAnyCallWithTheKeyError() throws Exception {
    answer("4", "Rating: 5");
    judgedFile("openai:gpt-test");
    Ran r =
        run(
            Map.of("OPENAI_BASE_URL", server.url("/v1").toString()),
            "run",
            "prompts",
            "--cache",
            "off",
            "--quiet");
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "promptcheck: github:openai/gpt-4o needs an API key: set the environment variable"
                + " GITHUB_TOKEN (signed in to the GitHub CLI: export GITHUB_TOKEN=$(gh auth"
                + " token))");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void githubModelsBaseUrlReachesTheModelAndTheDefaultJudgeOpenAiGpt4o() throws Exception {
    answer("  4\n\n", "Rating: 5");
    judgedFile("openai/gpt-4o-mini"); // publisher/model without a prefix: GitHub Models
    Ran r =
        run(
            Map.of("GITHUB_MODELS_BASE_URL", server.url("/inference").toString()),
            "run",
            "prompts",
            "--cache",
            "off",
            "--quiet",
            "--run-id",
            "gh");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(requests)
        .extracting(e -> e.getKey() + " " + e.getValue().path("model").asText())
        .containsExactlyInAnyOrder(
            "/inference/chat/completions openai/gpt-4o-mini",
            "/inference/chat/completions openai/gpt-4o");
    JsonNode results = new ObjectMapper().readTree(dir.resolve("reports/gh/results.json").toFile());
    JsonNode trial = results.path("testResults").get(0);
    assertThat(trial.path("modelResponse").asText()).isEqualTo("4"); // trimmed, as gh
    assertThat(trial.path("evaluationResults").get(0).path("score").asDouble()).isEqualTo(1.0);
  }

  @Test
  void judgeOverridesTheDefaultJudgeOfGithubEvaluators() throws Exception {
    answer("4", "Rating: 4");
    judgedFile("openai:gpt-test");
    Ran r =
        run(
            Map.of("OPENAI_BASE_URL", server.url("/v1").toString()),
            "run",
            "prompts",
            "--cache",
            "off",
            "--quiet",
            "--judge",
            "openai:judge-test");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(requests)
        .extracting(e -> e.getKey() + " " + e.getValue().path("model").asText())
        .containsExactlyInAnyOrder(
            "/v1/chat/completions gpt-test", "/v1/chat/completions judge-test");
  }

  @Test
  void anEntryWithNoKnownMethodRefusesTheFileInRunAsInValidate() throws Exception {
    answer("hello", "Rating: 5");
    Path file =
        Fixtures.write(
            dir,
            "prompts/typo.prompt.yml",
            """
            name: typo
            model: openai:gpt-test
            messages: [{role: user, content: hi}]
            evaluators:
              - name: greets
                strng: {contains: hello}
            """);
    // refused before any model is set up, so the CLI runs in this process
    Cli.Result run =
        Cli.run("run", file.toString(), "--out", dir.resolve("reports").toString(), "--quiet");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("typo.prompt.yml:5:5: error: evaluator 'greets' has no method");
    assertThat(server.getRequestCount()).isZero();
    Cli.Result validate = Cli.run("validate", file.toString());
    assertThat(validate.exit()).isEqualTo(2);
    assertThat(validate.out() + validate.err()).contains("typo.prompt.yml:5:5: error:");
    assertThat(file).exists();
  }
}
