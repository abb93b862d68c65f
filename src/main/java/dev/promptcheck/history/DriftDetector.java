package dev.promptcheck.history;

import dev.promptcheck.result.PairedDifference;
import dev.promptcheck.result.PairedTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds where a suite's verdicts changed, paired on its cases.
 *
 * <p>A series is cut into segments where the prompt file's content hash stays the same. Two kinds
 * of change are tested:
 *
 * <ul>
 *   <li><b>prompt</b>: at each edit, the runs of the new content against those of the old, cases
 *       paired by id (ids survive edits of messages and file-level checks).
 *   <li><b>model</b>: inside a segment (same prompt), the run where the verdicts changed is
 *       searched for: each possible start splits the segment in two, and the split that moves the
 *       cases' pass fractions most is tested. Its p is multiplied by the number of splits tried
 *       (Bonferroni), so searching does not manufacture drifts.
 * </ul>
 *
 * <p>Each case's verdict on each side is its pass fraction over that side's runs, read as a pass
 * above one half; the sides are compared with the exact sign test on the cases that changed. A
 * flaky case changes sides at random and alone is never significant.
 */
public final class DriftDetector {
  private final double alpha;

  public DriftDetector(double alpha) {
    this.alpha = alpha;
  }

  /**
   * The significant changes of {@code s}. With {@code latestOnly}, only those that reach the
   * series' last run (the change still holds there).
   */
  public List<Drift> drifts(Series s, History h, boolean latestOnly) {
    Sums sums = new Sums(s);
    List<int[]> segments = segments(s);
    List<Drift> out = new ArrayList<>();
    int last = s.points().size() - 1;
    for (int i = 0; i < segments.size(); i++) {
      int[] seg = segments.get(i);
      boolean reachesLatest = seg[1] == last;
      if (i > 0 && (!latestOnly || reachesLatest)) {
        int[] previous = segments.get(i - 1);
        Drift d = test(s, sums, h, previous[0], seg[0], seg[1], 1, "prompt");
        if (d != null) {
          out.add(d);
        }
      }
      if (!latestOnly || reachesLatest) {
        Drift d = bestSplit(s, sums, h, seg[0], seg[1]);
        if (d != null) {
          out.add(d);
        }
      }
    }
    return out;
  }

  /** Index ranges [from, to] of points with the same content hash, in order. */
  static List<int[]> segments(Series s) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (int p = 1; p <= s.points().size(); p++) {
      if (p == s.points().size()
          || !Objects.equals(
              s.points().get(p).contentHash(), s.points().get(start).contentHash())) {
        out.add(new int[] {start, p - 1});
        start = p;
      }
    }
    return out;
  }

  /** The split of [from, to] that moves the pass fractions most, if significant. */
  private Drift bestSplit(Series s, Sums sums, History h, int from, int to) {
    int splits = to - from; // a start at from+1 .. to
    if (splits < 1) {
      return null;
    }
    int best = -1;
    double bestMove = 0;
    for (int k = from + 1; k <= to; k++) {
      double move = 0;
      for (int c = 0; c < s.caseIds().size(); c++) {
        int beforeDecided = sums.decided(c, from, k - 1);
        int afterDecided = sums.decided(c, k, to);
        if (beforeDecided > 0 && afterDecided > 0) {
          move +=
              Math.abs(
                  (double) sums.passed(c, k, to) / afterDecided
                      - (double) sums.passed(c, from, k - 1) / beforeDecided);
        }
      }
      if (move > bestMove + 1e-9) {
        bestMove = move;
        best = k;
      }
    }
    return best < 0 ? null : test(s, sums, h, from, best, to, splits, "model");
  }

  /**
   * Running totals per case, so the passes over any range of runs cost two lookups: the search for
   * a start over 365 nights × 2,000 cases stays linear.
   */
  private static final class Sums {
    final int[][] passed; // [case][point + 1]: passes in points [0, point]
    final int[][] decided;

    Sums(Series s) {
      int cases = s.caseIds().size();
      int points = s.points().size();
      passed = new int[cases][points + 1];
      decided = new int[cases][points + 1];
      for (int p = 0; p < points; p++) {
        for (int c = 0; c < cases; c++) {
          passed[c][p + 1] = passed[c][p] + s.passed()[p][c];
          decided[c][p + 1] = decided[c][p] + s.decided()[p][c];
        }
      }
    }

    int passed(int c, int from, int to) {
      return passed[c][to + 1] - passed[c][from];
    }

    int decided(int c, int from, int to) {
      return decided[c][to + 1] - decided[c][from];
    }
  }

  /**
   * Points [beforeFrom, start) against [start, to], cases paired; a drift when the sign test's p
   * times {@code tries} is below alpha.
   */
  private Drift test(
      Series s, Sums sums, History h, int beforeFrom, int start, int to, int tries, String cause) {
    int bothPass = 0;
    int worse = 0;
    int better = 0;
    int bothFail = 0;
    for (int c = 0; c < s.caseIds().size(); c++) {
      int beforeDecided = sums.decided(c, beforeFrom, start - 1);
      int afterDecided = sums.decided(c, start, to);
      if (beforeDecided == 0 || afterDecided == 0) {
        continue; // not run on both sides: nothing to pair
      }
      boolean passedBefore = 2 * sums.passed(c, beforeFrom, start - 1) > beforeDecided;
      boolean passesAfter = 2 * sums.passed(c, start, to) > afterDecided;
      if (passedBefore && passesAfter) {
        bothPass++;
      } else if (passedBefore) {
        worse++;
      } else if (passesAfter) {
        better++;
      } else {
        bothFail++;
      }
    }
    double p = Math.min(1, PairedTests.signTestP(worse, better) * tries);
    if (worse == better || p >= alpha) {
      return null;
    }
    int cases = bothPass + worse + better + bothFail;
    PairedDifference diff = PairedDifference.of(bothPass, worse, better, bothFail);
    Series.Point first = s.points().get(start);
    Series.Point reference = s.points().get(start - 1);
    return new Drift(
        s.file(),
        s.model(),
        h.runs().get(first.run()).runId(),
        h.runs().get(reference.run()).runId(),
        worse > better ? "drop" : "rise",
        cases,
        worse,
        better,
        (double) (bothPass + worse) / cases,
        (double) (bothPass + better) / cases,
        new Drift.Difference(diff.estimate(), diff.low(), diff.high()),
        p,
        cause,
        reference.modelVersion(),
        first.modelVersion());
  }
}
