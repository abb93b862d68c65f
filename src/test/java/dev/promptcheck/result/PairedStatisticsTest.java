package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptcheck.eval.Status;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * The statistics against reference values computed independently of this code, from the formulas,
 * with Python's exact integer arithmetic ({@code math.comb}, {@code fractions.Fraction}) and {@code
 * statistics.NormalDist}: for example the sign test as {@code 2 * sum(comb(n, i) for i in range(k +
 * 1)) / 2**n}. The first three tests are the worked examples of issue 10.
 */
class PairedStatisticsTest {

  @Test
  void fiftyCasesWhereV2FixesSixAndBreaksNoneIsSignificantByExactMcNemar() {
    // v1 passes 40 of 50, v2 the same 40 plus 6 of v1's failures: 2 / 2^6 = 0.03125.
    var cases = CaseOutcome.byModel(Trials.paired("v2", "v1", 50, 1, 40, 6, 0).list());

    HeadToHead h = HeadToHead.of("v1", cases.get("v1"), "v2", cases.get("v2"), 0.05, null);

    assertThat(h.test()).isEqualTo("exact McNemar");
    assertThat(h.pValue()).isCloseTo(0.03125, within(1e-12));
    assertThat(h.better()).isEqualTo("v2");
    // the difference and its interval: Newcombe (1998) method 10 computed independently with
    // Python (Wilson limits as roots of the score quadratic, z = NormalDist().inv_cdf(0.975),
    // phi continuity-corrected as the paper does): m10(40, 6, 0, 4) =
    // (0.12, 0.020155375199764194, 0.2342699924906766)
    assertThat(h.difference().estimate()).isCloseTo(0.12, within(1e-12));
    assertThat(h.difference().low()).isCloseTo(0.020155375199764194, within(1e-9));
    assertThat(h.difference().high()).isCloseTo(0.2342699924906766, within(1e-9));
    assertThat(h.sentence())
        .isEqualTo(
            "v2 beats v1: better on 6 cases, worse on 0 (exact McNemar p = 0.031); v2 passes 12.0"
                + " points more cases than v1 (95% interval +2.0 to +23.4)");
  }

  @Test
  void repeatsOfOneCaseAreOneObservation() {
    // --repeat 5, 4 cases fixed in every repeat: 20 trials but 4 cases; 2 / 2^4 = 0.125.
    var cases = CaseOutcome.byModel(Trials.paired("v2", "v1", 50, 5, 40, 4, 0).list());

    HeadToHead h = HeadToHead.of("v1", cases.get("v1"), "v2", cases.get("v2"), 0.05, null);

    assertThat(h.test()).isEqualTo("exact sign test");
    assertThat(h.cases()).isEqualTo(50);
    assertThat(h.pValue()).isCloseTo(0.125, within(1e-12));
    assertThat(h.better()).isNull();
    // Connor: psi = delta = 4/50; (1.959964 * sqrt(.08) + 0.841621 * sqrt(.08 - .0064))^2 / .0064
    // = 95.72
    assertThat(h.casesNeeded()).isEqualTo(96);
    assertThat(h.sentence())
        .isEqualTo(
            "cannot tell v1 from v2 on 50 cases (v1 better on 0, worse on 4; exact sign test"
                + " p = 0.125); v2 passes 8.0 points more cases than v1 (95% interval -0.9 to"
                + " +18.0); about 96 cases would be needed to detect a difference this size"
                + " at 80% power");
  }

  @Test
  void wilsonIntervalIsOverCasesNotRepeats() {
    // a deterministic model at 25/36 cases, repeated 5 times: Wilson over 36 cases, not 180 trials
    Trials t = Trials.create();
    for (int i = 0; i < 36; i++) {
      t.add("m", "c" + i, i < 25 ? 5 : 0, 5);
    }

    PassRate rate = PassRate.of(CaseOutcome.byModel(t.list()).get("m").values());
    Stats stats = Stats.of(t.list());

    assertThat(rate.cases()).isEqualTo(36);
    assertThat(rate.trials()).isEqualTo(180);
    assertThat(rate.rate()).isCloseTo(25 / 36.0, within(1e-12));
    assertThat(rate.low()).isCloseTo(0.5314372714948967, within(1e-9));
    assertThat(rate.high()).isCloseTo(0.8199554840517007, within(1e-9));
    assertThat(Stats.percent(stats.low()) + " " + Stats.percent(stats.high()))
        .isEqualTo("53.1% 82.0%");
    assertThat(stats.cases()).isEqualTo(36);
  }

