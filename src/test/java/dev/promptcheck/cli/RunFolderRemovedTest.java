package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder removed mid-run: the run notices, stops with a clear message and exit 3. */
class RunFolderRemovedTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void aRunWhoseFolderIsRemovedMidRunStopsWithExit3AndSaysSo() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (n.incrementAndGet() == 5) {
              try {
                removeAll(dir.resolve("reports/gone")); // a cleanup job, mid-run
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            Thread.sleep(30);
            return FakeOpenAi.ok("an answer");
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    StringBuilder yaml =
        new StringBuilder(
            """
            name: gone
            model: openai:gpt-test
            messages: [{role: user, content: '{{input}}'}]
            evaluators: [{name: answers, string: {contains: answer}}]
            testData:
            """);
    for (int i = 1; i <= 40; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/gone.prompt.yml", yaml.toString());
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());

    Cli.Result r =
        cli.run("run", "prompts", "--cache", "off", "--run-id", "gone", "--concurrency", "1");
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .contains("the run folder reports/gone was removed while the run was going")
        .contains("the run stopped")
        .doesNotContain("Exception");
    assertThat(r.out()).doesNotContain("PASS");
    assertThat(n.get()).as("it stopped calling soon after").isLessThan(40);
  }

  private static void removeAll(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
