package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.run.RunFolderLock;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder has one owner at a time: a second run with the same {@code --run-id}, or a resume of
 * a run still going, is refused naming the owner's pid, and a lock left by a killed process is
 * taken over. The owner is a real second JVM, as in a CI job started twice.
 */
class RunFolderOwnerTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  final CountDownLatch release = new CountDownLatch(1);
  CliProcess cli;
  Process owner;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(60, TimeUnit.SECONDS);
            return FakeOpenAi.ok("an answer");
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    cli = new CliProcess(dir, server.url("/v1").toString());
    StringBuilder yaml =
        new StringBuilder(
            """
            name: owned
            model: openai:gpt-test
            messages: [{role: user, content: '{{input}}'}]
            evaluators: [{name: answers, string: {contains: answer}}]
            testData:
            """);
    for (int i = 1; i <= 12; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/owned.prompt.yml", yaml.toString());
  }

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    if (owner != null) {
      owner.destroyForcibly();
    }
    server.close();
  }

  /** Starts a run in its own JVM and waits until it holds the folder and is calling the model. */
  private Process ownerCalling() throws Exception {
    Process p =
        cli.start("run", "prompts", "--cache", "off", "--run-id", "same", "--concurrency", "2");
    Path lock = dir.resolve("reports/same").resolve(RunFolderLock.FILE);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.getRequestCount() == 0 || !Files.exists(lock) || Files.size(lock) == 0) {
      assertThat(p.isAlive()).as("the first run is still going").isTrue();
      assertThat(System.nanoTime()).as("the first run reaches the model").isLessThan(deadline);
      Thread.sleep(20);
    }
    return p;
  }

  @Test
  void aSecondRunWithTheSameRunIdAndAResumeWhileItRunsAreRefusedNamingTheOwner() throws Exception {
    owner = ownerCalling();
    String pid = "pid " + owner.pid();

    Cli.Result twin = cli.run("run", "prompts", "--cache", "off", "--run-id", "same");
    assertThat(twin.exit()).as(twin.err()).isEqualTo(2);
    assertThat(twin.err())
        .contains("reports/same is in use by another promptcheck run (" + pid + " on ")
        .contains("give another --run-id")
        .doesNotContain("Exception");
    Cli.Result resume = cli.run("run", "--resume", "reports/same");
    assertThat(resume.exit()).as(resume.err()).isEqualTo(2);
    assertThat(resume.err()).contains("is in use by another promptcheck run (" + pid);

    release.countDown();
    assertThat(owner.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(owner.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
    List<String> journal =
        Files.readAllLines(dir.resolve("reports/same/results.jsonl"), StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    assertThat(journal).hasSize(12);
    assertThat(journal.stream().map(l -> trialId(json, l)).distinct()).hasSize(12);
    assertThat(server.getRequestCount()).as("every question asked once").isEqualTo(12);
  }

  @Test
  void aLockLeftByAKilledRunIsTakenOverWithANote() throws Exception {
    owner = ownerCalling();
    long pid = owner.pid();
    owner.destroyForcibly(); // kill -9: no shutdown hook, the lock file keeps its owner line
    assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    Cli.Result resumed = cli.run("run", "--resume", "reports/same", "--quiet");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.err())
        .contains("note: reports/same was owned by a run that ended without finishing (pid " + pid)
        .contains("this run takes it over");
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("reports/same/results.json").toFile())
                .path("summary")
                .path("passedTests")
                .asInt())
        .isEqualTo(12);
    assertThat(Files.readString(dir.resolve("reports/same").resolve(RunFolderLock.FILE)))
        .as("released: no owner named")
        .isEmpty();
  }

  private static String trialId(ObjectMapper json, String line) {
    try {
      return json.readTree(line).path("trialId").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
