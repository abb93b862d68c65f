package dev.promptcheck.history;

import java.time.Instant;
import java.util.List;

/**
 * What the index holds, read back for the trend page and drift detection: the runs oldest first and
 * one {@link Series} per prompt file × model.
 */
public record History(List<Run> runs, List<Series> series) {
  public History {
    runs = List.copyOf(runs);
    series = List.copyOf(series);
  }

  /** An indexed run. */
  public record Run(
      String key,
      String runId,
      Instant startedAt,
      String toolVersion,
      String commit,
      String branch,
      String incomplete,
      String source) {}
}
