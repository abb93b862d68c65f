package dev.promptcheck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.model.ModelCallException;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.model.ModelRef;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.model.Providers;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The real openai: client path (LangChain4j over java.net.http) against a real HTTP server on
 * loopback.
 */
class RetriesAgainstHttpTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private static final ModelConfig MODEL = ModelConfig.of(ModelRef.parse("openai:gpt-test"));

  private CallPaths pool(Duration timeout, int retries) {
    RunOptions options =
        RunOptions.builder()
            .concurrency(4)
            .timeout(timeout)
            .retries(retries)
            .cache(CacheMode.OFF)
            .build();
    Map<String, String> env =
        Map.of(
            "OPENAI_BASE_URL",
            server.url("/v1").toString(),
            "OPENAI_API_KEY",
            "sk-test-secret-123");
    return new CallPaths(
        options,
        ProjectConfig.empty(),
        c -> Providers.create(c, timeout, env),
        c -> Providers.endpoint(c, env),
        sleeps::add);
  }

  private static ModelRequest request() {
    return ModelRequest.of(
        MODEL.ref(), List.of(new RenderedMessage(Role.USER, "hi")), ModelParameters.NONE);
  }

  private ModelResponse call(CallPaths pool) {
    return pool.chain(MODEL).complete(request());
  }

  @Test
  void rateLimitHonoursRetryAfterThenSucceeds() throws Exception {
    server.enqueue(FakeOpenAi.status(429, "2"));
    server.enqueue(FakeOpenAi.ok("hello"));
    ModelResponse r = call(pool(Duration.ofSeconds(5), 3));
    assertThat(r.text()).isEqualTo("hello");
    assertThat(r.source()).isEqualTo(ModelResponse.Source.LIVE);
    assertThat(r.endpoint()).isEqualTo(server.url("/v1").toString());
    assertThat(r.inputTokens()).isEqualTo(11);
    assertThat(r.outputTokens()).isEqualTo(7);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer sk-test-secret-123");
  }

  @Test
  void serverErrorsBackOffExponentiallyThenSucceed() {
    server.enqueue(FakeOpenAi.status(500, null));
    server.enqueue(FakeOpenAi.status(503, null));
    server.enqueue(FakeOpenAi.ok("third time"));
    assertThat(call(pool(Duration.ofSeconds(5), 3)).text()).isEqualTo("third time");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void hungResponseIsCutByTheTimeoutAndRetried() {
    server.enqueue(
        new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).body("{}").build());
    server.enqueue(FakeOpenAi.ok("after timeout"));
    long start = System.nanoTime();
    assertThat(call(pool(Duration.ofMillis(400), 2)).text()).isEqualTo("after timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /**
   * A body trickled a byte every 200 ms never trips the read timeout (each read gets a byte in
   * time), so only a deadline over the whole call stops it at --timeout; before, the call deadline
   * was the connect and read timeouts added up, twice --timeout.
   */
  @Test
  void aTrickledBodyIsCutAtTheTimeoutNotTwiceIt() {
    server.enqueue(
        FakeOpenAi.ok("x".repeat(200))
            .newBuilder()
            .doNotReadRequestBody() // the throttle would slow reading the request too
            .throttleBody(1, 200, TimeUnit.MILLISECONDS)
            .build());
    Duration timeout = Duration.ofMillis(1500);
    long start = System.nanoTime();
    assertThatThrownBy(() -> call(pool(timeout, 0)))
        .isInstanceOfSatisfying(
            ModelCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
              assertThat(e.getMessage()).contains("1500 ms");
            });
    // twice the timeout is what the old deadline allowed; the margin absorbs a loaded machine
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.multipliedBy(2));
  }

  @Test
  void malformedJsonIsAClearErrorWithoutRetry() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"choices\": [oops")
            .build());
    assertThatThrownBy(() -> call(pool(Duration.ofSeconds(5), 3)))
        .isInstanceOfSatisfying(
            ModelCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ModelCallException.Kind.BAD_RESPONSE);
              assertThat(e.getMessage()).containsIgnoringCase("json");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void unauthorizedIsOneCallAndNoRetry() {
    server.enqueue(FakeOpenAi.status(401, null));
    server.enqueue(FakeOpenAi.ok("never"));
    assertThatThrownBy(() -> call(pool(Duration.ofSeconds(5), 3)))
        .isInstanceOfSatisfying(
            ModelCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ModelCallException.Kind.AUTHENTICATION);
              assertThat(e.getMessage()).contains("HTTP 401");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retriesStopAtTheLimit() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(FakeOpenAi.status(502, null));
    }
    assertThatThrownBy(() -> call(pool(Duration.ofSeconds(5), 2)))
        .isInstanceOfSatisfying(
            ModelCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
              assertThat(e.attempts()).isEqualTo(3);
            });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
