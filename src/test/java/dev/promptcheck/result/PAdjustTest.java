package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The corrections against values worked by hand from their definitions, as R's {@code p.adjust}
 * computes them (Holm 1979: the k-th smallest of m times m - k + 1, cumulative maximum;
 * Benjamini-Hochberg 1995: the k-th smallest times m / k, cumulative minimum from the largest).
 */
class PAdjustTest {
  private static final double[] P = {0.01, 0.04, 0.03, 0.005};

  @Test
  void holmStepsDown() {
    // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04 -> max so far:
    // 0.02, 0.03, 0.06, 0.06; R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") =
    // 0.03 0.06 0.06 0.02
    assertThat(PAdjust.HOLM.adjust(P))
        .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
  }

  @Test
  void benjaminiHochbergStepsUp() {
    // sorted times 4/1, 4/2, 4/3, 4/4: 0.02, 0.02, 0.04, 0.04 -> min from the top: the same;
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02
    assertThat(PAdjust.BH.adjust(P))
        .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
  }

  @Test
  void noneAndASingleComparisonAreUnchangedAndNothingExceedsOne() {
    assertThat(PAdjust.NONE.adjust(P)).containsExactly(P);
    assertThat(PAdjust.HOLM.adjust(new double[] {0.03})).containsExactly(0.03);
    assertThat(PAdjust.HOLM.adjust(new double[] {0.6, 0.7})).containsExactly(1.0, 1.0);
    assertThat(PAdjust.BH.adjust(new double[] {0.6, 0.7})).containsExactly(0.7, 0.7);
    assertThat(PAdjust.parse(" BH ")).isEqualTo(PAdjust.BH);
  }
}
