package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.eval.Status;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25's done-when run: three models against three stubs ({@code ../shared/bench/llm-stub.js})
 * that degrade 0%, 10% and 40% of 200 inputs ({@code DEGRADE_PCT}: the answer lacks its second
 * header for the inputs whose hash falls below the share, the same inputs every time, so the 10%
 * set lies inside the 40% set as a drifting model's would). The run must name the 40% model worse
 * than both others by the Holm-adjusted p, give each pair a {@code difference} interval that holds
 * the planted difference (-10, -40 and -30 points), and say of the 0% vs 10% pair what its p
 * allows.
 *
 * <p>The p-values are checked against an exact binomial sum computed here with BigDecimal (not
 * through the code under test), Holm-adjusted by hand. Skipped where the stub or node is missing (a
 * CI clone without ../shared).
 */
class PlantedDegradationTest {
  private static final int CASES = 200;
  private static final int[] PCT = {0, 10, 40};
  // results name a promptcheck.yaml model (d10) by the model it stands for
  private static final String D0 = "openai:stub-0";
  private static final String D10 = "openai:stub-10";
  private static final String D40 = "openai:stub-40";

  @TempDir Path dir;
  private final List<Process> stubs = new ArrayList<>();

  @AfterEach
  void stopStubs() throws InterruptedException {
    for (Process p : stubs) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** The stub beside the repository (CI's copy of shared/), else the workplace's. */
  private static Optional<Path> stub() {
    Path parent = Path.of("").toAbsolutePath().getParent();
    List<Path> candidates = new ArrayList<>();
    if (parent != null) {
      candidates.add(parent.resolve("shared/bench/llm-stub.js"));
    }
    candidates.add(Path.of("/work/shared/bench/llm-stub.js"));
    return candidates.stream().filter(Files::isRegularFile).findFirst();
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts a stub degrading {@code pct}% of inputs on a free loopback port; waits until it listens.
   */
  private int start(Path script, int pct) throws Exception {
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder("node", script.toString())
            .redirectOutput(dir.resolve("stub-" + pct + ".out").toFile())
            .redirectError(dir.resolve("stub-" + pct + ".err").toFile());
    pb.environment().put("PORT", String.valueOf(port));
    pb.environment().put("DEGRADE_PCT", String.valueOf(pct));
    stubs.add(pb.start());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return port;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the stub on port " + port + " did not start", e);
        }
        Thread.sleep(50);
      }
    }
  }

  @Test
  void theFortyPercentModelIsWorseThanBothAndEachIntervalHoldsThePlantedDifference()
      throws Exception {
    Optional<Path> script = stub();
    Assumptions.assumeTrue(script.isPresent(), "../shared/bench/llm-stub.js is not here");
    Assumptions.assumeTrue(nodeRuns(), "node is not installed");

    StringBuilder config = new StringBuilder("models:\n");
    for (int pct : PCT) {
      config
          .append("  d")
          .append(pct)
          .append(":\n    model: openai:stub-")
          .append(pct)
          .append("\n    baseUrl: http://127.0.0.1:")
          .append(start(script.get(), pct))
          .append("/v1\n");
    }
    Fixtures.write(dir, "promptcheck.yaml", config.toString());
    StringBuilder suite =
        new StringBuilder(
            "name: review\nmessages: [{role: user, content: '{{input}}'}]\n"
                + "evaluators:\n  - name: has the implementation\n"
                + "    string: {contains: 'Optimized Implementation'}\ntestData:\n");
    for (int i = 0; i < CASES; i++) {
      suite.append("  - input: Review the code of ticket ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/review.prompt.yml", suite.toString());

    CliProcess cli = new CliProcess(dir, "http://127.0.0.1:9/v1"); // each model has its own URL
    Cli.Result r =
        cli.run(
            "run",
            "prompts",
            "--model",
            "d0",
            "--model",
            "d10",
            "--model",
            "d40",
            "--cache",
            "off",
            "--run-id",
            "planted",
            "--format",
            "console,json");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1); // cases fail: --fail-on failures

    Path results = dir.resolve("reports/planted/results.json");
    RunResult run = JsonReport.read(results);
    Map<String, Map<String, Boolean>> passes = new HashMap<>();
    for (TrialResult t : run.trials()) {
      passes
          .computeIfAbsent(t.model(), m -> new HashMap<>())
          .put(t.caseId(), t.status() == Status.PASS);
    }
    assertThat(passes).containsOnlyKeys(D0, D10, D40);
    passes.values().forEach(cases -> assertThat(cases).hasSize(CASES));
    assertThat(failing(passes.get(D0))).isZero();

    String[] keys = {D0 + "/" + D10, D0 + "/" + D40, D10 + "/" + D40};
    JsonNode comparisons = new ObjectMapper().readTree(results.toFile()).path("comparisons");
    assertThat(comparisons).hasSize(3);
    Map<String, JsonNode> pair = new HashMap<>();
    comparisons.forEach(c -> pair.put(c.path("a").asText() + "/" + c.path("b").asText(), c));
    assertThat(pair).containsOnlyKeys(keys);

    // the exact two-sided p of each pair from its own discordant cases, and Holm over the three
    double[] p = new double[3];
    for (int k = 0; k < 3; k++) {
      String[] ab = keys[k].split("/");
      int aOnly = 0;
      int bOnly = 0;
      for (Map.Entry<String, Boolean> e : passes.get(ab[0]).entrySet()) {
        boolean b = passes.get(ab[1]).get(e.getKey());
        aOnly += e.getValue() && !b ? 1 : 0;
        bOnly += !e.getValue() && b ? 1 : 0;
      }
      JsonNode c = pair.get(keys[k]);
      assertThat(c.path("aBetter").asInt()).isEqualTo(aOnly);
      assertThat(c.path("bBetter").asInt()).isEqualTo(bOnly);
      p[k] = exactTwoSided(aOnly, bOnly);
      assertThat(c.path("pValue").asDouble()).isCloseTo(p[k], Percentage.withPercentage(1e-6));
    }
    double[] holm = holm(p);
    for (int k = 0; k < 3; k++) {
      JsonNode c = pair.get(keys[k]);
      assertThat(c.path("pAdjust").asText()).isEqualTo("holm");
      assertThat(c.path("family").asInt()).isEqualTo(3);
      assertThat(c.path("pAdjusted").asDouble())
          .isCloseTo(holm[k], Percentage.withPercentage(1e-6));
    }

    // the 40% model is named worse than both others, by the Holm-adjusted p
    for (String k : List.of(keys[1], keys[2])) {
      JsonNode c = pair.get(k);
      String winner = k.substring(0, k.indexOf('/'));
      assertThat(c.path("better").asText()).as(c.toString()).isEqualTo(winner);
      assertThat(c.path("sentence").asText())
          .startsWith(winner + " beats " + D40 + ": ")
          .contains("Holm-adjusted for 3 comparisons");
    }

    // each pair's interval for b - a holds the planted difference
    Map<String, Double> planted = Map.of(keys[0], -0.10, keys[1], -0.40, keys[2], -0.30);
    for (String k : keys) {
      JsonNode d = pair.get(k).path("difference");
      assertThat(planted.get(k))
          .as(k + " " + d)
          .isBetween(d.path("low").asDouble(), d.path("high").asDouble());
    }

    // 0% vs 10%: the sentence is the one its adjusted p calls for
    JsonNode small = pair.get(keys[0]);
    String sentence = small.path("sentence").asText();
    if (holm[0] < 0.05) {
      assertThat(sentence).startsWith(D0 + " beats " + D10 + ": ").contains("Holm-adjusted");
      assertThat(small.path("better").asText()).isEqualTo(D0);
    } else {
      assertThat(sentence).startsWith("cannot tell " + D0 + " from " + D10);
      assertThat(small.path("better").isNull()).isTrue();
    }
    assertThat(r.out()).contains(sentence);

    // the same drift as a nightly job sees it: d0 last night, d10 tonight (each run one model, so
    // the two are paired); d10's 18 flipped cases are a significant drop, which --regressions
    // significant gates on, and one run against itself flips nothing
    Cli.Result night =
        cli.run("run", "prompts", "--model", "d0", "--cache", "off", "--run-id", "night-1");
    assertThat(night.exit()).as(night.out() + night.err()).isZero();
    Cli.Result drifted =
        cli.run(
            "run",
            "prompts",
            "--model",
            "d10",
            "--cache",
            "off",
            "--run-id",
            "night-2",
            "--baseline",
            "reports/night-1/results.json",
            "--fail-on",
            "regressions",
            "--regressions",
            "significant");
    assertThat(drifted.exit()).as(drifted.out() + drifted.err()).isEqualTo(1);
    assertThat(drifted.out())
        .contains("Gate: significant drops only (--regressions significant)")
        .contains(
            D10
                + " dropped (worse on "
                + failing(passes.get(D10))
                + " cases, better on 0; p < 0.001), so the run fails");
    Cli.Result steady =
        cli.run(
            "run",
            "prompts",
            "--model",
            "d0",
            "--cache",
            "off",
            "--run-id",
            "night-3",
            "--baseline",
            "reports/night-1/results.json",
            "--fail-on",
            "regressions",
            "--regressions",
            "significant");
    assertThat(steady.exit()).as(steady.out() + steady.err()).isZero();
    assertThat(steady.out()).contains("no model's drop is significant");
    // the measurement, for the report that lands this: realized shares and the three sentences
    System.out.println(
        "planted: d10 fails "
            + failing(passes.get(D10))
            + ", d40 fails "
            + failing(passes.get(D40))
            + " of "
            + CASES
            + "\n"
            + pair.values().stream().map(c -> c.path("sentence").asText()).toList());
  }

  private static int failing(Map<String, Boolean> cases) {
    return (int) cases.values().stream().filter(pass -> !pass).count();
  }

  /** 2 × P(X <= min(a, b)) for X ~ Binomial(a + b, 1/2), at most 1, summed exactly. */
  static double exactTwoSided(int a, int b) {
    int n = a + b;
    if (n == 0) {
      return 1;
    }
    BigInteger tail = BigInteger.ZERO;
    BigInteger choose = BigInteger.ONE; // C(n, 0)
    for (int k = 0; k <= Math.min(a, b); k++) {
      tail = tail.add(choose);
      choose = choose.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
    }
    BigDecimal p =
        new BigDecimal(tail.shiftLeft(1))
            .divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL64);
    return Math.min(1, p.doubleValue());
  }

  /**
   * Holm (1979): sort, multiply the k-th smallest (from 0) by m - k, carry the maximum, cap at 1.
   */
  static double[] holm(double[] p) {
    Integer[] order = {0, 1, 2};
    Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
    double[] out = new double[3];
    double running = 0;
    for (int k = 0; k < 3; k++) {
      running = Math.max(running, Math.min(1, (3 - k) * p[order[k]]));
      out[order[k]] = running;
    }
    return out;
  }
}
