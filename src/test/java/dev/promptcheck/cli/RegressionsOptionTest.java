package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --regressions any|significant} with {@code --fail-on regressions}, through {@code report}
 * and {@code compare}: 3 flipped cases of 200 (exact McNemar p = 0.25) gate only under {@code any};
 * 12 (p = 0.00049, RegressionGateTest) gate under both. The console and summary.md say which rule
 * decided.
 */
class RegressionsOptionTest {
  @TempDir Path dir;

  private Path save(String id, int failing) throws Exception {
    Trials t = Trials.create();
    for (int c = 0; c < 200; c++) {
      t.add("openai:m", "c" + c, c < failing ? 0 : 1, 1);
    }
    Path runDir = Files.createDirectories(dir.resolve(id));
    new JsonReport().write(t.run(id), Comparison.NONE, runDir);
    return runDir;
  }

  private Cli.Result report(Path run, Path baseline, String rule) {
    return Cli.run(
        "report",
        run.toString(),
        "--baseline",
        baseline.resolve("results.json").toString(),
        "--fail-on",
        "regressions",
        "--regressions",
        rule,
        "--format",
        "console,md");
  }

  @Test
  void aFewFlippedCasesGateAnyNotSignificant() throws Exception {
    Path old = save("old", 0);
    Path few = save("few", 3);
    Cli.Result any = report(few, old, "any");
    assertThat(any.exit()).as(any.out() + any.err()).isEqualTo(1);
    assertThat(any.out())
        .contains(
            "Gate: any regressed case (--regressions any): 3 cases regressed, so the run fails");

    Cli.Result significant = report(few, old, "significant");
    assertThat(significant.exit()).as(significant.out() + significant.err()).isZero();
    assertThat(significant.out())
        .contains(
            "Gate: significant drops only (--regressions significant): a model fails when its"
                + " paired drop against the baseline has p < 0.05; no model's drop is significant"
                + " (3 cases regressed, which alone do not gate)")
        .contains("PASS");
    assertThat(Files.readString(few.resolve("summary.md")))
        .contains("**Gate: significant drops only (--regressions significant)");
  }

  @Test
  void aSignificantDropGatesAndCompareTakesTheSameRule() throws Exception {
    Path old = save("old", 0);
    Path many = save("many", 12);
    Cli.Result r = report(many, old, "significant");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("openai:m dropped (worse on 12 cases, better on 0; p < 0.001), so the run fails");

    Path few = save("few", 3);
    Cli.Result compareFew =
        Cli.run("compare", old.toString(), few.toString(), "--regressions", "significant");
    assertThat(compareFew.exit()).as(compareFew.out()).isZero();
    assertThat(compareFew.out()).contains("no model's drop is significant");
    assertThat(Cli.run("compare", old.toString(), few.toString()).exit()).isEqualTo(1);
    assertThat(
            Cli.run("compare", old.toString(), many.toString(), "--regressions", "significant")
                .exit())
        .isEqualTo(1);
  }

  @Test
  void significantWithoutTheRegressionGateIsAUsageError() throws Exception {
    Path run = save("r", 0);
    Cli.Result r = Cli.run("report", run.toString(), "--regressions", "significant");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "--regressions significant applies to --fail-on regressions (with --baseline"
                + " OLD/results.json)");
    Cli.Result wrong = Cli.run("compare", run.toString(), run.toString(), "--regressions", "most");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("--regressions must be any or significant, not 'most'");
  }
}
