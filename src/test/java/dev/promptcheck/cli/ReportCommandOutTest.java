package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promptcheck report RUN --out DIR} (issue 24): the reports go into DIR, the run's own
 * reports and {@code reports/latest} stay as they were, and the reports keep the comparison the run
 * made against its baseline, even after the nightly job put a newer run at the baseline's path.
 */
class ReportCommandOutTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  final AtomicBoolean broken = new AtomicBoolean();
  CliProcess cli;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            String input = body.contains("alpha") ? "alpha" : "beta";
            return FakeOpenAi.ok(
                broken.get() && input.equals("beta") ? "no idea" : "it is " + input);
          }
        });
    server.start();
    Fixtures.write(
        dir,
        "prompts/n.prompt.yml",
        """
        name: nightly
        model: openai:gpt-test
        messages: [{role: user, content: 'what is {{word}}'}]
        evaluators: [{name: names it, string: {contains: '{{word}}'}}]
        testData:
          - word: alpha
          - word: beta
        """);
    cli = new CliProcess(dir, server.url("/v1").toString());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** A night of the nightly job: run against baseline/, then keep this run as the baseline. */
  private void night(String id) throws IOException {
    Cli.Result run =
        cli.run(
            "run",
            "prompts",
            "--cache",
            "off",
            "--run-id",
            id,
            "--baseline",
            "baseline/results.json",
            "--fail-on",
            "none");
    assertThat(run.exit()).as(run.err()).isZero();
    Files.createDirectories(dir.resolve("baseline"));
    Files.copy(
        dir.resolve("reports/" + id + "/results.json"),
        dir.resolve("baseline/results.json"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void reportWithOutWritesIntoOutKeepsTheBaselineAndLeavesTheRunAndLatestAlone()
      throws IOException {
    night("night-1");
    broken.set(true);
    night("night-2"); // beta regresses against night-1
    broken.set(false);
    night("night-3"); // now latest, and baseline/results.json is night-3's
    Path run2 = dir.resolve("reports/night-2");
    String summaryBefore = Files.readString(run2.resolve("summary.md"));
    assertThat(summaryBefore).contains("Against baseline `night-1`");
    FileTime htmlBefore = Files.getLastModifiedTime(run2.resolve("report.html"));

    Cli.Result r = cli.run("report", "reports/night-2", "--out", "shared/n2");

    assertThat(r.exit()).as(r.err()).isZero();
    Path out = dir.resolve("shared/n2");
    assertThat(out.resolve("summary.md")).exists();
    assertThat(out.resolve("report.html")).exists();
    assertThat(out.resolve("results.json")).exists();
    assertThat(out.resolve("junit.xml")).exists();
    assertThat(Files.readString(out.resolve("summary.md")))
        .contains("Against baseline `night-1`")
        .contains("regress");
    assertThat(Files.readString(out.resolve("report.html"))).contains("Against baseline");
    assertThat(r.out()).contains("Against baseline night-1").contains("Reports: shared/n2");
    assertThat(Files.readString(run2.resolve("summary.md"))).isEqualTo(summaryBefore);
    assertThat(Files.getLastModifiedTime(run2.resolve("report.html"))).isEqualTo(htmlBefore);
    assertThat(Files.readSymbolicLink(dir.resolve("reports/latest"))).isEqualTo(Path.of("night-3"));
    assertThat(dir.resolve("shared/latest")).doesNotExist();
    assertThat(server.getRequestCount()).as("report calls no model").isEqualTo(6);
  }

  @Test
  void reportInPlaceKeepsTheBaselineTheRunComparedAgainst() throws IOException {
    night("night-1");
    broken.set(true);
    night("night-2");

    Cli.Result r = cli.run("report", "reports/night-2");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(dir.resolve("reports/night-2/summary.md")))
        .contains("Against baseline `night-1`");
  }

  @Test
  void aRunThatComparedWithNothingIsStillComparedWithNothing() throws IOException {
    night("night-1"); // first night: baseline/results.json did not exist yet

    Cli.Result r = cli.run("report", "reports/night-1", "--out", "again");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(dir.resolve("again/summary.md")))
        .doesNotContain("Against baseline");
  }

  @Test
  void aBaselineGivenOnTheReportLineWins() throws IOException {
    night("night-1");
    Files.copy(dir.resolve("baseline/results.json"), dir.resolve("first.json"));
    broken.set(true);
    night("night-2");
    night("night-3"); // compared against night-2: no change

    Cli.Result r =
        cli.run("report", "reports/night-3", "--out", "vs-first", "--baseline", "first.json");

    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("vs-first/summary.md")))
        .contains("Against baseline `night-1`");
  }

  @Test
  void aBaselineNoLongerFoundIsSaidAndTheReportsSayNothingFalse() throws IOException {
    night("night-1");
    broken.set(true);
    night("night-2");
    Files.delete(dir.resolve("reports/night-1/results.json"));

    Cli.Result r = cli.run("report", "reports/night-2", "--out", "copy");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("the run was compared with baseline night-1, which is not found")
        .contains("baseline/results.json now holds another run");
    assertThat(Files.readString(dir.resolve("copy/summary.md"))).doesNotContain("Against baseline");
  }
}
