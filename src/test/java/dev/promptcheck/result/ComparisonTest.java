package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.promptcheck.eval.Status;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** A run against a baseline, case by case: pairing, regressions by majority, flaky apart. */
class ComparisonTest {
  private static final ExitPolicy ON_REGRESSIONS =
      new ExitPolicy(ExitPolicy.FailOn.REGRESSIONS, null);

  /** A flaky model: each case passes in some repeats, and which repeats differs from run to run. */
  private static RunResult flaky(String runId, int shift) {
    Trials t = Trials.create();
    for (int c = 0; c < 9; c++) {
      for (int r = 0; r < 5; r++) {
        t.add("m", "c" + c, r, (r + c + shift) % 3 == 0 ? Status.FAIL : Status.PASS);
      }
    }
    return t.run(runId);
  }

  @Test
  void aFlakyModelComparedWithItselfHasNoRegressionsAndItsFlakyCasesAreListedApart() {
    RunResult before = flaky("before", 0);
    RunResult after = flaky("after", 1);

    Comparison c = Comparison.of(before, after);

    assertThat(c.regressions()).isEmpty();
    assertThat(c.fixes()).isEmpty();
    assertThat(c.flaky()).hasSize(9);
    assertThat(c.flaky().get(0).before().rollup()).isEqualTo("3/5");
    assertThat(c.added()).isEmpty();
    assertThat(c.removed()).isEmpty();
    assertThat(ON_REGRESSIONS.exitCode(after, c)).isEqualTo(ExitCode.PASSED);
    Comparison.ModelPair m = c.models().get(0);
    assertThat(m.headToHead().test()).isEqualTo("exact sign test");
    assertThat(m.headToHead().significant()).isFalse();
  }

  @Test
  void aCaseRegressesWhenItFallsFromMajorityPassToMajorityFailOnSteadySides() {
    Trials before = Trials.create().add("m", "steady", 5, 5).add("m", "wobbly", 4, 5);
    before.add("m", "once", 0, Status.PASS).add("m", "broke", 0, Status.PASS);
    before.add("m", "fixed", 0, Status.FAIL);
    Trials after = Trials.create().add("m", "steady", 0, 5).add("m", "wobbly", 1, 5);
    after.add("m", "once", 0, Status.FAIL).add("m", "broke", 0, Status.ERROR);
    after.add("m", "fixed", 0, Status.PASS).add("m", "new", 0, Status.PASS);

    Comparison c = Comparison.of(before.run("a"), after.run("b"));

    assertThat(c.regressions())
        .extracting(Comparison.Change::caseId)
        .containsExactly("steady", "once", "broke");
    assertThat(c.regressions().get(0).before().describe()).isEqualTo("5/5");
    assertThat(c.regressions().get(0).after().describe()).isEqualTo("0/5");
    assertThat(c.regressions().get(1).before().describe()).isEqualTo("pass");
    assertThat(c.regressions().get(1).reason()).isEqualTo("check: missing 'x'");
    assertThat(c.regressions().get(2).reason()).isEqualTo("HTTP 500");
    assertThat(c.fixes()).extracting(Comparison.Change::caseId).containsExactly("fixed");
    assertThat(c.flaky()).extracting(Comparison.Change::caseId).containsExactly("wobbly");
    assertThat(c.added()).extracting(Comparison.Change::caseId).containsExactly("new");
    assertThat(ON_REGRESSIONS.exitCode(after.run("b"), c)).isEqualTo(ExitCode.FAILURES);
  }

  @Test
  void twoRunsOfOneModelEachArePairedEvenWhenTheNamesDifferAndSaySo() {
    // 50 cases; the new model passes the old one's 40 and 6 of its failures: exact McNemar 2/2^6
    Trials old = Trials.create();
    Trials now = Trials.create();
    for (int i = 0; i < 50; i++) {
      old.add("gpt-4o-mini", "c" + i, i < 40 ? 1 : 0, 1);
      now.add("gpt-4.1", "c" + i, i < 46 ? 1 : 0, 1);
    }

    Comparison c = Comparison.of(old.run("v1"), now.run("v2"));

    assertThat(c.added()).isEmpty();
    assertThat(c.removed()).isEmpty();
    assertThat(c.fixes()).hasSize(6);
    assertThat(c.models()).hasSize(1);
    Comparison.ModelPair p = c.models().get(0);
    assertThat(p.before()).isEqualTo("gpt-4o-mini");
    assertThat(p.after()).isEqualTo("gpt-4.1");
    assertThat(p.beforeRate().rate()).isCloseTo(0.8, within(1e-12));
    assertThat(p.afterRate().rate()).isCloseTo(0.92, within(1e-12));
    assertThat(p.headToHead().pValue()).isCloseTo(0.03125, within(1e-12));
    assertThat(p.headToHead().sentence())
        .isEqualTo(
            "gpt-4.1 beats gpt-4o-mini: better on 6 cases, worse on 0 (exact McNemar p = 0.031);"
                + " gpt-4.1 passes 12.0 points more cases than gpt-4o-mini (95% interval +2.0 to"
                + " +23.4) [different models paired: each run has exactly one (gpt-4o-mini in v1,"
                + " gpt-4.1 in v2)]");
  }

