package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spent quota ends a run cleanly (issue 23): a 429 asking for a wait longer than {@code
 * --max-wait}, or naming a daily quota, stops calling that model at once; its remaining trials are
 * not run (not journaled), every report is written, exit 3, and {@code --resume} calls exactly
 * them.
 */
class QuotaStopTest {
  private static final String MODEL = "openai:gpt-test";
  // what GitHub Models answers once a model's daily allowance is spent
  private static final String DAILY_BODY =
      "{\"error\":{\"code\":\"RateLimitReached\",\"message\":\"Rate limit of 20 per 86400s exceeded"
          + " for UserByModelByDay. Please wait 43200 seconds before retrying.\"}}";
  // a per-minute refusal that links to a quota page: waiting cures it, so it is retried
  private static final String AZURE_PER_MINUTE_BODY =
      "{\"error\":{\"code\":\"429\",\"message\":\"Requests have exceeded token rate limit of"
          + " your current pricing tier. Please retry after 1 second. Please go here:"
          + " https://aka.ms/oai/quotaincrease if you would like to further increase the default"
          + " rate limit.\"}}";
  private static final Pattern RESET = Pattern.compile("resets at (\\S+Z)");

  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();

  /** Answers that were OK, per question: a trial answered twice would count 2. */
  final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private static String question(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    return body.replaceAll("(?s).*\"content\":\"(question \\d+)\".*", "$1");
  }

