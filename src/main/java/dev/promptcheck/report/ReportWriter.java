package dev.promptcheck.report;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import java.io.IOException;
import java.nio.file.Path;

/** Writes one kind of report for a run into its folder. Every writer writes atomically. */
public interface ReportWriter {
  /** The {@code --format} name: json, junit, md, html. */
  String format();

  /**
   * Writes from statistics shared with the run's other reports.
   *
   * @return the file written
   */
  Path write(RunSummary run, Comparison comparison, Path dir) throws IOException;

  /**
   * @return the file written
   */
  default Path write(RunResult run, Comparison comparison, Path dir) throws IOException {
    return write(RunSummary.of(run), comparison, dir);
  }
}
