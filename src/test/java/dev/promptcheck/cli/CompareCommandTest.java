package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.eval.Status;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `compare A B` and gating on a baseline, on saved runs whose outcomes are scripted. */
class CompareCommandTest {
  @TempDir Path dir;

  private Path save(String runId, Trials trials) throws Exception {
    RunResult run = trials.run(runId);
    Path runDir = Files.createDirectories(dir.resolve(runId));
    new JsonReport().write(run, Comparison.NONE, runDir);
    return runDir;
  }

  /** One model over 50 cases, passing the first {@code passing}. */
  private Path single(String runId, String model, int passing) throws Exception {
    Trials t = Trials.create();
    for (int i = 0; i < 50; i++) {
      t.add(model, "c" + i, i < passing ? 1 : 0, 1);
    }
    return save(runId, t);
  }

  /** A flaky model: which repeats fail shifts from run to run. */
  private Path flaky(String runId, int shift) throws Exception {
    Trials t = Trials.create();
    for (int c = 0; c < 9; c++) {
      for (int r = 0; r < 5; r++) {
        t.add("openai:flaky", "c" + c, r, (r + c + shift) % 3 == 0 ? Status.FAIL : Status.PASS);
      }
    }
    return save(runId, t);
  }

  @Test
  void twoRunsOfDifferentSingleModelsArePairedNotNewAndRemoved() throws Exception {
    Path a = single("v1", "openai:gpt-4o-mini", 40);
    Path b = single("v2", "openai:gpt-4.1", 46);

    Cli.Result r = Cli.run("compare", a.toString(), b.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("v1 -> v2: 0 regressions, 6 fixes, 0 flaky, 0 new, 0 removed")
        .contains("openai:gpt-4o-mini -> openai:gpt-4.1: 80.0% [67.0%, 88.8%] of 50 cases -> 92.0%")
        .contains(
            "openai:gpt-4.1 beats openai:gpt-4o-mini: better on 6 cases, worse on 0 (exact McNemar"
                + " p = 0.031); openai:gpt-4.1 passes 12.0 points more cases than"
                + " openai:gpt-4o-mini (95% interval +2.0 to +23.4) [different models paired: each"
                + " run has exactly one")
        .doesNotContain(" 0.0%", "absent");
  }

  @Test
  void theBetterModelIsNamedOnlyBelowAlpha() throws Exception {
    Path a = single("v1", "openai:m", 40);
    Path b = single("v2", "openai:m", 46);

    Cli.Result strict = Cli.run("compare", a.toString(), b.toString(), "--alpha", "0.01");

    assertThat(strict.out())
        .contains("cannot tell openai:m (v1) from openai:m (v2) on 50 cases")
        .contains("exact McNemar p = 0.031")
        .contains("about 95 cases would be needed");
    assertThat(Cli.run("compare", a.toString(), b.toString(), "--alpha", "2").exit()).isEqualTo(2);
  }

  @Test
  void compareJsonPrintsTheComparisonsStructure() throws Exception {
    Path a = single("v1", "openai:a", 40);
    Trials both = Trials.create();
    for (int i = 0; i < 50; i++) {
      both.add("openai:a", "c" + i, i < 40 ? 1 : 0, 1);
      both.add("openai:b", "c" + i, 1, 1);
    }
    Path b = save("v2", both);

    Cli.Result r = Cli.run("compare", a.toString(), b.toString(), "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("baseline").asText()).isEqualTo("v1");
    assertThat(json.path("alpha").asDouble()).isEqualTo(0.05);
    assertThat(json.path("comparisons")).hasSize(1);
    JsonNode h = json.path("comparisons").get(0);
    assertThat(h.path("test").asText()).isEqualTo("exact McNemar");
    assertThat(h.path("cases").asInt()).isEqualTo(50);
    assertThat(h.path("pValue").asDouble()).isEqualTo(1.0);
    // one model paired: a family of one, nothing to correct; the same 40 cases pass on both sides
    assertThat(h.path("pAdjusted").asDouble()).isEqualTo(1.0);
    assertThat(h.path("pAdjust").asText()).isEqualTo("holm");
    assertThat(h.path("family").asInt()).isEqualTo(1);
    assertThat(h.path("difference").path("estimate").asDouble()).isZero();
    assertThat(h.path("difference").path("low").asDouble()).isNegative();
    assertThat(h.path("difference").path("high").asDouble()).isPositive();
    assertThat(h.path("sentence").asText()).startsWith("cannot tell openai:a (v1) from");
    assertThat(json.path("models").get(1).path("after").asText()).isEqualTo("openai:b");
    assertThat(json.path("models").get(1).path("absent").asText()).isEqualTo("baseline");
    assertThat(json.path("models").get(1).path("beforeRate").isNull()).isTrue();
    assertThat(json.path("added")).isEmpty();
  }

  @Test
  void aFlakyModelComparedWithItselfHasNoRegressionsAndExitsZero() throws Exception {
    Path a = flaky("before", 0);
    Path b = flaky("after", 1);

    Cli.Result compare = Cli.run("compare", a.toString(), b.toString());
    Cli.Result gated =
        Cli.run(
            "report",
            b.resolve("results.json").toString(),
            "--baseline",
            a.resolve("results.json").toString(),
            "--fail-on",
            "regressions",
            "--format",
            "console,md,json");

    assertThat(compare.exit()).as(compare.out()).isZero();
    assertThat(compare.out())
        .contains("before -> after: 0 regressions, 0 fixes, 9 flaky, 0 new, 0 removed")
        .contains("FLAKY  prompts/p.prompt.yml case c0 [openai:flaky]: 3/5 -> ");
    assertThat(gated.exit()).as(gated.out() + gated.err()).isZero();
    assertThat(gated.out()).contains("0 regressions, 0 fixes");
    assertThat(Files.readString(b.resolve("summary.md")))
        .contains("0 regressions · 0 fixes · 9 flaky")
        .contains("**Flaky on either side (not counted as regressions or fixes)**");
    JsonNode saved = new ObjectMapper().readTree(b.resolve("results.json").toFile());
    assertThat(saved.path("baseline").path("flaky")).hasSize(9);
    assertThat(saved.path("baseline").path("regressions")).isEmpty();
  }

  @Test
  void minPassRateNamesTheModelThatFellShort() throws Exception {
    Trials t = Trials.create();
    for (int i = 0; i < 4; i++) {
      t.add("openai:strong", "c" + i, 1, 1);
      t.add("openai:weak", "c" + i, i < 2 ? 1 : 0, 1);
    }
    Path run = save("r", t);

    Cli.Result r =
        Cli.run("report", run.toString(), "--min-pass-rate", "0.7", "--format", "console,json,md");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "promptcheck: openai:weak: pass rate 50.0% over 4 cases is below --min-pass-rate 70.0%")
        .doesNotContain("openai:strong:");
    assertThat(r.out())
        .contains("Head to head (paired on the same cases, alpha 0.05):")
        .contains("cannot tell openai:strong from openai:weak on 4 cases");
    JsonNode saved = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    assertThat(saved.path("comparisons")).hasSize(1);
    assertThat(saved.path("comparisons").get(0).path("aBetter").asInt()).isEqualTo(2);
    assertThat(Files.readString(run.resolve("summary.md"))).contains("### Head to head");
  }
}
