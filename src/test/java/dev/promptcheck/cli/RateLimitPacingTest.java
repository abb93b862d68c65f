package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * Pacing from what the provider says (issue 23): answers whose rate-limit headers say the model's
 * allowance is spent hold its next calls until the reset; a 429's wait holds them too; and the
 * console, results.json and report.html say how many calls were refused and how long the run waited
 * on limits.
 */
class RateLimitPacingTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  /** When each request arrived, in nanoTime, in order. */
  final List<Long> arrived = Collections.synchronizedList(new ArrayList<>());

  private void suite(int cases, String padding) {
    StringBuilder yaml =
        new StringBuilder(
            "name: paced\nmodel: openai:gpt-test\n"
                + "messages: [{role: user, content: '{{input}}"
                + padding
                + "'}]\n"
                + "evaluators: [{name: answers, string: {contains: '{{input}}'}}]\ntestData:\n");
    for (int i = 0; i < cases; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/paced.prompt.yml", yaml.toString());
  }

  private static String question(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    return body.replaceAll("(?s).*\"content\":\"(question \\d+).*", "$1");
  }

  /** Answers every call through {@code answer}, noting when it came. */
  private void serve(Function<RecordedRequest, MockResponse> answer) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrived.add(System.nanoTime());
            return answer.apply(request);
          }
        });
  }

  private static MockResponse withHeaders(MockResponse r, String... headers) {
    MockResponse.Builder b = r.newBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private Cli.Result run(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("run", "prompts", "--cache", "off", "--run-id", "r"));
    args.addAll(List.of(extra));
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60), () -> cli.run(args.toArray(String[]::new)));
  }

  private JsonNode results() throws IOException {
    return new ObjectMapper().readTree(dir.resolve("reports/r/results.json").toFile());
  }

  /**
   * The shortest time between two requests arriving, in ms: a provider's reset runs from when it
   * admitted the call whose answer named it.
   */
  private long shortestGapMs() {
    long shortest = Long.MAX_VALUE;
    for (int i = 1; i < arrived.size(); i++) {
      shortest = Math.min(shortest, (arrived.get(i) - arrived.get(i - 1)) / 1_000_000);
    }
    return shortest;
  }

  @Test
  void noRequestsLeftHoldsTheNextCallUntilTheReset() throws IOException {
    suite(3, "");
    serve(
        request ->
            withHeaders(
                FakeOpenAi.ok("answer to " + question(request)),
                "x-ratelimit-limit-requests",
                "3",
                "x-ratelimit-remaining-requests",
                "0",
                "x-ratelimit-reset-requests",
                "500ms"));
    Cli.Result r = run("--concurrency", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(arrived).hasSize(3);
    // before pacing, the next call went a few milliseconds after the answer
    assertThat(shortestGapMs()).as("no call before the reset").isGreaterThanOrEqualTo(495);
    assertThat(results().path("limits").path("openai:gpt-test").path("waitedMs").asLong())
        .isBetween(950L, 5000L);
    assertThat(results().path("limits").path("openai:gpt-test").path("refusedCalls").asInt())
        .isZero();
  }

  @Test
  void requestsLeftLetCallsGoWithoutWaiting() throws IOException {
    suite(3, "");
    serve(
        request ->
            withHeaders(
                FakeOpenAi.ok("answer to " + question(request)),
                "x-ratelimit-remaining-requests",
                "100",
                "x-ratelimit-reset-requests",
                "5s"));
    Cli.Result r = run("--concurrency", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(shortestGapMs()).isLessThan(400);
    assertThat(r.err() + r.out()).doesNotContain("Rate limits:");
    JsonNode limits = results().path("limits").path("openai:gpt-test");
    assertThat(limits.isObject()).as("the model's counters are written").isTrue();
    assertThat(limits.path("refusedCalls").asInt()).isZero();
    assertThat(limits.path("waitedMs").asLong()).isLessThan(300);
  }

  @Test
  void tooFewTokensLeftForTheNextRequestHoldItUntilTheTokensReset() {
    // each request is about 400 characters, so about 100 tokens by characters / 4; the server's
    // usage (11 + 7 tokens a call) corrects the estimate down, but never below the 5 left
    suite(3, "x".repeat(400));
    serve(
        request ->
            withHeaders(
                FakeOpenAi.ok("answer to " + question(request)),
                "x-ratelimit-remaining-requests",
                "100",
                "x-ratelimit-reset-requests",
                "1ms",
                "x-ratelimit-remaining-tokens",
                "5",
                "x-ratelimit-reset-tokens",
                "0.4s"));
    Cli.Result r = run("--concurrency", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(shortestGapMs()).as("no call before the tokens reset").isGreaterThanOrEqualTo(395);
  }

  @Test
  void anthropicStyleHeadersHoldUntilTheResetTimeTheyName() {
    suite(2, "");
    serve(
        request ->
            withHeaders(
                FakeOpenAi.ok("answer to " + question(request)),
                "anthropic-ratelimit-requests-remaining",
                "0",
                "anthropic-ratelimit-requests-reset",
                Instant.now().plusMillis(700).toString()));
    Cli.Result r = run("--concurrency", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(shortestGapMs()).isGreaterThanOrEqualTo(550);
  }

  @Test
  void refusedCallsAndTheWaitAreCountedInTheConsoleResultsAndReport() throws IOException {
    suite(4, "");
    AtomicInteger calls = new AtomicInteger();
    serve(
        request ->
            calls.incrementAndGet() <= 2
                ? withHeaders(
                    FakeOpenAi.status(429, null), "retry-after-ms", "300", "Retry-After", "1")
                : FakeOpenAi.ok("answer to " + question(request)));
    Cli.Result r = run("--concurrency", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode limits = results().path("limits").path("openai:gpt-test");
    assertThat(limits.path("refusedCalls").asInt()).isEqualTo(2);
    assertThat(limits.path("waitedMs").asLong()).isBetween(550L, 5000L);
    String console = r.out() + r.err();
    assertThat(console).containsPattern("Rate limits: openai:gpt-test: 2 calls refused \\(429\\)");
    assertThat(dir.resolve("reports/r/report.html"))
        .content()
        .contains("id=\"limits\"")
        .contains("2 calls refused (429)");
    assertThat(dir.resolve("reports/r/summary.md"))
        .content()
        .containsPattern("> Rate limits: openai:gpt-test: 2 calls refused \\(429\\), waited");

    // re-rendered from results.json, the counts survive
    Cli.Result again =
        new CliProcess(dir, server.url("/v1").toString()).run("report", "reports/r/results.json");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out() + again.err()).contains("2 calls refused (429)");
  }

  @Test
  void withoutHeadersTheConcurrencyAdaptsToRefusalsOfCallsOverTheAllowance() throws IOException {
    // a provider that takes 2 calls at a time and refuses the others with a bare Retry-After: 0
    suite(40, "");
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger refusals = new AtomicInteger();
    serve(
        request -> {
          if (inFlight.incrementAndGet() > 2) {
            inFlight.decrementAndGet();
            refusals.incrementAndGet();
            return FakeOpenAi.status(429, "0");
          }
          try {
            Thread.sleep(40);
            return FakeOpenAi.ok("answer to " + question(request));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          } finally {
            inFlight.decrementAndGet();
          }
        });
    Cli.Result r = run("--concurrency", "8", "--retries", "10");
    System.out.println("AIMD: " + refusals.get() + " refused calls for 40 trials");
    assertThat(r.exit()).as(r.err()).isZero();
    // at a fixed 8 in flight, 6 of every 8 calls were refused (about 120 for 40 trials)
    assertThat(refusals.get()).isLessThanOrEqualTo(20);
    assertThat(results().path("limits").path("openai:gpt-test").path("refusedCalls").asInt())
        .isEqualTo(refusals.get());
  }
}
