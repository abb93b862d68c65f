package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PairedDifference} against values computed independently of this code.
 *
 * <p>Source of the published values: Newcombe RG (1998), "Improved confidence intervals for the
 * difference between binomial proportions based on paired data", Statistics in Medicine
 * 17:2635-2650, the worked examples (a)-(r) of its table of 95% limits, method 10 column, 4
 * decimals. Newcombe writes the paired table as e (both +), f (+ then -), g (- then +), h (both -)
 * and the difference as theta = (f - g) / n, the first proportion minus the second. Our {@code
 * of(bothPass, worse, better, bothFail)} gives {@code after - before}, so Newcombe's f is our
 * {@code better} and his g our {@code worse}. The table was transcribed from the paper by other
 * projects (the same 18 rows in two independent transcriptions); the paper rounds to 4 decimals and
 * used z = 1.96, hence the tolerance of 1e-4.
 */
class PairedDifferenceTest {

  /** {e, f, g, h, lower, upper} from Newcombe (1998), method 10. */
  private static final double[][] NEWCOMBE_1998_METHOD_10 = {
    {36, 12, 2, 0, 0.0569, 0.3404},
    {20, 12, 2, 16, 0.0562, 0.3292},
    {18, 12, 2, 18, 0.0562, 0.3290},
    {36, 14, 0, 0, 0.1528, 0.4167},
    {35, 14, 0, 1, 0.1461, 0.4175},
    {18, 14, 0, 18, 0.1441, 0.3963},
    {2, 97, 1, 0, 0.8721, 0.9854},
    {1, 97, 1, 1, 0.8736, 0.9850},
    {0, 29, 1, 0, 0.6666, 0.9882},
    {2, 98, 0, 0, 0.9178, 0.9945},
    {1, 98, 0, 1, 0.9171, 0.9916},
    {0, 30, 0, 0, 0.8395, 1.0},
    {54, 0, 0, 0, -0.0664, 0.0664},
    {53, 0, 0, 1, -0.0729, 0.0729},
    {30, 0, 0, 24, -0.0358, 0.0358},
    {29, 0, 0, 25, -0.0354, 0.0354},
    {28, 0, 0, 26, -0.0352, 0.0352},
    {27, 0, 0, 27, -0.0351, 0.0351},
  };

  @Test
  void matchesNewcombesPublishedMethod10Limits() {
    for (double[] row : NEWCOMBE_1998_METHOD_10) {
      int e = (int) row[0];
      int f = (int) row[1];
      int g = (int) row[2];
      int h = (int) row[3];
      PairedDifference d = PairedDifference.of(e, g, f, h);
      String table = e + "," + f + "," + g + "," + h;
      assertThat(d.estimate())
          .as("theta %s", table)
          .isCloseTo((f - g) / (double) (e + f + g + h), within(1e-12));
      assertThat(d.low()).as("lower %s", table).isCloseTo(row[4], within(1e-4));
      assertThat(d.high()).as("upper %s", table).isCloseTo(row[5], within(1e-4));
    }
  }

  @Test
  void swappingTheSidesMirrorsTheInterval() {
    for (double[] row : NEWCOMBE_1998_METHOD_10) {
      int e = (int) row[0];
      int f = (int) row[1];
      int g = (int) row[2];
      int h = (int) row[3];
      PairedDifference forward = PairedDifference.of(e, g, f, h);
      PairedDifference back = PairedDifference.of(e, f, g, h);
      assertThat(back.estimate()).isCloseTo(-forward.estimate(), within(1e-12));
      assertThat(back.low()).isCloseTo(-forward.high(), within(1e-12));
      assertThat(back.high()).isCloseTo(-forward.low(), within(1e-12));
    }
  }

  /**
   * Repeats that disagree give fractions: the interval combines each side's case-level interval
   * (Wilson at Kish's effective n) with the Pearson correlation of the paired fractions (Zou and
   * Donner 2008). Expected values computed independently with Python: {@code side(k, runs)}: f = k
   * / runs, p = mean(f), var = sum((f - p)^2) / n / n, n_eff = min(n * runs, p (1 - p) / var),
   * Wilson limits as roots of the score quadratic at z = NormalDist().inv_cdf(0.975); r = sxy /
   * sqrt(sxx syy); lo = d - sqrt((pb - lb)^2 - 2 r (pb - lb)(ua - pa) + (ua - pa)^2), hi = d +
   * sqrt((ub - pb)^2 - 2 r (ub - pb)(pa - la) + (pa - la)^2): d = -0.15, [-0.2703659687722602,
   * -0.014775331385608048], r = 0.8291580424601674.
   */
  @Test
  void repeatedFractionsUseTheirCorrelation() {
    int[] before = {5, 5, 5, 5, 5, 3, 3, 0, 0, 0, 2, 5};
    int[] after = {5, 5, 5, 4, 2, 2, 0, 0, 0, 1, 0, 5};
    List<CaseOutcome> a = new ArrayList<>();
    List<CaseOutcome> b = new ArrayList<>();
    for (int i = 0; i < before.length; i++) {
      a.add(new CaseOutcome("c" + i, "f", "c" + i, "a", before[i], 5));
      b.add(new CaseOutcome("c" + i, "f", "c" + i, "b", after[i], 5));
    }

    PairedDifference d = PairedDifference.of(a, b);

    assertThat(PairedDifference.correlation(a, b)).isCloseTo(0.8291580424601674, within(1e-12));
    assertThat(d.estimate()).isCloseTo(-0.15, within(1e-12));
    assertThat(d.low()).isCloseTo(-0.2703659687722602, within(1e-9));
    assertThat(d.high()).isCloseTo(-0.014775331385608048, within(1e-9));
    assertThat(d.describe("b", "a"))
        .isEqualTo("b passes 15.0 points fewer cases than a (95% interval -27.0 to -1.5)");
  }

  @Test
  void casesThatAlwaysAgreeAcrossRepeatsAreNewcombesTable() {
    // 36, 12, 2, 0 of Newcombe's table, each case repeated 3 times with the same verdict
    List<CaseOutcome> a = new ArrayList<>();
    List<CaseOutcome> b = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      boolean firstPass = i < 48; // e = 36 both pass, then f = 12 pass then fail
      boolean secondPass = i < 36 || i >= 48; // then g = 2 fail then pass
      a.add(new CaseOutcome("c" + i, "f", "c" + i, "a", firstPass ? 3 : 0, 3));
      b.add(new CaseOutcome("c" + i, "f", "c" + i, "b", secondPass ? 3 : 0, 3));
    }
    // Newcombe's theta is first - second: ours is after - before, so pass the second as before
    PairedDifference d = PairedDifference.of(b, a);
    assertThat(d.low()).isCloseTo(0.0569, within(1e-4));
    assertThat(d.high()).isCloseTo(0.3404, within(1e-4));
  }
}
