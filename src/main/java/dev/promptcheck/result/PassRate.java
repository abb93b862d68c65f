package dev.promptcheck.result;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A model's pass rate over cases with a 95% interval that treats the case as the unit: the mean of
 * the per-case pass fractions, and a Wilson score interval.
 *
 * <p>Without within-case variation (no repeats, or a model that answers every repeat of a case the
 * same way) the interval is Wilson over cases: 25 of 36 cases gives [53.1%, 82.0%] however often
 * each was repeated. When repeats of a case disagree, they carry some information beyond one
 * observation, and the interval uses Kish's effective sample size {@code p(1-p) / Var(mean)}, with
 * the variance estimated from the spread of the case fractions (the cluster-robust variance), so it
 * lies between Wilson over cases and Wilson over trials and never claims more than the trials.
 *
 * <p>Cases that share a cluster ({@code --cluster-by KEY}) are summed within it before squaring,
 * the clustered standard error that Miller's "Adding Error Bars to Evals" (2024) recommends: ten
 * cases on one topic that pass or fail together count for about one, and the interval widens.
 */
public record PassRate(int cases, int trials, double rate, double low, double high) {

  static final double Z95 = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);

  public static final PassRate EMPTY = new PassRate(0, 0, 0, 0, 0);

  public static PassRate of(Collection<CaseOutcome> outcomes) {
    int n = 0;
    int trials = 0;
    double sum = 0;
    for (CaseOutcome c : outcomes) {
      if (c.decided()) {
        n++;
        trials += c.runs();
        sum += c.fraction();
      }
    }
    if (n == 0) {
      return EMPTY;
    }
    double p = sum / n;
    // the cluster-robust (CR0) variance of the mean: the residuals summed within each cluster (a
    // case with its repeats, or every case of a --cluster-by group), squared, over n^2. With each
    // case alone and no repeats it is p(1-p)/n exactly, so the effective n is the case count
    Map<String, Double> residuals = new HashMap<>();
    boolean varies = false;
    double squares = 0;
    for (CaseOutcome c : outcomes) {
      if (c.decided()) {
        double r = c.fraction() - p;
        if (c.cluster() == null) {
          squares += r * r; // alone: no map entry, so a run without clusters allocates nothing
        } else {
          residuals.merge(c.cluster(), r, Double::sum);
        }
        varies |= c.flaky();
      }
    }
    for (double r : residuals.values()) {
      squares += r * r;
    }
    boolean clustered = !residuals.isEmpty();
    double effectiveN = n;
    if ((varies || clustered) && p > 0 && p < 1) {
      double varianceOfMean = squares / n / n;
      effectiveN = varianceOfMean == 0 ? trials : Math.min(trials, p * (1 - p) / varianceOfMean);
    }
    double[] ci = wilson(p, effectiveN);
    return new PassRate(n, trials, p, ci[0], ci[1]);
  }

  /** Wilson score interval for a proportion {@code p} observed on {@code n} units, at 95%. */
  static double[] wilson(double p, double n) {
    if (n <= 0) {
      return new double[] {0, 0};
    }
    double z2 = Z95 * Z95;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denom;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
