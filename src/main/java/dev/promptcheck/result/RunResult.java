package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole run: its trials and facts about it. {@code incomplete} names why the run stopped short (a
 * provider unreachable), null when it ran to the end.
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
    String incomplete) {

  /** What a report shows about a prompt file. */
  public record SuiteInfo(
      String file, String name, String description, Map<String, Object> metadata) {}

  public long count(Status status) {
    return trials.stream().filter(t -> t.status() == status).count();
  }
}
