package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets, hostile text, unwritable folders, a full disk and signals, as a user meets them. */
class HardFailuresTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  private void suite(int cases, String extraEvaluators) {
    StringBuilder yaml =
        new StringBuilder(
            "name: hard\nmodel: openai:gpt-test\n"
                + "messages: [{role: user, content: '{{input}} {{api_token}}'}]\n"
                + "evaluators:\n  - {name: answers, string: {contains: '{{input}}'}}\n"
                + extraEvaluators
                + "testData:\n");
    for (int i = 0; i < cases; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/hard.prompt.yml", yaml.toString());
  }

  private void echoing(long delayMs) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
            Thread.sleep(delayMs);
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            String q = body.replaceAll("(?s).*\"content\":\"(question \\d+)[^\"]*\".*", "$1");
            return FakeOpenAi.ok("## Answer\n" + q);
          }
        });
  }

  @Test
  void secretsAreMaskedRawAndEscapedInEveryFileAndOnStdoutAndStderr() throws Exception {
    String key = "k\"\\<&9x"; // 7 characters, every escaping writer changes it
    String token = "tok-Zq9"; // a --var whose name looks secret
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String auth = r.getHeaders().get("Authorization");
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            return body.contains("question 0")
                ? new MockResponse.Builder()
                    .code(401)
                    .body("{\"error\": {\"message\": \"bad key " + auth + "\"}}")
                    .build()
                : FakeOpenAi.ok("## Answer\n" + body + " " + auth);
          }
        });
    suite(3, "");
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    cli.env.put("OPENAI_API_KEY", key);
    Cli.Result r =
        cli.runInItsOwnJvm(
            "run", "prompts", "--run-id", "s", "--var", "api_token=" + token, "--retries", "0");
    assertThat(server.getRequestCount()).isPositive();
    List<String> forms =
        Stream.of(key, token)
            .flatMap(
                s ->
                    Stream.of(
                        s,
                        new String(JsonStringEncoder.getInstance().quoteAsString(s)),
                        s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;"),
                        s.replace("&", "&amp;").replace("<", "&lt;"),
                        URLEncoder.encode(s, StandardCharsets.UTF_8)))
            .distinct()
            .toList();
    assertThat(r.out() + r.err()).contains("***");
    for (String form : forms) {
      assertThat(r.out()).as("stdout").doesNotContain(form);
      assertThat(r.err()).as("stderr").doesNotContain(form);
    }
    List<Path> written;
    try (Stream<Path> s = Files.walk(dir)) {
      written = s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".txt")).toList();
    }
    assertThat(written)
        .anyMatch(f -> f.endsWith("report.html"))
        .anyMatch(f -> f.endsWith("junit.xml"));
    for (Path f : written) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      for (String form : forms) {
        assertThat(text).as(f + " holds " + form).doesNotContain(form);
      }
    }
  }

  @Test
  void controlCharactersInIdsAndNamesReachTheTerminalAndMarkdownOnlyEscaped() throws Exception {
    Fixtures.write(
        dir,
        "prompts/evil.prompt.yml",
        """
        name: evil
        model: openai:gpt-test
        messages: [{role: user, content: '{{input}}'}]
        evaluators: [{name: "never\\e[2J\\a\\u202Eeman", string: {equals: nope}}]
        testData: [{id: "case\\e]0;pwned\\a\\u202E", input: x}]
        """);
    echoing(0);
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result r = cli.run("run", "prompts", "--cache", "off", "--run-id", "evil");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    String md = Files.readString(dir.resolve("reports/evil/summary.md"));
    for (String shown : List.of(r.out(), r.err(), md)) {
      assertThat(shown).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
    }
    assertThat(r.out()).contains("case\\u001b]0;pwned\\u0007\\u202e").contains("never\\u001b[2J");
    assertThat(md).contains("case\\u001b]0;pwned\\u0007\\u202e");
    assertThat(r.err()).contains("promptcheck: 1/1 trials (100%): 0 pass, 1 fail, 0 error");
  }

  @Test
  void anUnwritableOutIsFoundBeforeTheFirstCall() throws Exception {
    suite(2, "");
    echoing(0);
    Files.writeString(dir.resolve("blocker"), "a file, not a folder");
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result r =
        cli.run("run", "prompts", "--out", "blocker", "--run-id", "x", "--var", "api_token=t");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "promptcheck: --out blocker: cannot write the run folder blocker/x (a file is in the way at blocker")
        .doesNotContain("Exception");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFullDiskMidRunStopsWithAClearMessageAndTheJournalResumes() throws Exception {
    assumeDevFull();
    suite(3, "");
    echoing(0);
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Cli.Result first =
        cli.run(
            "run",
            "prompts",
            "--run-id",
            "full",
            "--cache",
            "off",
            "--filter",
            "question 0",
            "--var",
            "api_token=t",
            "--quiet");
    assertThat(first.exit()).as(first.err()).isZero();
    Path journal = dir.resolve("reports/full/results.jsonl");
    Path kept = dir.resolve("kept.jsonl");
    Files.move(journal, kept);
    Files.createSymbolicLink(journal, Path.of("/dev/full")); // every write: no space left

    Cli.Result full = cli.run("run", "--resume", "reports/full", "--filter", "question");
    assertThat(full.exit()).isEqualTo(3);
    assertThat(full.err())
        .contains("cannot write")
        .contains("results.jsonl (No space left on device): the run stopped")
        .contains("resume with: promptcheck run --resume reports/full")
        .doesNotContain("Exception");
    try (Stream<Path> s = Files.list(dir.resolve("reports/full"))) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    Files.delete(journal);
    Files.move(kept, journal); // room again
    int before = server.getRequestCount();
    Cli.Result resumed =
        cli.run("run", "--resume", "reports/full", "--filter", "question", "--quiet");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(server.getRequestCount() - before).isEqualTo(2);
  }

  @Test
  void sigtermSaysHowManyFinishedAndTheExactResumeCommandAndStaleTempFilesGo() throws Exception {
    suite(40, "");
    echoing(150);
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    Process p =
        cli.start(
            "run",
            "prompts",
            "--run-id",
            "sig",
            "--cache",
            "off",
            "--concurrency",
            "2",
            "--var",
            "api_token=t");
    Path journal = dir.resolve("reports/sig/results.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive()
        && System.nanoTime() < deadline
        && (!Files.exists(journal) || Files.readAllLines(journal).size() < 3)) {
      Thread.sleep(20);
    }
    p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(err)
        .containsPattern(
            "promptcheck: stopped: \\d+ of 40 trials finished \\(kept in .*results\\.jsonl\\); resume with: promptcheck run --resume reports/sig");
    Files.writeString(dir.resolve("reports/sig/.results.json123456.tmp"), "half a report");
    Files.writeString(dir.resolve("reports/.latest99.tmp"), "half");

    Cli.Result resumed = cli.run("run", "--resume", "reports/sig", "--quiet", "--concurrency", "8");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(dir.resolve("reports/sig/.results.json123456.tmp")).doesNotExist();
    assertThat(dir.resolve("reports/.latest99.tmp")).doesNotExist();
    JsonNode results =
        new ObjectMapper().readTree(dir.resolve("reports/sig/results.json").toFile());
    assertThat(results.path("testResults")).hasSize(40);
  }

  private static void assumeDevFull() {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full (Linux)");
  }
}
