package dev.promptcheck.result;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * How the p-values of a family of comparisons (every pair of models in a run, every model against
 * its baseline) are corrected for their number, as R's {@code p.adjust} does: with three models
 * there are three pairs, and at alpha 0.05 one of them would be named "better" by chance in about
 * one run of seven.
 */
public enum PAdjust {
  /**
   * Holm's (1979) step-down: the k-th smallest of m p-values is multiplied by m - k + 1, then made
   * non-decreasing. Controls the chance of any false "better" (the family-wise error), like
   * Bonferroni, and is never less powerful.
   */
  HOLM("Holm"),
  /**
   * Benjamini and Hochberg's (1995) step-up: the k-th smallest is multiplied by m / k, then made
   * non-increasing from the largest down. Controls the expected share of false "better"s among
   * those named (the false discovery rate): more power, a weaker promise.
   */
  BH("Benjamini-Hochberg"),
  /** Each p as it is. */
  NONE("none");

  private final String label;

  PAdjust(String label) {
    this.label = label;
  }

  /** "Holm", "Benjamini-Hochberg", "none": how a sentence names it. */
  public String label() {
    return label;
  }

  /** The id on the command line and in results.json: holm, bh, none. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code holm}, {@code bh} or {@code none}. */
  public static PAdjust parse(String text) {
    for (PAdjust a : values()) {
      if (a.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("--p-adjust must be holm, bh or none, not '" + text + "'");
  }

  /** The adjusted p-values, in the order of {@code p}, each at most 1. */
  public double[] adjust(double[] p) {
    int m = p.length;
    double[] out = p.clone();
    if (this == NONE || m <= 1) {
      return out;
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i])); // stable: ties keep their order
    if (this == HOLM) {
      double running = 0;
      for (int k = 0; k < m; k++) {
        running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
        out[order[k]] = running;
      }
    } else {
      double running = 1;
      for (int k = m - 1; k >= 0; k--) {
        running = Math.min(running, Math.min(1, (double) m / (k + 1) * p[order[k]]));
        out[order[k]] = running;
      }
    }
    return out;
  }
}
