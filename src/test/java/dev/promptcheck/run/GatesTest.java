package dev.promptcheck.run;

import static dev.promptcheck.run.SuiteRuns.echoSuite;
import static dev.promptcheck.run.SuiteRuns.question;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gates as a loopback server sees them: each model keeps its own concurrency, a provider ceiling
 * caps its models together, and a judge on a second provider gets an allowance (and threads) of its
 * own.
 */
class GatesTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  @StartStop final MockWebServer judgeServer = new MockWebServer();

  /** Calls in flight, now and at most, per model named in the request, and over all servers. */
  static final class InFlight {
    final Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> max = new ConcurrentHashMap<>();
    final AtomicInteger allNow = new AtomicInteger();
    final AtomicInteger allMax = new AtomicInteger();

    Dispatcher answering(long delayMs, Function<String, String> answer) {
      return new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
          String model = model(request);
          int in = now.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
          max.computeIfAbsent(model, m -> new AtomicInteger()).accumulateAndGet(in, Math::max);
          allMax.accumulateAndGet(allNow.incrementAndGet(), Math::max);
          try {
            Thread.sleep(delayMs);
            return FakeOpenAi.ok(answer.apply(question(request)));
          } finally {
            allNow.decrementAndGet();
            now.get(model).decrementAndGet();
          }
        }
      };
    }

    int max(String model) {
      return max.getOrDefault(model, new AtomicInteger()).get();
    }

    private static String model(RecordedRequest request) {
      try {
        return new ObjectMapper().readTree(request.getBody().utf8()).path("model").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final InFlight inFlight = new InFlight();

  private RunResult run(List<String> models, String catalogYaml) {
    Path yaml = Fixtures.write(dir, "promptcheck.yaml", catalogYaml);
    Diagnostics diagnostics = new Diagnostics();
    ProjectConfig catalog = ProjectConfig.load(yaml, diagnostics);
    assertThat(diagnostics.all()).isEmpty();
    RunOptions options =
        SuiteRuns.options(models, 8, CacheMode.OFF, dir.resolve("cache"), null, null);
    return SuiteRuns.run(dir, options, new CallPaths(options, catalog, Map.of()), "r");
  }

  @Test
  void twoModelsOnOneProviderEachKeepTheirOwnConcurrency() {
    server.setDispatcher(inFlight.answering(80, q -> q));
    echoSuite(dir, "openai:unused", 16);
    String url = server.url("/v1").toString();
    RunResult run =
        run(
            List.of("one", "eight"),
            "models:\n"
                + "  one: {model: openai:model-one, baseUrl: '"
                + url
                + "', concurrency: 1}\n"
                + "  eight: {model: openai:model-eight, baseUrl: '"
                + url
                + "', concurrency: 8}\n");
    assertThat(run.trials()).hasSize(32);
    assertThat(run.trials()).extracting(TrialResult::status).containsOnly(Status.PASS);
    assertThat(inFlight.max("model-one")).as("max in flight for model-one").isEqualTo(1);
    assertThat(inFlight.max("model-eight")).as("max in flight for model-eight").isEqualTo(8);
  }

  @Test
  void aProviderCeilingCapsItsModelsTogether() {
    server.setDispatcher(inFlight.answering(60, q -> q));
    echoSuite(dir, "openai:unused", 12);
    String url = server.url("/v1").toString();
    run(
        List.of("a", "b"),
        "providers:\n  openai: {concurrency: 3}\nmodels:\n"
            + "  a: {model: openai:model-a, baseUrl: '"
            + url
            + "', concurrency: 8}\n"
            + "  b: {model: openai:model-b, baseUrl: '"
            + url
            + "', concurrency: 8}\n");
    assertThat(inFlight.allMax.get()).as("max in flight on the provider").isEqualTo(3);
  }

  @Test
  void aJudgeOnAnotherProviderKeepsItsOwnAllowanceFull() {
    server.setDispatcher(inFlight.answering(200, q -> q));
    judgeServer.setDispatcher(inFlight.answering(200, q -> "good"));
    Fixtures.write(
        dir,
        "prompts/judged.prompt.yml",
        "name: judged\nmodel: model\nmessages: [{role: user, content: '{{input}}'}]\n"
            + "evaluators: [{name: judged, llm: {modelId: judge, prompt: 'Is {{completion}} right?"
            + " Answer good or bad.', choices: [{choice: good, score: 1}, {choice: bad, score:"
            + " 0}]}}]\ntestData:\n"
            + "  - {input: q0}\n  - {input: q1}\n  - {input: q2}\n  - {input: q3}\n"
            + "  - {input: q4}\n  - {input: q5}\n  - {input: q6}\n  - {input: q7}\n"
            + "  - {input: q8}\n  - {input: q9}\n  - {input: q10}\n  - {input: q11}\n"
            + "  - {input: q12}\n  - {input: q13}\n  - {input: q14}\n  - {input: q15}\n");
    RunResult run =
        run(
            List.of(),
            "models:\n"
                + "  model: {model: openai:model-a, baseUrl: '"
                + server.url("/v1")
                + "', concurrency: 4}\n"
                + "  judge: {model: github:judge-b, baseUrl: '"
                + judgeServer.url("/v1")
                + "', concurrency: 4}\n");
    assertThat(run.trials()).hasSize(16);
    assertThat(run.trials()).extracting(TrialResult::status).containsOnly(Status.PASS);
    assertThat(inFlight.max("model-a")).as("max in flight for the model").isEqualTo(4);
    assertThat(inFlight.max("judge-b")).as("max in flight for the judge").isEqualTo(4);
    // both allowances at once (8; a thread scheduled late on a loaded machine may shave one off),
    // where the workers sized from the trials' provider alone allowed 4 in all
    assertThat(inFlight.allMax.get()).as("max in flight on both servers together").isBetween(7, 8);
  }
}
