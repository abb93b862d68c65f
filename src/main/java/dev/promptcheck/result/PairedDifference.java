package dev.promptcheck.result;

/**
 * The difference of two pass rates measured on the same cases, with a 95% interval that uses the
 * pairing: Newcombe's (1998) method 10, which combines the Wilson intervals of the two rates with
 * the correlation of the paired verdicts (phi, continuity-corrected as Newcombe does). Unlike the
 * Wald interval it never leaves [-1, 1] and does not collapse to a point when no case changed.
 *
 * @param estimate {@code after - before}
 */
public record PairedDifference(double estimate, double low, double high) {

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
