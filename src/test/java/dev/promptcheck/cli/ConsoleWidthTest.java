package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console at 80 columns (issue 24): the summary table's rows stay one line each (the file
 * column shortened with an ellipsis, as git and cargo do) and failure reasons wrap at word
 * boundaries with indentation, so no line is wider than the terminal.
 */
class ConsoleWidthTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();

  static final String FILE =
      "prompts/customer-support/escalations/enterprise-tier/"
          + "refund-requests-with-partial-shipment-and-expired-coupon.prompt.yml";

  static final String EXPECTED =
      "the refund has been issued to the original payment method and will appear within five"
          + " to seven business days depending on your bank";

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            return FakeOpenAi.ok(
                body.contains("gpt-test-a") ? "we cannot help with that request today" : EXPECTED);
          }
        });
    server.start();
    Fixtures.write(
        dir,
        FILE,
        """
        name: refunds
        model: openai:gpt-test-a
        messages: [{role: user, content: 'customer says: {{complaint}}'}]
        evaluators:
          - name: promises the refund with the delay and the payment method, in so many words
            string: {contains: '%s'}
        testData:
          - complaint: my order arrived in two parts and the second box never came, and the coupon I used expired the day after
          - complaint: I was charged twice for the same subscription renewal on the enterprise plan last month
        """
            .formatted(EXPECTED));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private Cli.Result run(String columns, String... extra) {
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
    if (columns != null) {
      cli.env.put("COLUMNS", columns);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "prompts",
                "--cache",
                "off",
                "--model",
                "openai:gpt-test-a-with-a-rather-long-deployment-name-2026-11",
                "--model",
                "openai:gpt-test-b"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void atEightyColumnsEveryLineFitsTheTableKeepsItsRowsAndReasonsWrapAtWords() {
    Cli.Result r = run("80", "--run-id", "narrow");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    List<String> lines = r.out().lines().toList();
    assertThat(lines)
        .as(r.out())
        .allSatisfy(l -> assertThat(columns(l)).as(l).isLessThanOrEqualTo(80));
    // the table: a header, one row per file x model, the total; each one line
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("file")).findFirst().get());
    assertThat(lines.get(header)).contains("p50 ms");
    assertThat(lines.get(header + 1))
        .startsWith("refund-")
        .contains("\u2026")
        .contains("openai:g")
        .contains("2026-11")
        .contains("\u2026")
        .containsPattern("0 +2 +0 +0 +0\\.0%");
    assertThat(lines.get(header + 2))
        .contains("gpt-test-b")
        .containsPattern("2 +0 +0 +0 +100\\.0%");
    assertThat(lines.get(header + 3)).startsWith("total");
    // a failure reason: broken at spaces, its continuation indented past the reason's own indent
    String reasonStart =
        lines.stream().filter(l -> l.startsWith("        promises the refund")).findFirst().get();
    int at = lines.indexOf(reasonStart);
    assertThat(lines.get(at + 1)).startsWith("          ").doesNotStartWith("           ");
    String joined =
        String.join(" ", lines.subList(at, at + 4).stream().map(String::strip).toList());
    assertThat(joined).contains("the refund has been issued to the original payment method");
  }

  @Test
  void withoutAWidthAndNotATerminalLinesAreWholeAsBefore() {
    Cli.Result r = run(null, "--run-id", "wide");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains(FILE); // nothing shortened in a CI log
    assertThat(r.out().lines().anyMatch(l -> l.length() > 80)).isTrue();
  }

  /** Columns of a line of plain ASCII and the ellipsis: its code points, colour codes aside. */
  private static int columns(String line) {
    String plain = line.replaceAll("\u001b\\[[0-9;]*m", "");
    return plain.codePointCount(0, plain.length());
  }
}
