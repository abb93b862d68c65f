package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume drills beside {@link RunCommandTest}'s kill -9 drill: an outage, a torn journal, and a
 * resume from another folder. Each time exactly the trials that did not finish are called again.
 */
class ResumeDrillsTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private void answer() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            String q = body.replaceAll("(?s).*\"content\":\"(question \\d+)\".*", "$1");
            calls.computeIfAbsent(q, k -> new AtomicInteger()).incrementAndGet();
            return FakeOpenAi.ok("## Answer\n" + q + " \u2014 r\u00e9ponse \u2713");
          }
        });
  }

  private void suite(int cases) {
    StringBuilder yaml =
        new StringBuilder(
            """
            name: drill
            model: openai:gpt-test
            messages: [{role: user, content: '{{input}}'}]
            evaluators: [{name: answers, string: {contains: '{{input}}'}}]
            testData:
            """);
    for (int i = 0; i < cases; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/drill.prompt.yml", yaml.toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void providerDownThenBackThenResumeCallsExactlyTheTrialsThatDidNotFinish() throws Exception {
    suite(8);
    int port = freePort();
    CliProcess cli = new CliProcess(dir, "http://127.0.0.1:" + port + "/v1");
    Cli.Result down =
        cli.run("run", "prompts", "--cache", "off", "--retries", "0", "--run-id", "outage");
    assertThat(down.exit()).as(down.err()).isEqualTo(3);
    List<JsonNode> journal = journal("reports/outage");
    assertThat(journal).hasSize(8).allMatch(t -> t.path("status").asText().equals("error"));

    answer();
    server.start(InetAddress.getLoopbackAddress(), port);
    Cli.Result back = cli.run("run", "--resume", "reports/outage");
    assertThat(back.exit()).as(back.err()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(8);
    assertThat(calls).hasSize(8).allSatisfy((q, n) -> assertThat(n.get()).isEqualTo(1));
    JsonNode results =
        new ObjectMapper().readTree(dir.resolve("reports/outage/results.json").toFile());
    assertThat(results.path("testResults")).hasSize(8);
    assertThat(results.path("summary").path("passedTests").asInt()).isEqualTo(8);

    Cli.Result again = cli.run("run", "--resume", "reports/outage", "--quiet");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(server.getRequestCount()).as("nothing left to call").isEqualTo(8);
  }

  @Test
  void aJournalTornInsideAMultiByteCharacterAndAnInvalidLineAreSkippedCountedAndCalledAgain()
      throws Exception {
    suite(4);
    answer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    assertThat(cli.run("run", "prompts", "--cache", "off", "--run-id", "torn", "--quiet").exit())
        .isZero();
    Path file = dir.resolve("reports/torn/results.jsonl");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4);
    byte[] last = lines.get(3).getBytes(StandardCharsets.UTF_8);
    int check = lines.get(3).indexOf('\u2713');
    int cut = lines.get(3).substring(0, check).getBytes(StandardCharsets.UTF_8).length + 1;
    List<byte[]> parts = new ArrayList<>();
    parts.add(lines.get(0).getBytes(StandardCharsets.UTF_8));
    parts.add("{\"trialId\": not json at all".getBytes(StandardCharsets.UTF_8));
    parts.add(lines.get(2).getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream torn = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      torn.write(p);
      torn.write('\n');
    }
    torn.write(last, 0, cut); // power lost in the middle of '✓'
    Files.write(file, torn.toByteArray());
    int before = server.getRequestCount();

    Cli.Result resumed = cli.run("run", "--resume", "reports/torn");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.err())
        .contains("results.jsonl:2:1: warning: 2 unreadable lines in the journal skipped")
        .contains("those trials run again")
        .doesNotContain("Exception");
    assertThat(server.getRequestCount() - before).isEqualTo(2);
    JsonNode results =
        new ObjectMapper().readTree(dir.resolve("reports/torn/results.json").toFile());
    assertThat(results.path("testResults")).hasSize(4);
  }

  @Test
  void resumeRebuildsTheOriginalRunFromAnotherFolderWithQuietAndAddsNoRunFolder() throws Exception {
    suite(3);
    answer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result first =
        cli.run(
            "run",
            "prompts",
            "--model",
            "openai:gpt-test",
            "--cache",
            "off",
            "--out",
            "out",
            "--run-id",
            "r1",
            "--var",
            "tone=dry",
            "--format",
            "json,md");
    assertThat(first.exit()).as(first.err()).isZero();
    Path journal = dir.resolve("out/r1/results.jsonl");
    List<String> lines = Files.readAllLines(journal);
    Files.write(journal, lines.subList(0, 1)); // as if killed after one trial
    Files.deleteIfExists(dir.resolve("out/r1/results.json"));

    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Fixtures.write(
        elsewhere,
        "run/trap.prompt.yml",
        "name: trap\nmodel: openai:gpt-test\nmessages: [{role: user, content: trap}]\n");
    CliProcess fromElsewhere = new CliProcess(elsewhere, server.url("/v1").toString());
    Cli.Result resumed =
        fromElsewhere.run("run", "--resume", dir.resolve("out/r1").toString(), "--quiet");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.err()).doesNotContain("no such file");
    assertThat(resumed.out()).isEmpty();
    assertThat(calls).doesNotContainKey("trap");
    JsonNode results = new ObjectMapper().readTree(dir.resolve("out/r1/results.json").toFile());
    assertThat(results.path("testResults")).hasSize(3);
    assertThat(results.path("testResults").get(0).path("file").asText())
        .isEqualTo("prompts/drill.prompt.yml");
    assertThat(results.path("testResults").get(0).path("testCase").path("tone").asText())
        .isEqualTo("dry");
    List<String> commandLine = new ArrayList<>();
    results.path("commandLine").forEach(c -> commandLine.add(c.asText()));
    assertThat(commandLine)
        .containsExactly(
            "run",
            "prompts",
            "--model",
            "openai:gpt-test",
            "--cache",
            "off",
            "--out",
            "out",
            "--run-id",
            "r1",
            "--var",
            "tone=dry",
            "--format",
            "json,md");
    assertThat(dir.resolve("out/r1/summary.md")).exists();
    assertThat(dir.resolve("out/r1/junit.xml")).doesNotExist();
  }

  private List<JsonNode> journal(String runDir) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve(runDir).resolve("results.jsonl"))) {
      if (!l.isBlank()) {
        out.add(new ObjectMapper().readTree(l));
      }
    }
    return out;
  }
}
