package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * With {@code --repeat}, a case × model that passed in some repeats and failed or broke in others
 * is flaky.
 */
public record Flakiness(String file, String caseLabel, String model, int passed, int runs) {

  public static List<Flakiness> of(RunResult run) {
    List<Flakiness> out = new ArrayList<>();
    Map<String, List<TrialResult>> byCase =
        Stats.group(run.trials(), t -> t.caseId() + "|" + t.model());
    for (List<TrialResult> repeats : byCase.values()) {
      if (repeats.size() < 2) {
        continue;
      }
      boolean passed = repeats.stream().anyMatch(t -> t.status() == Status.PASS);
      boolean notPassed =
          repeats.stream().anyMatch(t -> t.status() == Status.FAIL || t.status() == Status.ERROR);
      if (passed && notPassed) {
        TrialResult first = repeats.get(0);
        int passes = (int) repeats.stream().filter(t -> t.status() == Status.PASS).count();
        out.add(
            new Flakiness(first.file(), first.caseLabel(), first.model(), passes, repeats.size()));
      }
    }
    return out;
  }

  public String describe() {
    return file
        + " "
        + caseLabel
        + " ["
        + model
        + "]: passed "
        + passed
        + " of "
        + runs
        + " repeats";
  }
}
