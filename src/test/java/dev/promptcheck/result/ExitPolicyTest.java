package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.eval.Status;
import dev.promptcheck.report.SampleRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitPolicyTest {
  private static final RunResult ALL_PASS =
      SampleRuns.of(
          List.of(
              SampleRuns.trial("c1", "openai:a", Status.PASS, "answer", null, 10),
              SampleRuns.trial("c2", "openai:a", Status.PASS, "answer", null, 10)));
  private static final RunResult HALF_PASS =
      SampleRuns.of(
          List.of(
              SampleRuns.trial("c1", "openai:a", Status.PASS, "answer", null, 10),
              SampleRuns.trial("c2", "openai:a", Status.FAIL, "sorry", null, 10)));

  @Test
  void failuresGateOnEveryCaseOrOnTheMinimumPassRate() {
    assertThat(ExitPolicy.DEFAULT.exitCode(ALL_PASS, Comparison.NONE)).isEqualTo(ExitCode.PASSED);
    assertThat(ExitPolicy.DEFAULT.exitCode(HALF_PASS, Comparison.NONE))
        .isEqualTo(ExitCode.FAILURES);
    ExitPolicy half = new ExitPolicy(ExitPolicy.FailOn.FAILURES, 0.5);
    assertThat(half.exitCode(HALF_PASS, Comparison.NONE)).isEqualTo(ExitCode.PASSED);
    ExitPolicy most = new ExitPolicy(ExitPolicy.FailOn.FAILURES, 0.75);
    assertThat(most.exitCode(HALF_PASS, Comparison.NONE)).isEqualTo(ExitCode.FAILURES);
  }

  @Test
  void regressionsGateOnlyOnTheComparison() {
    ExitPolicy policy = new ExitPolicy(ExitPolicy.FailOn.REGRESSIONS, null);
    Comparison regressed = Comparison.of(ALL_PASS, HALF_PASS);
    assertThat(regressed.regressions()).hasSize(1);
    assertThat(policy.exitCode(HALF_PASS, regressed)).isEqualTo(ExitCode.FAILURES);
    assertThat(policy.exitCode(HALF_PASS, Comparison.of(HALF_PASS, HALF_PASS)))
        .isEqualTo(ExitCode.PASSED);
    assertThat(new ExitPolicy(ExitPolicy.FailOn.NONE, null).exitCode(regressed))
        .isEqualTo(ExitCode.PASSED);
    assertThat(policy.exitCode(regressed)).isEqualTo(ExitCode.FAILURES);
  }

  @Test
  void aRunThatCouldNotCompleteIsThreeWhateverElseHolds() {
    RunResult allBroken =
        SampleRuns.of(
            List.of(SampleRuns.trial("c1", "openai:a", Status.ERROR, null, "HTTP 401", 0)));
    RunResult stopped =
        new RunResult(
            ALL_PASS.runId(),
            ALL_PASS.toolVersion(),
            ALL_PASS.startedAt(),
            ALL_PASS.finishedAt(),
            ALL_PASS.commandLine(),
            ALL_PASS.models(),
            null,
            ALL_PASS.suites(),
            ALL_PASS.trials(),
            "openai:a unreachable",
            List.of(),
            List.of(),
            null);
    for (ExitPolicy.FailOn f : ExitPolicy.FailOn.values()) {
      ExitPolicy p = new ExitPolicy(f, null);
      assertThat(p.exitCode(allBroken, Comparison.NONE)).isEqualTo(ExitCode.INCOMPLETE);
      assertThat(p.exitCode(stopped, Comparison.NONE)).isEqualTo(ExitCode.INCOMPLETE);
    }
  }

  @Test
  void badSettingsAreRefusedWithTheFlagsName() {
    assertThat(ExitPolicy.FailOn.parse("Regressions")).isEqualTo(ExitPolicy.FailOn.REGRESSIONS);
    assertThatThrownBy(() -> ExitPolicy.FailOn.parse("errors"))
        .hasMessage(
            "--fail-on must be failures, regressions, skipped, drift or none, not 'errors'");
    assertThatThrownBy(() -> new ExitPolicy(ExitPolicy.FailOn.FAILURES, 80.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
