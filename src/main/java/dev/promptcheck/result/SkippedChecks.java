package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The checks of a run that could not run (no judge, python, no cost data), counted with their
 * reasons: a skipped check is never a pass, so the console and summary.md say how many and why.
 *
 * @param checks skipped checks over every trial
 * @param cases trials whose every check was skipped (status {@code skipped})
 * @param reasons each distinct reason with how many checks it skipped, most frequent first
 */
public record SkippedChecks(int checks, int cases, Map<String, Integer> reasons) {

  public static SkippedChecks of(List<TrialResult> trials) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int checks = 0;
    int cases = 0;
    for (TrialResult t : trials) {
      if (t.status() == Status.SKIPPED) {
        cases++;
      }
      for (Verdict v : t.verdicts()) {
        if (v.status() == Status.SKIPPED) {
          checks++;
          counts.merge(v.reason(), 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new SkippedChecks(checks, cases, sorted);
  }

  public boolean any() {
    return checks > 0;
  }

  /**
   * One line: "3 checks skipped (1 case had only skipped checks, not counted as passed): no judge
   * model configured: pass --judge provider:model (2); python cannot run here (1)".
   */
  public String describe() {
    return checks
        + (checks == 1 ? " check" : " checks")
        + " skipped"
        + (cases == 0
            ? ""
            : " ("
                + cases
                + (cases == 1 ? " case" : " cases")
                + " had only skipped checks, not counted as passed)")
        + ": "
        + reasons.entrySet().stream()
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .collect(Collectors.joining("; "));
  }
}
