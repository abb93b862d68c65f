package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that cannot be written (a full disk; here a folder standing where report.html goes,
 * which fails the same write with the same kind of IOException): the file is named, the other
 * reports and the journal stay, no temporary file is left, and {@code promptcheck report} writes it
 * once the way is clear.
 */
class ReportsNotWrittenTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void aReportThatCannotBeWrittenIsNamedAndTheRunCanWriteItLater() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(FakeOpenAi.ok("hello there"));
    }
    server.start(InetAddress.getLoopbackAddress(), 0);
    Fixtures.write(
        dir,
        "prompts/full.prompt.yml",
        """
        name: full
        model: openai:gpt-test
        messages: [{role: user, content: '{{input}}'}]
        evaluators: [{name: greets, string: {contains: hello}}]
        testData:
          - input: one
          - input: two
        """);
    Path runDir = dir.resolve("reports/full");
    Path blocker = runDir.resolve("report.html");
    Files.createDirectories(blocker.resolve("in-the-way"));
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());

    Cli.Result r = cli.run("run", "prompts", "--cache", "off", "--run-id", "full");

    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .contains("could not write reports/full/report.html: Is a directory")
        .contains("no trial is lost (they are in reports/full/results.jsonl)")
        .contains("'promptcheck report reports/full' writes the reports")
        .doesNotContain("internal error")
        .doesNotContain("Exception");
    assertThat(r.out()).as("the console summary is still printed").contains("prompts/full");
    assertThat(runDir.resolve("results.json")).exists();
    assertThat(runDir.resolve("summary.md")).exists();
    assertThat(Files.readAllLines(runDir.resolve("results.jsonl"))).hasSize(2);
    try (Stream<Path> files = Files.list(runDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".tmp"));
    }

    Files.delete(blocker.resolve("in-the-way"));
    Files.delete(blocker); // room again
    Cli.Result again = cli.run("report", "reports/full");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(Files.readString(blocker)).contains("<html");
    assertThat(server.getRequestCount()).as("no call made twice").isEqualTo(2);
  }
}