  private static boolean asks(RecordedRequest request, String model) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    return body.contains("\"" + model + "\"");
  }

  private MockResponse ok(RecordedRequest request) {
    String q = question(request);
    answered.computeIfAbsent(q, k -> new AtomicInteger()).incrementAndGet();
    return FakeOpenAi.ok("answer to " + q);
  }

  private static MockResponse refused(String header, String value, String body) {
    return new MockResponse.Builder()
        .code(429)
        .addHeader("Content-Type", "application/json")
        .addHeader(header, value)
        .body(body)
        .build();
  }

  private void suite(int cases) {
    StringBuilder yaml =
        new StringBuilder(
            """
            name: quota
            model: openai:gpt-test
            messages: [{role: user, content: '{{input}}'}]
            evaluators: [{name: answers, string: {contains: '{{input}}'}}]
            testData:
            """);
    for (int i = 0; i < cases; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/quota.prompt.yml", yaml.toString());
  }

  private List<JsonNode> journal(String runDir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line :
        Files.readAllLines(dir.resolve(runDir).resolve("results.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void aDailyQuotaSpentAfter20Of60TrialsEndsTheRunAtOnceAndResumeCallsOnlyTheOther40()
      throws Exception {
    suite(60);
    AtomicInteger requests = new AtomicInteger();
    AtomicLong firstRefusalNanos = new AtomicLong();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (requests.incrementAndGet() <= 20) {
              return ok(request);
            }
            firstRefusalNanos.compareAndSet(0, System.nanoTime());
            return refused("Retry-After", "43200", DAILY_BODY);
          }
        });
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Instant before = Instant.now();
    // before the fix the run slept on Retry-After (capped at 2 min, three times per trial)
    Cli.Result spent =
        assertTimeoutPreemptively(
            Duration.ofSeconds(40),
            () ->
                cli.run("run", "prompts", "--cache", "off", "--concurrency", "4", "--run-id", "q"));
    long endedNanos = System.nanoTime();
    Instant after = Instant.now();

    assertThat(firstRefusalNanos.get()).isPositive();
    Duration afterRefusal = Duration.ofNanos(endedNanos - firstRefusalNanos.get());
    System.out.println("quota: run ended " + afterRefusal.toMillis() + " ms after the first 429");
    assertThat(afterRefusal).isLessThan(Duration.ofSeconds(10));
    assertThat(spent.exit()).as(spent.err()).isEqualTo(3);
    assertThat(requests.get()).as("no call after the refusals in flight").isLessThanOrEqualTo(24);
    List<JsonNode> journal = journal("reports/q");
    assertThat(journal).hasSize(20).allMatch(t -> t.path("status").asText().equals("pass"));

    // the console names the model and when the provider said the quota comes back
    assertThat(spent.err()).contains(MODEL).contains("quota spent").contains("40 trials not run");
    Matcher reset = RESET.matcher(spent.err());
    assertThat(reset.find()).as(spent.err()).isTrue();
    Instant resetsAt = Instant.parse(reset.group(1));
    assertThat(resetsAt)
        .isBetween(
            before.plusSeconds(43200).minusSeconds(1), after.plusSeconds(43200).plusSeconds(1));
    assertThat(spent.err()).containsPattern("promptcheck run --resume \\S*reports/q\n");

    // every report is written, and says why the run is incomplete
    JsonNode results = new ObjectMapper().readTree(dir.resolve("reports/q/results.json").toFile());
    assertThat(results.path("incomplete").asText()).contains(MODEL).contains(reset.group(1));
    assertThat(results.path("testResults")).hasSize(20);
    assertThat(dir.resolve("reports/q/summary.md")).content().contains("quota spent");
    assertThat(dir.resolve("reports/q/report.html")).exists();
    assertThat(dir.resolve("reports/q/junit.xml")).exists();

    // the quota is back: resume calls exactly the 40 trials not run, each once
    int before40 = server.getRequestCount();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return ok(request);
          }
        });
    Cli.Result resumed =
        assertTimeoutPreemptively(
            Duration.ofSeconds(40), () -> cli.run("run", "--resume", "reports/q", "--quiet"));
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(server.getRequestCount() - before40).isEqualTo(40);
    assertThat(answered).hasSize(60).allSatisfy((q, n) -> assertThat(n.get()).isEqualTo(1));
    assertThat(journal("reports/q")).hasSize(60);
    JsonNode finished = new ObjectMapper().readTree(dir.resolve("reports/q/results.json").toFile());
    assertThat(finished.path("incomplete").isNull() || finished.path("incomplete").isMissingNode())
        .isTrue();
    assertThat(finished.path("summary").path("passedTests").asInt()).isEqualTo(60);
  }

  @Test
  void retryAfterMsBeyondMaxWaitStopsOnlyThatModelWhileTheOtherGoesOn() throws Exception {
    suite(5);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return asks(request, "gpt-spent")
                ? refused("retry-after-ms", "120000", "{\"error\":{\"message\":\"slow down\"}}")
                : ok(request);
          }
        });
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(40),
            () ->
                cli.run(
                    "run",
                    "prompts",
                    "--cache",
                    "off",
                    "--concurrency",
                    "1",
                    "--model",
                    "openai:gpt-spent",
                    "--model",
                    "openai:gpt-fine",
                    "--max-wait",
                    "1m",
                    "--run-id",
                    "two"));
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("openai:gpt-spent").contains("longer than --max-wait 60s");
    assertThat(journal("reports/two"))
        .hasSize(5)
        .allMatch(t -> t.path("model").asText().equals("openai:gpt-fine"))
        .allMatch(t -> t.path("status").asText().equals("pass"));
  }

  @Test
  void aBodyNamingADailyQuotaStopsTheModelEvenWithAShortRetryAfter() throws Exception {
    suite(3);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return refused("Retry-After", "5", DAILY_BODY);
          }
        });
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                cli.run(
                    "run", "prompts", "--cache", "off", "--concurrency", "1", "--run-id", "day"));
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(server.getRequestCount()).as("one refusal, no retry, no further trial").isEqualTo(1);
    assertThat(r.err()).contains(MODEL).contains("daily quota").contains("3 trials not run");
    assertThat(dir.resolve("reports/day/results.jsonl")).content().isBlank();
  }

  @Test
  void aWaitWithinMaxWaitIsStillHonouredAndRetried() throws Exception {
    suite(1);
    AtomicInteger requests = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return requests.incrementAndGet() == 1
                ? refused("Retry-After", "1", AZURE_PER_MINUTE_BODY)
                : ok(request);
          }
        });
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result r =
        cli.run("run", "prompts", "--cache", "off", "--max-wait", "5s", "--run-id", "short");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(requests.get()).isEqualTo(2);
    assertThat(journal("reports/short")).hasSize(1);
  }
}
