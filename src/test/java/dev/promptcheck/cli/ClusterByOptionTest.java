package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cluster-by topic} through {@code report}: 40 cases in 8 topics of 5; openai:a passes
 * all, openai:b fails every case of 3 topics (ClusteredStatisticsTest has the figures: Wilson over
 * 40 cases for b is 47.0%-75.8%, over the 8 topics 30.6%-86.3%, from SciPy's binomtest; the paired
 * test is 15 cases to 0, p = 6.1e-5, or 3 topics to 0, p = 0.25).
 */
class ClusterByOptionTest {
  @TempDir Path dir;

  private Path run() throws Exception {
    Trials t = Trials.create();
    for (int c = 0; c < 40; c++) {
      Map<String, String> vars = Map.of("topic", "t" + c / 5, "input", "q" + c);
      t.add("openai:a", "c" + c, 1, 1, vars);
      t.add("openai:b", "c" + c, c / 5 < 3 ? 0 : 1, 1, vars);
    }
    Path runDir = Files.createDirectories(dir.resolve("r"));
    new JsonReport().write(t.run("r"), Comparison.NONE, runDir);
    return runDir;
  }

  private static Cli.Result report(Path run, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "report";
    args[1] = run.toString();
    args[2] = "--format";
    args[3] = "console,json";
    System.arraycopy(more, 0, args, 4, more.length);
    return Cli.run(args);
  }

  @Test
  void clustersWidenTheIntervalAndThePairedTestCountsThem() throws Exception {
    Path run = run();
    Cli.Result alone = report(run, "--fail-on", "none");
    assertThat(alone.out()).contains("openai:a beats openai:b: better on 15 cases, worse on 0");

    Cli.Result clustered = report(run, "--fail-on", "none", "--cluster-by", "topic");
    assertThat(clustered.exit()).as(clustered.err()).isZero();
    assertThat(clustered.out())
        .contains(
            "cannot tell openai:a from openai:b on 40 cases in 8 clusters (openai:a better on 3,"
                + " worse on 0; exact sign test over clusters p = 0.25)");
    JsonNode json = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    JsonNode pair = json.path("comparisons").get(0);
    assertThat(pair.path("clusters").asInt()).isEqualTo(8);
    assertThat(pair.path("pValue").asDouble()).isEqualTo(0.25);
    assertThat(clustered.err()).doesNotContain("warning");
  }

  @Test
  void theLowerBoundGateReadsTheClusteredInterval() throws Exception {
    Path run = run();
    String[] gate = {"--min-pass-rate", "45%", "--gate", "lower-bound"};
    Cli.Result alone = report(run, gate);
    assertThat(alone.exit()).as(alone.err()).isZero(); // 47.0% over 40 cases reaches 45%
    String[] clusteredGate = {
      "--min-pass-rate", "45%", "--gate", "lower-bound", "--cluster-by", "topic"
    };
    Cli.Result clustered = report(run, clusteredGate);
    assertThat(clustered.exit()).isEqualTo(1);
    assertThat(clustered.err())
        .contains(
            "openai:b: pass rate 62.5% over 40 cases, 95% interval 30.6%\u201386.3%: its lower bound"
                + " is below --min-pass-rate 45.0%");
  }

  @Test
  void aKeyNoCaseHasIsSaid() throws Exception {
    Cli.Result r = report(run(), "--fail-on", "none", "--cluster-by", "topc");
    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .contains(
            "promptcheck: warning: --cluster-by topc: no case has a testData key 'topc', so each"
                + " case stands alone");
  }
}
