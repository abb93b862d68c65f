package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.model.ModelCatalog;
import dev.promptcheck.run.CacheMode;
import dev.promptcheck.run.ClientPool;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.run.RunOptions;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judges against a loopback server that answers like a judge model, reasoning first. */
class JudgeEvaluatorTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  private Verdict judge(String evaluator, String reply) throws Exception {
    return judgeWith(evaluator, "openai:judge-model", reply);
  }

  private Verdict judgeWith(String evaluator, String judgeModel, String reply) {
    if (reply != null) {
      server.enqueue(FakeOpenAi.ok(reply));
    }
    PromptFile f =
        Fixtures.load(
                dir,
                "name: t\nmessages: [{role: user, content: '{{input}}'}]\n"
                    + "testData: [{input: 'What is the capital of France?', expected: Paris}]\nevaluators:\n  - "
                    + evaluator
                    + "\n")
            .get();
    Evaluator e =
        EvaluatorCompiler.compile(f, new Diagnostics()).forCase(f.testCases().get(0)).get(0);
    RunOptions options =
        RunOptions.builder()
            .judge(judgeModel)
            .concurrency(2)
            .timeout(Duration.ofSeconds(5))
            .retries(1)
            .cache(CacheMode.OFF)
            .build();
    ClientPool pool =
        new ClientPool(
            options,
            ModelCatalog.empty(),
            Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_API_KEY", "k"));
    return e.evaluate(
        new EvaluationInput(
            "Paris is the capital of France.",
            Map.of("input", "What is the capital of France?", "expected", "Paris"),
            100,
            10,
            null,
            pool));
  }

  @Test
  void builtinRatingTakesTheFinalAnswerNotDigitsInTheReasoning() throws Exception {
    Verdict v =
        judge(
            "{uses: github/coherence}",
            "Checking 3 criteria: 1) order, 2) logic, 5) flow.\n"
                + "A 1 or 2 would mean disjointed; 5 needs more depth. Score 3/5 was considered.\nRating: 4");
    assertThat(v.status()).isEqualTo(Status.PASS);
    assertThat(v.score()).isEqualTo(0.75);
    assertThat(v.reason()).contains("answered '4' (score 0.75 >= threshold 0.5)");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getBody().utf8())
        .contains("Paris is the capital of France.")
        .contains("What is the capital of France?");
  }

  @Test
  void lowRatingFailsAndSaysWhereGhModelsDiffers() throws Exception {
    Verdict v = judge("{uses: github/similarity}", "Rating: 2");
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.score()).isEqualTo(0.25);
    assertThat(v.reason()).contains("gh models would pass any score above 0");
  }

  @Test
  void customChoicesWithGhModelsFields() throws Exception {
    String spec =
        "{name: correct, llm: {modelId: openai/gpt-4o-mini, systemPrompt: You grade answers.,"
            + " prompt: 'Is {{completion}} a correct answer to {{input}}? Expected {{expected}}.',"
            + " choices: [{choice: good, score: 1}, {choice: bad, score: 0}]}}";
    Verdict v =
        judge(
            spec, "It is not bad at all; a bad answer would name another city.\n**Answer: good**");
    assertThat(v.status()).isEqualTo(Status.PASS);
    String body = server.takeRequest().getBody().utf8();
    assertThat(body)
        .contains("You grade answers.")
        .contains("Is Paris is the capital of France. a correct answer")
        .contains("Expected Paris");
  }

  @Test
  void ruleCriterionIsJudgedPassFail() throws Exception {
    Verdict v =
        judge(
            "{rule: The answer names the city only once.}",
            "It names it once... wait, PASS would be wrong.\nAnswer: FAIL");
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.kind()).isEqualTo("rule");
  }

  @Test
  void aReplyWithoutFinalAnswerIsAnErrorNotAGuess() throws Exception {
    Verdict v = judge("{uses: github/fluency}", "It reads well, I would give it a 5 or maybe a 4.");
    assertThat(v.status()).isEqualTo(Status.ERROR);
    assertThat(v.reason()).contains("gave no final answer among [1, 2, 3, 4, 5]");
  }

  @Test
  void aBrokenJudgeCallIsAnError() {
    server.enqueue(FakeOpenAi.status(500, null));
    server.enqueue(FakeOpenAi.status(500, null));
    Verdict v = judgeWith("{uses: github/relevance}", "openai:judge-model", null);
    assertThat(v.status()).isEqualTo(Status.ERROR);
    assertThat(v.reason()).contains("call failed").contains("HTTP 500");
  }
}
