package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.suite.RenderedMessage;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one trial (prompt file × model × case × repeat): what was sent, what came back,
 * how each check judged it. {@code caseId} is stable across runs (file + case content), so runs can
 * be compared even when cases are reordered. {@code error} is set only for broken calls.
 */
public record TrialResult(
    String trialId,
    String caseId,
    String file,
    String prompt,
    String model,
    int caseIndex,
    String caseLabel,
    int repeat,
    Map<String, String> vars,
    List<RenderedMessage> messages,
    Status status,
    String output,
    List<Verdict> verdicts,
    long latencyMs,
    Integer inputTokens,
    Integer outputTokens,
    Double cost,
    String finishReason,
    String error,
    int attempts,
    boolean replayed) {

  /** The checks that did not pass, for summaries. */
  public List<Verdict> failing() {
    return verdicts.stream()
        .filter(v -> v.status() == Status.FAIL || v.status() == Status.ERROR)
        .toList();
  }

  /** The suite this trial belongs to in reports: one prompt file against one model. */
  public String suiteKey() {
    return file + " \u00d7 " + model;
  }
}
