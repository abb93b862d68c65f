package dev.promptcheck.run;

import static dev.promptcheck.run.SuiteRuns.echo;
import static dev.promptcheck.run.SuiteRuns.echoSuite;
import static dev.promptcheck.run.SuiteRuns.options;
import static dev.promptcheck.run.SuiteRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.model.ModelRef;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call path's order, as a run sees it: what records, what the cache answers, and for whom. */
class CallPathTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  @StartStop final MockWebServer other = new MockWebServer();

  private static Map<String, String> env(MockWebServer at) {
    return Map.of("OPENAI_BASE_URL", at.url("/v1").toString(), "OPENAI_API_KEY", "sk-test-1");
  }

  @Test
  void recordOnAWarmCacheThenReplayOfflineAnswersEveryTrial() throws IOException {
    server.setDispatcher(echo("answer: "));
    echoSuite(dir, "openai:gpt-test", 4);
    Path cache = dir.resolve("cache");
    Path recordings = dir.resolve("recordings");

    RunOptions warm = options(List.of(), 2, CacheMode.ON, cache, null, null);
    RunResult first = run(dir, warm, new CallPaths(warm, ProjectConfig.empty(), env(server)), "a");
    assertThat(first.trials()).extracting(TrialResult::source).containsOnly(Source.LIVE);
    assertThat(server.getRequestCount()).isEqualTo(4);

    RunOptions record = options(List.of(), 2, CacheMode.ON, cache, recordings, null);
    RunResult second =
        run(dir, record, new CallPaths(record, ProjectConfig.empty(), env(server)), "b");
    assertThat(second.trials()).extracting(TrialResult::source).containsOnly(Source.CACHE);
    assertThat(server.getRequestCount()).as("the cache answered").isEqualTo(4);
    try (Stream<Path> files = Files.list(recordings)) {
      assertThat(files.count()).as("a recording per trial").isEqualTo(4);
    }

    server.close();
    RunOptions replay = options(List.of(), 2, CacheMode.ON, cache, null, recordings);
    RunResult third = run(dir, replay, new CallPaths(replay, ProjectConfig.empty(), Map.of()), "c");
    assertThat(third.trials()).hasSize(4);
    assertThat(third.trials())
        .allSatisfy(
            t -> {
              assertThat(t.error()).isNull();
              assertThat(t.status()).isEqualTo(Status.PASS);
              assertThat(t.source()).isEqualTo(Source.REPLAY);
              assertThat(t.output()).isEqualTo("answer: " + t.vars().get("input"));
            });
  }

  @Test
  void theSameModelNameOnTwoEndpointsGetsEachEndpointsAnswersWithTheCacheOn() {
    server.setDispatcher(echo("from A: "));
    other.setDispatcher(echo("from B: "));
    echoSuite(dir, "openai:gpt-test", 3);
    RunOptions options = options(List.of(), 2, CacheMode.ON, dir.resolve("cache"), null, null);
    RunResult atA =
        run(dir, options, new CallPaths(options, ProjectConfig.empty(), env(server)), "a");
    RunResult atB =
        run(dir, options, new CallPaths(options, ProjectConfig.empty(), env(other)), "b");

    assertThat(atA.trials()).allSatisfy(t -> assertThat(t.output()).startsWith("from A: "));
    assertThat(atB.trials()).allSatisfy(t -> assertThat(t.output()).startsWith("from B: "));
    assertThat(atB.trials()).extracting(TrialResult::source).containsOnly(Source.LIVE);
    assertThat(atB.trials())
        .extracting(TrialResult::endpoint)
        .containsOnly(other.url("/v1").toString());
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(other.getRequestCount()).isEqualTo(3);
  }

  @Test
  void oneCacheKeepsTwoEndpointsOfOneModelApart() {
    server.setDispatcher(echo("from A: "));
    other.setDispatcher(echo("from B: "));
    ModelRef ref = ModelRef.parse("openai:gpt-test");
    ModelConfig a =
        new ModelConfig("a", ref, server.url("/v1").toString(), null, null, null, null, null);
    ModelConfig b =
        new ModelConfig("b", ref, other.url("/v1").toString(), null, null, null, null, null);
    RunOptions options = options(List.of(), 2, CacheMode.ON, dir.resolve("cache"), null, null);
    CallPaths pool = new CallPaths(options, ProjectConfig.empty(), Map.of("OPENAI_API_KEY", "k"));
    ModelRequest hi =
        ModelRequest.of(ref, List.of(new RenderedMessage(Role.USER, "hi")), ModelParameters.NONE);

    ModelResponse liveA = pool.chain(a).complete(hi);
    ModelResponse liveB = pool.chain(b).complete(hi);
    ModelResponse cachedA = pool.chain(a).complete(hi);
    ModelResponse cachedB = pool.chain(b).complete(hi);

    assertThat(List.of(liveA.text(), liveB.text(), cachedA.text(), cachedB.text()))
        .containsExactly("from A: hi", "from B: hi", "from A: hi", "from B: hi");
    assertThat(List.of(liveA.source(), liveB.source(), cachedA.source(), cachedB.source()))
        .containsExactly(Source.LIVE, Source.LIVE, Source.CACHE, Source.CACHE);
    assertThat(cachedB.endpoint()).isEqualTo(other.url("/v1").toString());
    assertThat(cachedA.attempts()).as("no live call for a hit").isZero();
    assertThat(server.getRequestCount() + other.getRequestCount()).isEqualTo(2);
  }
}
