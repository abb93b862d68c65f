package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `promptcheck run` as a user runs it, against an OpenAI-compatible server on loopback. */
class RunCommandTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  static final String KEY = "sk-live-do-not-leak-7f3a9c";
  final Map<String, AtomicInteger> callsPerQuestion = new ConcurrentHashMap<>();

  private void answerEchoing(long delayMs) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            JsonNode json;
            try {
              json = new ObjectMapper().readTree(body);
            } catch (IOException e) {
              return FakeOpenAi.status(400, null);
            }
            JsonNode messages = json.path("messages");
            String question = messages.get(messages.size() - 1).path("content").asText();
            callsPerQuestion.computeIfAbsent(question, q -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(delayMs);
            return FakeOpenAi.ok("## Answer\nYou asked: " + question);
          }
        });
  }

  private Path suite(int cases) {
    StringBuilder yaml =
        new StringBuilder(
            """
        name: echo
        model: openai:gpt-test
        messages:
          - {role: system, content: Answer briefly.}
          - {role: user, content: '{{input}}'}
        evaluators:
          - {name: has heading, headers: {expect: [Answer]}}
          - {name: echoes, string: {contains: '{{input}}'}}
        testData:
        """);
    for (int i = 0; i < cases; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    return Fixtures.write(dir, "prompts/echo.prompt.yml", yaml.toString());
  }

  private List<String> processCommand(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Process start(String... args) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(processCommand(args))
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("OPENAI_BASE_URL", server.url("/v1").toString());
    pb.environment().put("OPENAI_API_KEY", KEY);
    pb.environment().put("CI", "true");
    return pb.start();
  }

  /**
   * In a fresh JVM the first calls pay connection set-up and class loading; a trial's latency is
   * the exchange on the wire (request sent to response read), so even the first one reads as the
   * server's delay.
   */
  @Test
  void theFirstCallsLatencyIsTheServersDelayNotTheJvmsWarmUp() throws Exception {
    answerEchoing(300);
    suite(2);
    warmTheServer();
    Cli.Result r =
        inItsOwnJvm("run", "prompts", "--cache", "off", "--concurrency", "2", "--run-id", "lat");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode results =
        new ObjectMapper().readTree(dir.resolve("reports/lat/results.json").toFile());
    List<Long> latencies = new ArrayList<>();
    results.path("testResults").forEach(t -> latencies.add(t.path("latencyMs").asLong()));
    System.out.println("first calls' latencies against a 300 ms server: " + latencies);
    assertThat(latencies).hasSize(2).allSatisfy(ms -> assertThat(ms).isBetween(300L, 599L));
  }

  /** One request from this JVM, so the server's own first-request costs are not the CLI's. */
  private void warmTheServer() throws Exception {
    var request =
        HttpRequest.newBuilder(server.url("/v1/chat/completions").uri())
            .POST(
                BodyPublishers.ofString(
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"warm-up\"}]}"))
            .build();
    HttpClient.newHttpClient().send(request, BodyHandlers.discarding());
    server.takeRequest();
  }

  @Test
  void killedRunResumesWithEveryTrialOnceAndNoFinishedTrialCalledTwice() throws Exception {
    answerEchoing(40);
    int cases = 60;
    suite(cases);
    Process first =
        start("run", "prompts", "--concurrency", "4", "--cache", "off", "--run-id", "killed");
    Path journal = dir.resolve("reports/killed/results.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lines(journal).size() < 10 && System.nanoTime() < deadline && first.isAlive()) {
      Thread.sleep(20);
    }
    first
        .destroyForcibly()
        .waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no flushing
    List<String> before = lines(journal);
    assertThat(before.size()).isBetween(10, cases - 1);
    Map<String, Integer> callsAtKill = snapshot();

    Process second = start("run", "--resume", "reports/killed");
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();

    List<String> after = lines(journal);
    List<String> ids = after.stream().map(l -> json(l).path("trialId").asText()).toList();
    assertThat(ids).hasSize(cases).doesNotHaveDuplicates();
    for (String line : before) {
      if (!line.endsWith("}")) {
        continue; // torn by the kill: that trial ran again
      }
      String question = json(line).path("testCase").path("input").asText();
      assertThat(callsPerQuestion.get(question).get())
          .as("calls for finished '%s'", question)
          .isEqualTo(callsAtKill.get(question));
      assertThat(callsAtKill.get(question)).isEqualTo(1);
    }
  }

  @Test
  void theApiKeyReachesTheServerButNoFileTheRunWrites() throws Exception {
    answerEchoing(0);
    suite(3);
    Cli.Result run =
        inProcess(
            "run",
            "prompts",
            "--record",
            "recorded",
            "--run-id",
            "secret-check",
            "--var",
            "note=" + KEY);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain(KEY);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    List<Path> written;
    try (Stream<Path> s = Files.walk(dir)) {
      written =
          s.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().endsWith(".txt"))
              .toList();
    }
    assertThat(written)
        .anyMatch(f -> f.toString().contains(".promptcheck-cache"))
        .anyMatch(f -> f.toString().contains("recorded"))
        .anyMatch(f -> f.endsWith("results.jsonl"));
    for (Path f : written) {
      assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString()).doesNotContain(KEY);
    }
  }

  @Test
  void missingKeyIsOneLineNamingTheVariableBeforeAnyCall() throws Exception {
    suite(2);
    Cli.Result run =
        Cli.run(
            new Invocation(dir, Map.of("PATH", "/usr/bin")),
            "run",
            "prompts",
            "--model",
            "anthropic:claude-test");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip())
        .isEqualTo(
            "promptcheck: anthropic:claude-test needs an API key: set the environment variable ANTHROPIC_API_KEY");
    assertThat(server.getRequestCount()).isZero();
  }

  /** The CLI in its own JVM, in the suite's folder, with the server's address and a key. */
  private Cli.Result inItsOwnJvm(String... args) throws Exception {
    Process p = start(args);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Cli.Result(
        p.exitValue(),
        Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }

  /** The CLI in this JVM, in the suite's folder, with the server's address and a key. */
  private Cli.Result inProcess(String... args) {
    return Cli.run(
        new Invocation(
            dir,
            Map.of(
                "OPENAI_BASE_URL",
                server.url("/v1").toString(),
                "OPENAI_API_KEY",
                KEY,
                "CI",
                "true")),
        args);
  }

  @Test
  void secondRunIsServedFromTheCacheAndReplayNamesMissingRecordings() throws Exception {
    answerEchoing(0);
    suite(3);
    Fixtures.write(
        dir,
        "promptcheck.yaml",
        "models:\n  cheap:\n    model: openai:gpt-test\n    baseUrl: "
            + server.url("/v1")
            + "\n    price: {input: 1.0, output: 2.0}\n");
    Cli.Result first =
        inProcess(
            "run",
            "prompts",
            "--model",
            "cheap",
            "--record",
            "rec",
            "--cache",
            "off",
            "--run-id",
            "a",
            "--quiet");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(3);
    JsonNode results = new ObjectMapper().readTree(dir.resolve("reports/a/results.json").toFile());
    assertThat(results.path("summary").path("cost").asDouble())
        .isCloseTo(3 * (11 * 1.0 + 7 * 2.0) / 1_000_000.0, Offset.offset(1e-12));
    Cli.Result replay =
        inProcess(
            "run", "prompts", "--model", "cheap", "--replay", "rec", "--run-id", "b", "--quiet");
    assertThat(replay.exit()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(3);
    Cli.Result miss =
        inProcess(
            "run",
            "prompts",
            "--model",
            "cheap",
            "--replay",
            "rec",
            "--var",
            "input=something new",
            "--run-id",
            "c",
            "--format",
            "console");
    assertThat(miss.exit()).isEqualTo(3);
    assertThat(miss.out()).contains("no recording in").contains("last message: 'something new'");
    Cli.Result cached = inProcess("run", "prompts", "--model", "cheap", "--run-id", "d", "--quiet");
    Cli.Result fromCache =
        inProcess("run", "prompts", "--model", "cheap", "--run-id", "e", "--quiet");
    assertThat(cached.exit() + fromCache.exit()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void regressionsAgainstABaselineGateTheExitCode() throws Exception {
    answerEchoing(0);
    suite(4);
    assertThat(inProcess("run", "prompts", "--cache", "off", "--run-id", "base", "--quiet").exit())
        .isZero();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            return FakeOpenAi.ok(
                body.contains("question 2")
                    ? "## Other\nnothing useful"
                    : body.contains("question 0")
                        ? "## Answer\nYou asked: question 0"
                        : "## Answer\nquestion 1 question 3");
          }
        });
    String baseline = "reports/base/results.json";
    Cli.Result gated =
        inProcess(
            "run",
            "prompts",
            "--cache",
            "off",
            "--run-id",
            "new",
            "--baseline",
            baseline,
            "--fail-on",
            "regressions",
            "--format",
            "console,md,json");
    assertThat(gated.exit()).as(gated.err()).isEqualTo(1);
    assertThat(gated.out())
        .contains("1 regressions, 0 fixes, 0 new, 0 removed")
        .contains("REGRESSION  ");
    assertThat(Files.readString(dir.resolve("reports/new/summary.md"))).contains("**Regressions**");
    Cli.Result compare =
        Cli.run("compare", dir.resolve(baseline).toString(), dir.resolve("reports/new").toString());
    assertThat(compare.exit()).isEqualTo(1);
    assertThat(compare.out()).contains("1 regressions").contains("openai:gpt-test");
    assertThat(
            Cli.run("compare", dir.resolve(baseline).toString(), dir.resolve(baseline).toString())
                .exit())
        .isZero();
  }

  /** As `gh models run`: a file without testData runs once with --var, or waits for them. */
  @Test
  void filesWithoutTestDataRunOnceWithTheirVariablesOrSayWhichToPass() throws Exception {
    answerEchoing(0);
    Fixtures.write(
        dir,
        "prompts/.github/prompts/summary.prompt.yml",
        "name: s\nmodel: openai:gpt-test\nmessages: [{role: user, content: 'Sum up {{diff}}'}]\n");
    Cli.Result waiting = inProcess("run", "prompts", "--cache", "off", "--quiet");
    assertThat(waiting.exit()).as(waiting.err()).isZero();
    assertThat(waiting.err())
        .contains("summary.prompt.yml:1:1: warning: no testData, and no value for 'diff'")
        .contains("--var diff=...")
        .contains("nothing to run");
    assertThat(server.getRequestCount()).isZero();

    Cli.Result given =
        inProcess("run", "prompts", "--cache", "off", "--quiet", "--var", "diff=+1 line");
    assertThat(given.exit()).as(given.err()).isZero();
    assertThat(callsPerQuestion).containsOnlyKeys("Sum up +1 line");

    Fixtures.write(
        dir,
        "prompts/.github/prompts/summary.prompt.yml",
        "name: s\nmodel: openai:gpt-test\nmessages: [{role: user, content: 'Say hi'}]\n");
    assertThat(inProcess("run", "prompts", "--cache", "off", "--quiet").exit()).isZero();
    assertThat(callsPerQuestion).containsKey("Say hi");

    Cli.Result filtered =
        inProcess("run", "prompts", "--cache", "off", "--quiet", "--filter", "no such case");
    assertThat(filtered.exit()).isEqualTo(2);
    assertThat(filtered.err()).contains("nothing to run: --filter 'no such case' matches no case");
  }

  private Map<String, Integer> snapshot() {
    Map<String, Integer> out = new HashMap<>();
    callsPerQuestion.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private static List<String> lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
