package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.history.HistoryIndex;
import dev.promptcheck.report.HeadlessChromium;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve nights against a loopback provider (issue 22): model B starts to fail 30% of one file's
 * cases from night 8, and the provider reports a new version of B from then on; the other file is
 * edited on night 10 with a check that B's answers often miss. {@code history} names exactly the
 * two drifts, with the run where each started and its cause, and none for model A (whose one flaky
 * case is not drift). The index is read back with the sqlite3 shell, the page in Chromium.
 */
class NightlyHistoryTest {
  private static final int CASES = 40;
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  final AtomicInteger night = new AtomicInteger();
  final ObjectMapper json = new ObjectMapper();

  /** 0..99, stable for a text: which inputs a model gets wrong. */
  private static int bucket(String text) {
    return Math.floorMod(text.hashCode() * 31 + 7, 100);
  }

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              JsonNode body = json.readTree(request.getBody().utf8());
              String model = body.path("model").asText();
              JsonNode messages = body.path("messages");
              String input = messages.get(messages.size() - 1).path("content").asText();
              boolean b = model.equals("model-b");
              int n = night.get();
              StringBuilder answer = new StringBuilder("## Summary\n" + input + "\n");
              boolean degraded = b && n >= 8 && input.startsWith("topic") && bucket(input) < 30;
              // model A's one flaky case: wrong on three nights out of twelve
              boolean flaky = !b && input.equals("topic 3") && (n == 2 || n == 5 || n == 11);
              if (!degraded && !flaky) {
                answer.append("## Details\nmore\n");
              }
              if (!b || bucket(input) >= 40) {
                answer.append("Sources: none\n");
              }
              String version = b ? (n >= 8 ? "model-b-2026-02" : "model-b-2026-01") : "model-a-1";
              String reply =
                  json.writeValueAsString(
                      Map.of(
                          "id",
                          "c",
                          "object",
                          "chat.completion",
                          "created",
                          0,
                          "model",
                          version,
                          "choices",
                          List.of(
                              Map.of(
                                  "index",
                                  0,
                                  "finish_reason",
                                  "stop",
                                  "message",
                                  Map.of("role", "assistant", "content", answer.toString()))),
                          "usage",
                          Map.of("prompt_tokens", 10 + n, "completion_tokens", 5)));
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "application/json")
                  .body(reply)
                  .build();
            } catch (IOException e) {
              return new MockResponse.Builder().code(400).body(e.toString()).build();
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private static String suite(String name, String prefix, String extraCheck) {
    StringBuilder yaml =
        new StringBuilder("name: " + name + "\nmessages: [{role: user, content: '{{input}}'}]\n");
    yaml.append("evaluators:\n  - name: details\n    string: {contains: '## Details'}\n");
    yaml.append(extraCheck);
    yaml.append("testData:\n");
    for (int i = 0; i < CASES; i++) {
      yaml.append("  - input: ").append(prefix).append(' ').append(i).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void twelveNightsNameExactlyTheModelDriftAndTheEditDriftWithTheirRunsAndCauses()
      throws Exception {
    Fixtures.write(dir, "prompts/topics.prompt.yml", suite("topics", "topic", ""));
    Fixtures.write(dir, "prompts/notes.prompt.yml", suite("notes", "note", ""));
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    for (int n = 1; n <= 12; n++) {
      night.set(n);
      if (n == 10) {
        Fixtures.write(
            dir,
            "prompts/notes.prompt.yml",
            suite("notes", "note", "  - name: sources\n    string: {contains: 'Sources:'}\n"));
      }
      Cli.Result r =
          cli.run(
              "run",
              "prompts",
              "--model",
              "openai:model-a",
              "--model",
              "openai:model-b",
              "--cache",
              "off",
              "--run-id",
              String.format("night-%02d", n),
              "--fail-on",
              "none");
      assertThat(r.exit()).as(r.err()).isZero();
    }

    Cli.Result history = cli.run("history", "reports", "--fail-on", "drift");
    System.out.println(history.out());
    assertThat(history.exit()).as(history.out() + history.err()).isEqualTo(1);
    JsonNode h = json.readTree(dir.resolve("reports/history/history.json").toFile());
    assertThat(h.path("runs").size()).isEqualTo(12);
    List<String> drifts = new ArrayList<>();
    for (JsonNode d : h.path("drifts")) {
      drifts.add(
          d.path("file").asText()
              + " "
              + d.path("model").asText()
              + " "
              + d.path("run").asText()
              + " "
              + d.path("direction").asText()
              + " "
              + d.path("cause").asText());
      assertThat(d.path("p").asDouble()).isLessThan(0.05);
      assertThat(d.path("difference").path("high").asDouble()).isNegative();
    }
    assertThat(drifts)
        .containsExactlyInAnyOrder(
            "prompts/topics.prompt.yml openai:model-b night-08 drop model",
            "prompts/notes.prompt.yml openai:model-b night-10 drop prompt");
    JsonNode modelDrift =
        h.path("drifts").findParents("cause").stream()
            .filter(d -> d.path("cause").asText().equals("model"))
            .findFirst()
            .orElseThrow();
    assertThat(modelDrift.path("modelVersionBefore").asText()).isEqualTo("model-b-2026-01");
    assertThat(modelDrift.path("modelVersionAfter").asText()).isEqualTo("model-b-2026-02");
    assertThat(history.out())
        .contains("DRIFT drop prompts/topics.prompt.yml × openai:model-b from run night-08");

    // a second pass reads nothing again and finds the same
    Cli.Result again = cli.run("history", "reports");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("12 runs (0 new)");

    // --all: the same two (no other significant change anywhere in the history)
    Cli.Result all = cli.run("history", "reports", "--all");
    assertThat(all.out().lines().filter(l -> l.startsWith("DRIFT")).count()).isEqualTo(2);

    readBackWithTheSqliteShell(dir.resolve("reports/history/history.sqlite"));
    openInChromium(dir.resolve("reports/history/history.html"));
  }

  private static void readBackWithTheSqliteShell(Path db) throws Exception {
    Optional<Path> sqlite3 = Optional.of(Path.of("/usr/bin/sqlite3")).filter(Files::isExecutable);
    if (sqlite3.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError("CI must have the sqlite3 shell: .ci/run installs Debian's sqlite3");
    }
    assumeThat(sqlite3).as("the sqlite3 shell is not installed").isPresent();
    Process p =
        new ProcessBuilder(
                sqlite3.get().toString(),
                db.toString(),
                "SELECT value FROM meta WHERE key='schema_version';"
                    + " SELECT count(*) FROM runs;"
                    + " SELECT count(*) FROM suite_runs;"
                    + " SELECT count(*) FROM case_runs;"
                    + " SELECT r.run_id, s.model_version, s.passed FROM suite_runs s JOIN runs r"
                    + " USING(run_key) WHERE s.file='prompts/topics.prompt.yml'"
                    + " AND s.model='openai:model-b' ORDER BY r.started_at LIMIT 1 OFFSET 7;")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines.subList(0, 4))
        .containsExactly(
            String.valueOf(HistoryIndex.SCHEMA_VERSION), "12", "48", String.valueOf(48 * CASES));
    assertThat(lines.get(4)).startsWith("night-08|model-b-2026-02|");
  }

  private void openInChromium(Path page) throws Exception {
    Optional<Path> binary = HeadlessChromium.binary();
    if (binary.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError("CI must have Chromium: .ci/run installs Debian's chromium package");
    }
    assumeThat(binary).as("chromium is not installed").isPresent();
    try (HeadlessChromium browser =
        new HeadlessChromium(binary.get(), Files.createDirectories(dir.resolve("profile")))) {
      browser.watchConsole();
      browser.open(page, "document.readyState === 'complete'");
      assertThat(browser.eval("document.querySelectorAll('section.suite').length").asInt())
          .isEqualTo(4);
      assertThat(browser.eval("document.querySelectorAll('#drifts li.drop').length").asInt())
          .isEqualTo(2);
      // the heat map shows the flipped cases: 12 of topics × B at night 8, 16 of notes × B at 10
      int flips = browser.eval("document.querySelectorAll('td.flip a').length").asInt();
      assertThat(flips).isGreaterThanOrEqualTo(12 + 16);
      // one click from a flip to the output that failed
      browser.eval("document.querySelector('td.flip a').click()");
      assertThat(browser.eval("document.querySelector(':target pre').textContent").asText())
          .contains("## Summary");
      Path png = Path.of("target", "history-page.png");
      browser.screenshotFullPage(png);
      System.out.println("history page screenshot: " + png.toAbsolutePath());
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }
}
