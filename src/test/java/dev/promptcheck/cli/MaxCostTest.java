package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-cost}: no call starts once the run's spend and the next call's estimate would pass
 * the budget; the run ends with exit 3, every report written, and the trials not run are left to a
 * resume, which calls each of them once.
 */
class MaxCostTest {
  private static final int CASES = 12;
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  final List<String> asked = new CopyOnWriteArrayList<>();
  CliProcess cli;

  @BeforeEach
  void suite() {
    StringBuilder yaml =
        new StringBuilder(
            "name: capitals\nmodel: priced\nmessages: [{role: user, content: 'Say {{n}}'}]\n"
                + "evaluators:\n  - name: said\n    string: {contains: 'said'}\ntestData:\n");
    for (int i = 1; i <= CASES; i++) {
      yaml.append("  - n: number ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/say.prompt.yml", yaml.toString());
    // 11 input + 7 output tokens per answer (FakeOpenAi) at $1,000 per million: $0.018 a call
    Fixtures.write(
        dir,
        "promptcheck.yaml",
        """
        models:
          priced: {model: 'openai:gpt-test', price: {input: 1000, output: 1000}}
          unpriced: {model: 'openai:gpt-other'}
        """);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            asked.add(body.replaceAll("(?s).*(number \\d+).*", "$1"));
            return FakeOpenAi.ok("said it");
          }
        });
    cli = new CliProcess(dir, server.url("/v1").toString());
  }

  @Test
  void theBudgetStopsNewCallsTheReportsAreWrittenAndAResumeFinishes() throws Exception {
    Cli.Result r =
        cli.run(
            "run",
            "prompts",
            "--cache",
            "off",
            "--concurrency",
            "1",
            "--max-cost",
            "$0.095",
            "--run-id",
            "budget");
    // five calls spend $0.090; a sixth, estimated at about $0.010 (3 input tokens, the mean 7
    // output), would pass $0.095
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
    assertThat(asked).hasSize(5);
    assertThat(r.err())
        .contains("--max-cost $0.0950 reached: $0.0900 spent")
        .containsPattern("promptcheck run --resume \\S*reports/budget --max-cost <larger>");
    Path run = dir.resolve("reports/budget");
    assertThat(Files.readAllLines(run.resolve("results.jsonl"))).hasSize(5);
    JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    assertThat(results.toString()).contains("7 trials not run");
    for (String report : List.of("junit.xml", "summary.md", "report.html")) {
      assertThat(run.resolve(report)).exists();
    }
    assertThat(Files.readString(run.resolve("summary.md"))).contains("--max-cost $0.0950 reached");

    Cli.Result resumed = cli.run("run", "--resume", "reports/budget", "--max-cost", "1");
    assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
    assertThat(asked).hasSize(CASES).doesNotHaveDuplicates();
  }

  @Test
  void aResumeCountsWhatTheRunAlreadySpent() {
    Cli.Result r =
        cli.run(
            "run",
            "prompts",
            "--cache",
            "off",
            "--concurrency",
            "1",
            "--max-cost",
            "0.095",
            "--run-id",
            "again");
    assertThat(r.exit()).isEqualTo(3);
    // the same budget on the resume: $0.090 is spent already, so nothing more starts
    Cli.Result resumed = cli.run("run", "--resume", "reports/again");
    assertThat(resumed.exit()).as(resumed.err()).isEqualTo(3);
    assertThat(asked).hasSize(5);
  }

  @Test
  void aModelWithNoPriceIsRefusedBeforeAnyCall() {
    Cli.Result r =
        cli.run("run", "prompts", "--model", "unpriced", "--max-cost", "1", "--cache", "off");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--max-cost $1.0000 needs the price of every model");
    assertThat(asked).isEmpty();
    Cli.Result bad = cli.run("run", "prompts", "--max-cost", "lots");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("'lots' is not an amount of US dollars");
  }
}
