package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.Trials;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * All-pass and all-fail runs say what they show. Expected bounds computed independently with
 * Python: 3 / 40 = 0.075; the exact one-sided 95% bound with no event in n is the p solving (1 -
 * p)^n = 0.05, {@code 1 - 0.05 ** (1 / 40)} = 0.07216, {@code 1 - 0.05 ** (1 / 5)} = 0.45072.
 */
class RuleOfThreeTest {
  private static final String FORTY =
      "no failure in 40 cases: the failure rate is below 7.5% at 95% (rule of three, 3/40; exact"
          + " bound 7.2%)";

  private static RunResult run(String model, int cases, int passes) {
    Trials t = Trials.create();
    for (int i = 0; i < cases; i++) {
      t.add(model, "c" + i, passes, 1);
    }
    return t.run("r");
  }

  @Test
  void fortyOfFortySaysTheFailureRateIsBelowSevenAndAHalfPercent() throws Exception {
    RunResult run = run("openai:m", 40, 1);
    assertThat(Stats.of(run.trials()).ruleOfThree()).isEqualTo(FORTY);

    StringWriter console = new StringWriter();
    ConsoleReport.print(run, Comparison.NONE, new PrintWriter(console));
    assertThat(console.toString()).contains("openai:m: " + FORTY);
    assertThat(MarkdownReport.render(run, Comparison.NONE)).contains("- openai:m: " + FORTY);
    assertThat(HtmlReport.render(run, Comparison.NONE))
        .contains("<div class=\"rule-of-three\">" + HtmlReport.escape(FORTY) + "</div>");
  }

  @Test
  void allFailIsSymmetricAndFewCasesGiveTheExactBound() {
    assertThat(Stats.of(run("m", 40, 0).trials()).ruleOfThree())
        .isEqualTo(
            "no pass in 40 cases: the pass rate is below 7.5% at 95% (rule of three, 3/40; exact"
                + " bound 7.2%)");
    assertThat(Stats.of(run("m", 5, 1).trials()).ruleOfThree())
        .isEqualTo(
            "no failure in 5 cases: the failure rate is below 45.1% at 95% (exact bound; the rule"
                + " of three, 3/n, needs 10 cases or more)");
    Trials mixed = Trials.create().add("m", "c1", 1, 1).add("m", "c2", 0, 1);
    assertThat(Stats.of(mixed.run("r").trials()).ruleOfThree()).isNull();
  }
}
