package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * {@code --gate lower-bound}: {@code --min-pass-rate} held against the lower end of the pass rate's
 * 95% Wilson interval over cases instead of the point estimate.
 *
 * <p>The Wilson intervals below were computed independently with SciPy 1.17.1: {@code
 * scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson')} gives 37/40:
 * (0.801358, 0.974164); 39/40: (0.871186, 0.995573).
 */
class LowerBoundGateTest {

  /** {@code passing} of {@code cases} cases pass, once each. */
  private static RunResult run(String model, int passing, int cases) {
    Trials t = Trials.create();
    for (int i = 0; i < cases; i++) {
      t.add(model, "c" + i, i < passing ? 1 : 0, 1);
    }
    return t.run("r");
  }

  @Test
  void thePointReachesTheMinimumWhereTheLowerBoundDoesNot() {
    RunResult r = run("openai:m", 37, 40); // 92.5%, 95% interval 80.1%-97.4%
    Stats s = Stats.of(r.trials());
    assertThat(s.low()).isCloseTo(0.801358, Offset.offset(5e-6));
    assertThat(s.high()).isCloseTo(0.974164, Offset.offset(5e-6));

    ExitPolicy point = new ExitPolicy(ExitPolicy.FailOn.FAILURES, 0.85, ExitPolicy.Gate.POINT);
    ExitPolicy bound =
        new ExitPolicy(ExitPolicy.FailOn.FAILURES, 0.85, ExitPolicy.Gate.LOWER_BOUND);

    assertThat(point.exitCode(r, Comparison.NONE)).isEqualTo(ExitCode.PASSED);
    assertThat(point.shortfalls(r)).isEmpty();
    assertThat(bound.exitCode(r, Comparison.NONE)).isEqualTo(ExitCode.FAILURES);
    assertThat(bound.shortfalls(r))
        .containsExactly(
            "openai:m: pass rate 92.5% over 40 cases, 95% interval 80.1%\u201397.4%: its lower"
                + " bound is below --min-pass-rate 85.0%");
  }

  @Test
  void aLowerBoundAboveTheMinimumPasses() {
    RunResult r = run("openai:m", 39, 40); // 97.5%, interval 87.1%-99.6%
    ExitPolicy bound =
        new ExitPolicy(ExitPolicy.FailOn.FAILURES, 0.85, ExitPolicy.Gate.LOWER_BOUND);
    assertThat(bound.exitCode(r, Comparison.NONE)).isEqualTo(ExitCode.PASSED);
    assertThat(bound.shortfalls(r)).isEmpty();
  }

  @Test
  void eachModelIsHeldToItsOwnBound() {
    Trials t = Trials.create();
    for (int i = 0; i < 40; i++) {
      t.add("openai:strong", "c" + i, i < 39 ? 1 : 0, 1);
      t.add("openai:weak", "c" + i, i < 37 ? 1 : 0, 1);
    }
    List<String> shortfalls =
        new ExitPolicy(ExitPolicy.FailOn.FAILURES, 0.85, ExitPolicy.Gate.LOWER_BOUND)
            .shortfalls(t.run("r"));
    assertThat(shortfalls).hasSize(1);
    assertThat(shortfalls.get(0)).startsWith("openai:weak: pass rate 92.5%");
  }

  @Test
  void theGateIsParsedByItsCommandLineName() {
    assertThat(ExitPolicy.Gate.parse("Lower-Bound")).isEqualTo(ExitPolicy.Gate.LOWER_BOUND);
    assertThat(ExitPolicy.Gate.POINT.id()).isEqualTo("point");
    assertThatThrownBy(() -> ExitPolicy.Gate.parse("lower"))
        .hasMessage("--gate must be point or lower-bound, not 'lower'");
  }
}
