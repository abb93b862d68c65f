package dev.promptcheck.history;

import java.util.List;

/**
 * One prompt file against one model over the runs that ran it, oldest first: per run its figures
 * ({@link Point}), per case and run how many decided trials passed. The arrays are indexed
 * [point][case]; a case absent from a run has {@code decided} 0 there.
 */
// two shorts per case and run: 365 nights × 2,000 cases fit in 3 MB; built once, only read after
@SuppressWarnings("ArrayRecordComponent")
public record Series(
    String file,
    String model,
    List<Point> points,
    List<String> caseIds,
    List<String> labels,
    short[][] passed,
    short[][] decided) {

  public Series {
    points = List.copyOf(points);
    caseIds = List.copyOf(caseIds);
    labels = List.copyOf(labels);
  }

  /**
   * A run of this suite.
   *
   * @param run the run's index in {@link History#runs()}
   * @param contentHash the prompt file's content hash in that run (null when not recorded)
   * @param modelVersion the version the provider reported for most answers (null when none)
   */
  public record Point(
      int run,
      String contentHash,
      String modelVersion,
      int cases,
      int trials,
      int passed,
      int failed,
      int errors,
      double passRate,
      double low,
      double high,
      long inputTokens,
      long outputTokens,
      Double cost,
      long p50LatencyMs,
      long p95LatencyMs) {}

  /** The verdict of case {@code c} in point {@code p}. */
  public Verdict verdict(int p, int c) {
    int d = decided[p][c];
    if (d == 0) {
      return Verdict.ABSENT;
    }
    return 2 * passed[p][c] > d ? Verdict.PASS : Verdict.FAIL;
  }

  /** Whether case {@code c} passed in some repeats of point {@code p} and not in others. */
  public boolean flakyIn(int p, int c) {
    return passed[p][c] > 0 && passed[p][c] < decided[p][c];
  }

  /** A case's verdict in one run: its repeats' majority (a tie is not a pass). */
  public enum Verdict {
    PASS,
    FAIL,
    ABSENT
  }

  /** The suite's key in reports: file × model. */
  public String key() {
    return file + " \u00d7 " + model;
  }
}