  @Test
  void aModelOnOneSideOnlyIsAbsentThereNotZeroPercent() {
    Trials old = Trials.create().add("a", "c1", 1, 1).add("b", "c1", 1, 1);
    Trials now = Trials.create().add("a", "c1", 1, 1).add("c", "c1", 0, 1);

    Comparison c = Comparison.of(old.run("x"), now.run("y"));

    assertThat(c.models())
        .extracting(Comparison.ModelPair::before, Comparison.ModelPair::after)
        .containsExactly(Tuple.tuple("a", "a"), Tuple.tuple(null, "c"), Tuple.tuple("b", null));
    assertThat(c.models().get(1).beforeRate()).isNull();
    assertThat(c.models().get(1).headToHead()).isNull();
    assertThat(c.models().get(2).afterRate()).isNull();
    assertThat(c.models().get(0).headToHead().a()).isEqualTo("a (x)");
    assertThat(c.models().get(0).headToHead().b()).isEqualTo("a (y)");
    assertThat(c.added()).isEmpty();
    assertThat(c.removed()).isEmpty();
  }

  @Test
  void everyPairOfModelsInARunIsComparedOnTheSameCases() {
    Trials t = Trials.paired("x", "y", 36, 1, 20, 11, 0);
    for (int i = 0; i < 36; i++) {
      t.add("z", "c" + i, i < 31 ? 1 : 0, 1);
    }

    List<HeadToHead> pairs = HeadToHead.pairs(t.run("r"), 0.05);

    assertThat(pairs).extracting(HeadToHead::a).containsExactly("x", "x", "y");
    assertThat(pairs).extracting(HeadToHead::b).containsExactly("y", "z", "z");
    // three pairs, Holm: p = (0.000977, 1, 0.000977) sorted and multiplied by 3, 2, 1, then made
    // non-decreasing: 0.00293, 0.00293, 1 (R: p.adjust(c(2^-10, 1, 2^-10), "holm"))
    assertThat(pairs.get(0).pAdjusted()).isCloseTo(3 * Math.pow(2, -10), within(1e-12));
    assertThat(pairs.get(1).pAdjusted()).isEqualTo(1.0);
    assertThat(pairs.get(2).pAdjusted()).isCloseTo(3 * Math.pow(2, -10), within(1e-12));
    assertThat(pairs).allSatisfy(h -> assertThat(h.family()).isEqualTo(3));
    assertThat(pairs.get(0).sentence())
        .isEqualTo(
            "x beats y: better on 11 cases, worse on 0 (exact McNemar p = 0.001, Holm-adjusted for"
                + " 3 comparisons p = 0.003); x passes 30.6 points more cases than y (95% interval"
                + " +13.9 to +45.5)");
    assertThat(pairs.get(1).pValue()).isEqualTo(1.0);
    assertThat(pairs.get(2).better()).isEqualTo("z");
    Trials apart = Trials.create().add("x", "c1", 1, 1).add("y", "c2", 0, 1);
    assertThat(HeadToHead.pairs(apart.run("r"), 0.05)).isEmpty();
  }

  @Test
  void aPairWithNoDifferenceSaysWhyInPlainWords() {
    Trials same = Trials.create().add("x", "c1", 1, 1).add("y", "c1", 1, 1);
    Trials balanced =
        Trials.create()
            .add("x", "c1", 1, 1)
            .add("y", "c1", 0, 1)
            .add("x", "c2", 0, 1)
            .add("y", "c2", 1, 1);

    assertThat(HeadToHead.pairs(same.run("r"), 0.05).get(0).sentence())
        .endsWith("; they differ on no case, so there is no difference to size");
    assertThat(HeadToHead.pairs(balanced.run("r"), 0.05).get(0).sentence())
        .endsWith(
            "; each is better on as many cases as the other, so there is no difference to size");
  }

  @Test
  void minPassRateAppliesToEachModelAndNamesTheOneThatFellShort() {
    Trials t = Trials.create();
    for (int i = 0; i < 4; i++) {
      t.add("strong", "c" + i, 1, 1);
      t.add("weak", "c" + i, i < 2 ? 1 : 0, 1);
    }
    RunResult run = t.run("r");
    ExitPolicy policy = new ExitPolicy(ExitPolicy.FailOn.FAILURES, 0.7);

    // over all 8 cases the rate is 75%, above the minimum; the weak model alone is at 50%
    assertThat(policy.exitCode(run, Comparison.NONE)).isEqualTo(ExitCode.FAILURES);
    assertThat(policy.shortfalls(run))
        .containsExactly("weak: pass rate 50.0% over 4 cases is below --min-pass-rate 70.0%");
  }
}
