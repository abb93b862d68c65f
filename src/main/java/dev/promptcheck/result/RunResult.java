package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole run: its trials and facts about it. {@code incomplete} names why the run stopped short (a
 * provider unreachable), null when it ran to the end. {@code refused} lists the files that were
 * given but could not run (a located error in them): every report shows them, and the exit code is
 * 2 (DESIGN §4).
 */
public record RunResult(
    String runId,
    String toolVersion,
    Instant startedAt,
    Instant finishedAt,
    List<String> commandLine,
    List<String> models,
    String judge,
    List<SuiteInfo> suites,
    List<TrialResult> trials,
    String incomplete,
    List<RefusedFile> refused) {

  public RunResult {
    refused = refused == null ? List.of() : List.copyOf(refused);
  }

  /** A run in which every given file ran. */
  public RunResult(
      String runId,
      String toolVersion,
      Instant startedAt,
      Instant finishedAt,
      List<String> commandLine,
      List<String> models,
      String judge,
      List<SuiteInfo> suites,
      List<TrialResult> trials,
      String incomplete) {
    this(
        runId,
        toolVersion,
        startedAt,
        finishedAt,
        commandLine,
        models,
        judge,
        suites,
        trials,
        incomplete,
        List.of());
  }

  /**
   * A file that did not run, with its errors as {@code line:col: message [code]}.
   *
   * @param file as the reports show it (relative to the run's working directory)
   */
  public record RefusedFile(String file, List<String> errors) {
    public RefusedFile {
      errors = List.copyOf(errors);
    }

    /** The first error, for one-line summaries. */
    public String firstError() {
      return errors.isEmpty() ? "refused" : errors.get(0);
    }
  }

  /** What a report shows about a prompt file. */
  public record SuiteInfo(
      String file, String name, String description, Map<String, Object> metadata) {}

  public long count(Status status) {
    return trials.stream().filter(t -> t.status() == status).count();
  }
}