  @Test
  void flakyRepeatsNarrowTheIntervalByTheirEffectiveSampleSize() {
    // 20 cases 5/5, 10 cases 3/5, 6 cases 0/5: p = 26/36; population variance of the fractions
    // s2 = sum((f - p)^2) / 36; n_eff = p (1 - p) * 36 / s2 = 53.917; Wilson(p, 53.917)
    Trials t = Trials.create();
    for (int i = 0; i < 36; i++) {
      t.add("m", "c" + i, i < 20 ? 5 : i < 30 ? 3 : 0, 5);
    }

    PassRate rate = PassRate.of(CaseOutcome.byModel(t.list()).get("m").values());

    assertThat(rate.rate()).isCloseTo(0.7222222222222222, within(1e-12));
    assertThat(rate.low()).isCloseTo(0.5909894998565172, within(1e-9));
    assertThat(rate.high()).isCloseTo(0.8238954035636447, within(1e-9));
  }

  @Test
  void exactSignTestMatchesBinomialTails() {
    assertThat(PairedTests.signTestP(6, 0)).isCloseTo(0.03125, within(1e-12));
    assertThat(PairedTests.signTestP(0, 4)).isCloseTo(0.125, within(1e-12));
    assertThat(PairedTests.signTestP(11, 0)).isCloseTo(0.0009765625, within(1e-12));
    assertThat(PairedTests.signTestP(7, 3)).isCloseTo(0.34375, within(1e-12));
    assertThat(PairedTests.signTestP(4, 9)).isCloseTo(0.266845703125, within(1e-12));
    assertThat(PairedTests.signTestP(60, 40)).isCloseTo(0.05688793364098079, within(1e-10));
    assertThat(PairedTests.signTestP(5, 5)).isEqualTo(1.0);
    assertThat(PairedTests.signTestP(0, 0)).isEqualTo(1.0);
  }

  /**
   * Far in the tail the p-value keeps its digits instead of becoming 0 (1 minus a regularized beta
   * of nearly 1 had lost them all: 79 cases all one way gave p = 0). Values from SciPy 1.17.1,
   * {@code scipy.stats.binomtest(k, n, 0.5).pvalue}.
   */
  @Test
  void theSignTestKeepsItsDigitsFarInTheTail() {
    assertThat(PairedTests.signTestP(0, 79))
        .isCloseTo(3.3087224502121107e-24, Percentage.withPercentage(1e-9));
    assertThat(PairedTests.signTestP(61, 18))
        .isCloseTo(1.269697436840429e-06, Percentage.withPercentage(1e-7));
    assertThat(PairedTests.signTestP(0, 18))
        .isCloseTo(7.62939453125e-06, Percentage.withPercentage(1e-9));
    assertThat(PairedTests.signTestP(197, 3))
        .isCloseTo(1.659679419208622e-54, Percentage.withPercentage(1e-7));
  }

