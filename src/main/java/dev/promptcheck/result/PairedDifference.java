package dev.promptcheck.result;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The difference of two pass rates measured on the same cases, with a 95% interval that uses the
 * pairing: Newcombe's (1998) method 10, which combines the Wilson intervals of the two rates with
 * the correlation of the paired verdicts (phi, continuity-corrected as Newcombe does). Unlike the
 * Wald interval it never leaves [-1, 1] and does not collapse to a point when no case changed.
 *
 * <p>When repeats give pass fractions that are not all 0 or 1, the same construction (the method of
 * variance estimates recovery, Zou and Donner 2008, of which method 10 is the binary case) combines
 * each side's case-level interval ({@link PassRate}: Wilson at the cluster-robust effective number
 * of cases) with the Pearson correlation of the paired case fractions. With clusters ({@code
 * --cluster-by}) the same form uses each side's cluster-robust interval and the correlation of the
 * cluster sums, even when every verdict is a plain pass or fail.
 *
 * @param estimate {@code after - before}
 */
public record PairedDifference(double estimate, double low, double high) {

  /**
   * From the cases both sides decided, paired by position: {@code before.get(i)} and {@code
   * after.get(i)} are the same case. Newcombe's method 10 when every fraction is 0 or 1, else the
   * correlated-fractions form.
   */
  public static PairedDifference of(List<CaseOutcome> before, List<CaseOutcome> after) {
    if (before.size() != after.size()) {
      throw new IllegalArgumentException(before.size() + " cases paired with " + after.size());
    }
    int[] table = new int[4];
    boolean binary = before.stream().allMatch(c -> c.cluster() == null);
    for (int i = 0; i < before.size() && binary; i++) {
      double x = before.get(i).fraction();
      double y = after.get(i).fraction();
      binary = (x == 0 || x == 1) && (y == 0 || y == 1);
      table[(x == 1 ? 0 : 2) + (y == 1 ? 0 : 1)]++;
    }
    if (binary) {
      // {both pass, before passes only, after passes only, both fail}
      return of(table[0], table[1], table[2], table[3]);
    }
    return correlated(PassRate.of(before), PassRate.of(after), correlation(before, after));
  }

  /**
   * The interval of {@code after - before} from each side's interval and the correlation {@code r}
   * of the paired observations (Zou and Donner 2008, eq. for correlated proportions).
   */
  static PairedDifference correlated(PassRate before, PassRate after, double r) {
    double d = after.rate() - before.rate();
    double down = after.rate() - after.low();
    double upBefore = before.high() - before.rate();
    double up = after.high() - after.rate();
    double downBefore = before.rate() - before.low();
    double low =
        d - Math.sqrt(Math.max(0, down * down - 2 * r * down * upBefore + upBefore * upBefore));
    double high =
        d + Math.sqrt(Math.max(0, up * up - 2 * r * up * downBefore + downBefore * downBefore));
    return new PairedDifference(d, Math.max(-1, low), Math.min(1, high));
  }

  /**
   * Pearson's correlation of the paired case fractions; 0 when either side does not vary. With
   * clusters, the correlation of the two rates' cluster-robust estimates: each side's residuals
   * summed within a cluster, then correlated across clusters (a case alone is its own cluster, so
   * without clusters this is Pearson's r).
   */
  static double correlation(List<CaseOutcome> before, List<CaseOutcome> after) {
    int n = before.size();
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += before.get(i).fraction();
      my += after.get(i).fraction();
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    Map<String, double[]> clusters = new HashMap<>();
    for (int i = 0; i < n; i++) {
      double dx = before.get(i).fraction() - mx;
      double dy = after.get(i).fraction() - my;
      String cluster = before.get(i).cluster();
      if (cluster == null) { // alone: no map entry, so a run without clusters allocates nothing
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      } else {
        double[] r = clusters.computeIfAbsent(cluster, k -> new double[2]);
        r[0] += dx;
        r[1] += dy;
      }
    }
    for (double[] r : clusters.values()) {
      sxy += r[0] * r[1];
      sxx += r[0] * r[0];
      syy += r[1] * r[1];
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  /**
   * "v2 passes 12.0 points more cases than v1 (95% interval +4.0 to +20.0)" for {@code after}
   * against {@code before}: the estimate in percentage points and its 95% paired interval.
   */
  public String describe(String after, String before) {
    double points = 100 * estimate;
    String size = String.format(Locale.ROOT, "%.1f", Math.abs(points));
    String interval =
        String.format(
            Locale.ROOT, " (95%% interval %s to %s)", signed(100 * low), signed(100 * high));
    if (size.equals("0.0")) {
      return after + " passes as many cases as " + before + interval;
    }
    return after
        + " passes "
        + size
        + " points "
        + (points > 0 ? "more" : "fewer")
        + " cases than "
        + before
        + interval;
  }

  /** This difference seen from the other side: {@code before - after}. */
  public PairedDifference negate() {
    return new PairedDifference(-estimate, -high, -low);
  }

  /** "+4.0", "-12.5", "0.0": percentage points with their sign, one decimal. */
  public static String signed(double points) {
    String s = String.format(Locale.ROOT, "%+.1f", points);
    return s.equals("-0.0") || s.equals("+0.0") ? "0.0" : s;
  }

  /**
   * From the paired 2×2 table: {@code bothPass}, {@code worse} (passed before, fails after), {@code
   * better} (failed before, passes after), {@code bothFail}.
   */
  public static PairedDifference of(int bothPass, int worse, int better, int bothFail) {
    int n = bothPass + worse + better + bothFail;
    if (n == 0) {
      return new PairedDifference(0, -1, 1);
    }
    double before = (double) (bothPass + worse) / n;
    double after = (double) (bothPass + better) / n;
    double[] b = PassRate.wilson(before, n);
    double[] a = PassRate.wilson(after, n);
    double phi = phi(bothPass, worse, better, bothFail, n);
    double d = after - before;
    double down = after - a[0];
    double upBefore = b[1] - before;
    double up = a[1] - after;
    double downBefore = before - b[0];
    double low =
        d - Math.sqrt(Math.max(0, down * down - 2 * phi * down * upBefore + upBefore * upBefore));
    double high =
        d + Math.sqrt(Math.max(0, up * up - 2 * phi * up * downBefore + downBefore * downBefore));
    return new PairedDifference(d, Math.max(-1, low), Math.min(1, high));
  }

  private static double phi(int a, int b, int c, int d, int n) {
    double denominator = Math.sqrt((double) (a + b) * (c + d) * (a + c) * (b + d));
    if (denominator == 0) {
      return 0;
    }
    double cross = (double) a * d - (double) b * c;
    // Newcombe's correction: a positive association is shrunk by n/2, never below zero
    double numerator = cross > 0 ? Math.max(cross - n / 2.0, 0) : cross;
    return numerator / denominator;
  }
}
