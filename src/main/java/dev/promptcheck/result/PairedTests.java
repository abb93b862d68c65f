package dev.promptcheck.result;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Exact tests for two models on the same cases. Only the cases where they differ carry evidence:
 * under "no difference" each of them is equally likely to favour either model, so the count that
 * favours one is Binomial(discordant, 1/2). Without repeats this is the exact McNemar test; with
 * repeats it is the exact sign test on the per-case pass fractions. Both are exact at any size: no
 * normal approximation, which is poor at the few dozen cases a prompt suite has.
 */
public final class PairedTests {
  /** The power a sample-size estimate aims at. */
  public static final double POWER = 0.8;

  private PairedTests() {}

  /**
   * Two-sided exact p-value for {@code plus} cases favouring one side and {@code minus} the other.
   */
  public static double signTestP(int plus, int minus) {
    int n = plus + minus;
    if (n == 0) {
      return 1.0;
    }
    BinomialDistribution split = new BinomialDistribution(null, n, 0.5);
    int fewer = Math.min(plus, minus);
    double tail = split.cumulativeProbability(fewer);
    if (tail < 1e-6) {
      // the cumulative is 1 minus a regularized beta near 1, which loses every digit far in the
      // tail (79 cases all one way gave p = 0); each term alone is accurate
      tail = 0;
      for (int k = 0; k <= fewer; k++) {
        tail += split.probability(k);
      }
    }
    return Math.min(1.0, 2 * tail);
  }

  /**
   * About how many paired cases would detect the observed difference with 80% power at {@code
   * alpha}, by Connor's (1987) formula for McNemar's test: {@code (z(1-alpha/2) sqrt(psi) +
   * z(power) sqrt(psi - delta^2))^2 / delta^2}, where psi is the share of discordant cases and
   * delta the difference of the two discordant shares. Null when the cases show no difference to
   * size.
   */
  public static Integer casesNeeded(int plus, int minus, int cases, double alpha) {
    if (plus == minus || cases == 0) {
      return null;
    }
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    double psi = (double) (plus + minus) / cases;
    double delta = (double) (plus - minus) / cases;
    double za = normal.inverseCumulativeProbability(1 - alpha / 2);
    double zb = normal.inverseCumulativeProbability(POWER);
    double root = za * Math.sqrt(psi) + zb * Math.sqrt(psi - delta * delta);
    return (int) Math.ceil(root * root / (delta * delta));
  }
}