  /**
   * The sign test against exact rational arithmetic done here, independently of commons-math: the
   * two-sided p is {@code 2 * sum_{i<=min} C(n, i) / 2^n}, capped at 1, for every split up to 40.
   */
  @Test
  void exactSignTestMatchesExactRationalTailsForEverySplitUpToForty() {
    for (int n = 0; n <= 40; n++) {
      for (int plus = 0; plus <= n; plus++) {
        int k = Math.min(plus, n - plus);
        BigInteger tail = BigInteger.ZERO;
        BigInteger comb = BigInteger.ONE; // C(n, 0)
        for (int i = 0; i <= k; i++) {
          tail = tail.add(comb);
          comb = comb.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        double expected =
            n == 0
                ? 1.0
                : Math.min(
                    1.0,
                    new BigDecimal(tail.shiftLeft(1))
                        .divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)), MathContext.DECIMAL64)
                        .doubleValue());
        assertThat(PairedTests.signTestP(plus, n - plus))
            .as("%d vs %d", plus, n - plus)
            .isCloseTo(expected, within(1e-12));
      }
    }
  }

  /**
   * Wilson's bounds are the two roots p of {@code (phat - p)^2 = z^2 p (1 - p) / n}; solved here as
   * the quadratic {@code (1 + z^2/n) p^2 - (2 phat + z^2/n) p + phat^2 = 0}, not by the
   * centre-and-half-width form the code uses.
   */
  @Test
  void wilsonBoundsAreTheRootsOfTheScoreEquation() {
    double z = 1.959963984540054;
    int[][] observed = {{25, 36}, {0, 10}, {10, 10}, {1, 13}, {40, 50}, {7, 8}};
    for (int[] o : observed) {
      double phat = (double) o[0] / o[1];
      double n = o[1];
      double a = 1 + z * z / n;
      double b = -(2 * phat + z * z / n);
      double c = phat * phat;
      double root = Math.sqrt(b * b - 4 * a * c);
      double[] got = PassRate.wilson(phat, n);
      assertThat(got[0]).as("low %d/%d", o[0], o[1]).isCloseTo((-b - root) / (2 * a), within(1e-9));
      assertThat(got[1])
          .as("high %d/%d", o[0], o[1])
          .isCloseTo((-b + root) / (2 * a), within(1e-9));
    }
  }

  @Test
  void sampleSizeByConnorsFormula() {
    // 7 vs 3 of 36: 174.22; 5 vs 2 of 36: 217.40; 6 vs 0 of 50 at alpha 0.01: 94.38
    assertThat(PairedTests.casesNeeded(7, 3, 36, 0.05)).isEqualTo(175);
    assertThat(PairedTests.casesNeeded(2, 5, 36, 0.05)).isEqualTo(218);
    assertThat(PairedTests.casesNeeded(6, 0, 50, 0.01)).isEqualTo(95);
    assertThat(PairedTests.casesNeeded(3, 3, 36, 0.05)).isNull();
  }

  @Test
  void elevenWinsNoLossIsNamedWithItsPValue() {
    var cases =
        CaseOutcome.byModel(Trials.paired("gpt-4.1", "gpt-4o-mini", 36, 1, 20, 11, 0).list());

    HeadToHead h =
        HeadToHead.of(
            "gpt-4.1", cases.get("gpt-4.1"), "gpt-4o-mini", cases.get("gpt-4o-mini"), 0.05, null);

    assertThat(h.sentence())
        .isEqualTo(
            "gpt-4.1 beats gpt-4o-mini: better on 11 cases, worse on 0 (exact McNemar p = 0.001);"
                + " gpt-4.1 passes 30.6 points more cases than gpt-4o-mini (95% interval +13.9 to"
                + " +45.5)");
  }

  @Test
  void theBetterModelIsNamedOnlyBelowAlpha() {
    var cases = CaseOutcome.byModel(Trials.paired("a", "b", 50, 1, 40, 6, 0).list());

    HeadToHead strict = HeadToHead.of("a", cases.get("a"), "b", cases.get("b"), 0.01, null);

    assertThat(strict.better()).isNull();
    assertThat(strict.sentence())
        .startsWith("cannot tell a from b on 50 cases")
        .contains("p = 0.031");
  }

  @Test
  void noDifferenceAndNoOverlapAreSaidPlainly() {
    var same = CaseOutcome.byModel(Trials.paired("a", "b", 36, 1, 20, 3, 3).list());
    HeadToHead tie = HeadToHead.of("a", same.get("a"), "b", same.get("b"), 0.05, null);
    assertThat(tie.pValue()).isEqualTo(1.0);
    assertThat(tie.casesNeeded()).isNull();
    assertThat(tie.sentence()).startsWith("cannot tell a from b on 36 cases").contains("p = 1)");

    HeadToHead none = HeadToHead.of("a", same.get("a"), "c", Map.of(), 0.05, "different names");
    assertThat(none.cases()).isZero();
    assertThat(none.sentence())
        .isEqualTo("cannot compare a with c: no case reached a verdict on both [different names]");
  }

  @Test
  void skippedRunsDoNotCountAndRollUpShowsPassesOfRuns() {
    Trials t = Trials.create().add("m", "c1", 3, 5);
    t.add("m", "c2", 0, Status.SKIPPED);
    var cases = CaseOutcome.byModel(t.list()).get("m");

    assertThat(cases.get("c1").rollup()).isEqualTo("3/5");
    assertThat(cases.get("c1").flaky()).isTrue();
    assertThat(cases.get("c1").majorityPass()).isTrue();
    assertThat(cases.get("c2").decided()).isFalse();
    assertThat(PassRate.of(cases.values()).cases()).isEqualTo(1);
  }

  @Test
  void pValuesAreWrittenAsPeopleReadThem() {
    assertThat(HeadToHead.pText(0.03125)).isEqualTo("p = 0.031");
    assertThat(HeadToHead.pText(0.39)).isEqualTo("p = 0.39");
    assertThat(HeadToHead.pText(1.0)).isEqualTo("p = 1");
    assertThat(HeadToHead.pText(0.0001)).isEqualTo("p < 0.001");
  }
}
