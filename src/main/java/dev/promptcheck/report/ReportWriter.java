package dev.promptcheck.report;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import java.io.IOException;
import java.nio.file.Path;

/** Writes one kind of report for a run into its folder. Every writer writes atomically. */
public interface ReportWriter {
  /** The {@code --format} name: json, junit, md, html. */
  String format();

  /**
   * @return the file written
   */
  Path write(RunResult run, Comparison comparison, Path dir) throws IOException;
}
