package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Flakiness;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlakinessTest {
  private static TrialResult repeat(String caseId, Status s, int r) {
    return SampleRuns.asRepeat(
        SampleRuns.trial(caseId, "openai:a", s, "x", s == Status.ERROR ? "boom" : null, 10), r);
  }

  @Test
  void aCaseThatBothPassedAndFailedAcrossRepeatsIsFlaky() {
    RunResult run =
        SampleRuns.of(
            List.of(
                repeat("steady", Status.PASS, 0),
                repeat("steady", Status.PASS, 1),
                repeat("flaky", Status.PASS, 0),
                repeat("flaky", Status.FAIL, 1),
                repeat("flaky", Status.PASS, 2),
                repeat("broken", Status.FAIL, 0),
                repeat("broken", Status.ERROR, 1)));
    List<Flakiness> flaky = Flakiness.of(run);
    assertThat(flaky).extracting(Flakiness::caseLabel).containsExactly("case flaky");
    assertThat(flaky.get(0).describe()).endsWith("passed 2 of 3 repeats");
    assertThat(MarkdownReport.render(run, Comparison.NONE))
        .contains("### Flaky cases", "case flaky [openai:a]: passed 2 of 3");
  }
}
