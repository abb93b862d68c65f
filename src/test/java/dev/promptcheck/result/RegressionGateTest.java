package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code --fail-on regressions --regressions significant}: exit 1 only on a model's significant
 * paired drop against the baseline, by the adjusted p when the models are a family.
 *
 * <p>Exact McNemar p-values from SciPy 1.17.1, {@code scipy.stats.binomtest(k, n, 0.5).pvalue}: 0
 * of 3 discordant cases favouring the new run: 0.25; 0 of 6: 0.03125; 0 of 12: 0.00048828125. Holm
 * (1979) of {0.03125, 0.03125}: the smaller times 2, then the larger times 1, made non-decreasing:
 * {0.0625, 0.0625}, as R's {@code p.adjust(c(0.03125, 0.03125), "holm")} gives.
 */
class RegressionGateTest {
  private static final int CASES = 200;

  /** Every model passes every case, except the first {@code failing[i]} cases of model i. */
  private static RunResult run(String id, int... failing) {
    Trials t = Trials.create();
    for (int m = 0; m < failing.length; m++) {
      for (int c = 0; c < CASES; c++) {
        t.add("openai:m" + m, "c" + c, c < failing[m] ? 0 : 1, 1);
      }
    }
    return t.run(id);
  }

  private static ExitPolicy policy(ExitPolicy.Regressions r) {
    return new ExitPolicy(ExitPolicy.FailOn.REGRESSIONS, null, ExitPolicy.Gate.POINT, r);
  }

  @Test
  void threeFlippedCasesOfTwoHundredGateAnyButNotSignificant() {
    Comparison c = Comparison.of(run("old", 0), run("new", 3));
    assertThat(c.regressions()).hasSize(3);
    assertThat(c.models().get(0).headToHead().pValue()).isEqualTo(0.25);

    assertThat(policy(ExitPolicy.Regressions.ANY).exitCode(c)).isEqualTo(ExitCode.FAILURES);
    assertThat(policy(ExitPolicy.Regressions.ANY).regressionGate(c))
        .isEqualTo(
            "Gate: any regressed case (--regressions any): 3 cases regressed, so the run fails");
    ExitPolicy significant = policy(ExitPolicy.Regressions.SIGNIFICANT);
    assertThat(significant.exitCode(c)).isEqualTo(ExitCode.PASSED);
    assertThat(significant.exitCode(run("new", 3), c)).isEqualTo(ExitCode.PASSED);
    assertThat(significant.regressionGate(c))
        .isEqualTo(
            "Gate: significant drops only (--regressions significant): a model fails when its"
                + " paired drop against the baseline has p < 0.05; no model's drop is significant"
                + " (3 cases regressed, which alone do not gate)");
  }

  @Test
  void twelveFlippedCasesAreASignificantDrop() {
    Comparison c = Comparison.of(run("old", 0), run("new", 12));
    assertThat(c.models().get(0).headToHead().pValue()).isEqualTo(0.00048828125);
    ExitPolicy significant = policy(ExitPolicy.Regressions.SIGNIFICANT);
    assertThat(significant.exitCode(c)).isEqualTo(ExitCode.FAILURES);
    assertThat(ExitPolicy.significantDrops(c))
        .extracting(Comparison.ModelPair::name)
        .containsExactly("openai:m0");
    assertThat(significant.regressionGate(c))
        .endsWith(
            "; openai:m0 dropped (worse on 12 cases, better on 0; p < 0.001), so the run fails");
  }

  @Test
  void aFixIsNoDropHoweverSignificant() {
    Comparison c = Comparison.of(run("old", 12), run("new", 0));
    assertThat(c.models().get(0).headToHead().significant()).isTrue();
    assertThat(policy(ExitPolicy.Regressions.SIGNIFICANT).exitCode(c)).isEqualTo(ExitCode.PASSED);
  }

  @Test
  void theAdjustedPDecidesWhenTheModelsAreAFamily() {
    RunResult old = run("old", 0, 0);
    RunResult now = run("new", 6, 6); // each: p = 0.03125 alone, 0.0625 Holm-adjusted
    Comparison holm = Comparison.of(old, now, 0.05, PAdjust.HOLM);
    assertThat(holm.models())
        .allSatisfy(p -> assertThat(p.headToHead().pAdjusted()).isEqualTo(0.0625));
    ExitPolicy significant = policy(ExitPolicy.Regressions.SIGNIFICANT);
    assertThat(significant.exitCode(holm)).isEqualTo(ExitCode.PASSED);
    assertThat(significant.regressionGate(holm))
        .contains("has Holm-adjusted p (2 models) < 0.05; no model's drop is significant");

    Comparison uncorrected = Comparison.of(old, now, 0.05, PAdjust.NONE);
    assertThat(significant.exitCode(uncorrected)).isEqualTo(ExitCode.FAILURES);
    assertThat(ExitPolicy.significantDrops(uncorrected)).hasSize(2);
  }

  @Test
  void noBaselineNoGateLine() {
    assertThat(policy(ExitPolicy.Regressions.SIGNIFICANT).regressionGate(Comparison.NONE)).isNull();
    assertThat(ExitPolicy.DEFAULT.regressionGate(Comparison.of(run("a", 0), run("b", 3)))).isNull();
    assertThat(ExitPolicy.Regressions.parse(" Significant"))
        .isEqualTo(ExitPolicy.Regressions.SIGNIFICANT);
    assertThatThrownBy(() -> ExitPolicy.Regressions.parse("some"))
        .hasMessage("--regressions must be any or significant, not 'some'");
  }
}
