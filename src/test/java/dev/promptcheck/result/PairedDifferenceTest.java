package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
