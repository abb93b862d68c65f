package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cases grouped by a testData key ({@code --cluster-by topic}): the pass rate's interval uses the
 * cluster-robust (CR0) effective n, and the paired test counts clusters, not cases.
 *
 * <p>Expected values computed independently in Python 3 with SciPy 1.17.1: the CR0 variance of the
 * mean {@code sum_g (sum_{i in g} (y_i - p))^2 / n^2}, the effective n {@code p(1-p) / var}, the
 * Wilson interval from its formula (and {@code binomtest(5, 8).proportion_ci(method='wilson')} =
 * (0.305742, 0.863156) where the effective n is a whole 8), {@code binomtest(0, 3).pvalue} = 0.25,
 * {@code binomtest(0, 15).pvalue} = 6.103515625e-05, and Newcombe/Zou-Donner's combination of the
 * two Wilson intervals with r = 0: (-0.694258, -0.121237).
 */
class ClusteredStatisticsTest {
  private static final String KEY = "topic";

  /** 40 cases in 8 topics of 5: a passes every case, b fails every case of topics 0, 1 and 2. */
  private static RunResult topics() {
    Trials t = Trials.create();
    for (int c = 0; c < 40; c++) {
      Map<String, String> vars = Map.of(KEY, "t" + c / 5);
      t.add("a", "c" + c, 1, 1, vars);
      t.add("b", "c" + c, c / 5 < 3 ? 0 : 1, 1, vars);
    }
    return t.run("r");
  }

  @Test
  void casesThatFailTogetherCountAsTheirClusterInThePassRate() {
    Map<String, Map<String, CaseOutcome>> cases = CaseOutcome.byModel(topics().trials(), KEY);
    PassRate clustered = PassRate.of(cases.get("b").values());
    // homogeneous topics: the effective n is the 8 topics, so Wilson of 5 of 8
    assertThat(clustered.rate()).isEqualTo(0.625);
    assertThat(clustered.low()).isCloseTo(0.3057423946026273, within(1e-12));
    assertThat(clustered.high()).isCloseTo(0.8631557141764027, within(1e-12));
    PassRate alone = PassRate.of(CaseOutcome.byModel(topics().trials()).get("b").values());
    assertThat(alone.low()).isGreaterThan(0.45); // Wilson over 40 cases: far narrower
  }

  @Test
  void aMixedClusterGivesAFractionalEffectiveN() {
    // 12 cases in 4 topics: A pass pass pass, B pass pass pass, C fail fail fail, D pass pass fail
    String[] pattern = {"A111", "B111", "C000", "D110"};
    Trials t = Trials.create();
    for (String g : pattern) {
      for (int i = 0; i < 3; i++) {
        t.add("m", g.charAt(0) + "" + i, g.charAt(1 + i) - '0', 1, Map.of(KEY, g.substring(0, 1)));
      }
    }
    PassRate r = PassRate.of(CaseOutcome.byModel(t.list(), KEY).get("m").values());
    // p = 2/3, effective n = 5.333..., Wilson at that n
    assertThat(r.rate()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(r.low()).isCloseTo(0.28397257629517836, within(1e-12));
    assertThat(r.high()).isCloseTo(0.909795058756629, within(1e-12));
  }

  @Test
  void thePairedTestCountsClustersNotCases() {
    RunResult run = topics();
    HeadToHead byCase = HeadToHead.pairs(run, 0.05).get(0);
    assertThat(byCase.aBetter()).isEqualTo(15);
    assertThat(byCase.pValue()).isCloseTo(6.103515625e-05, within(1e-15));
    assertThat(byCase.significant()).isTrue();
    assertThat(byCase.clusters()).isZero();

    Map<String, Map<String, CaseOutcome>> cases = CaseOutcome.byModel(run.trials(), KEY);
    HeadToHead byTopic = HeadToHead.of("a", cases.get("a"), "b", cases.get("b"), 0.05, null);
    assertThat(byTopic.cases()).isEqualTo(40);
    assertThat(byTopic.clusters()).isEqualTo(8);
    assertThat(byTopic.aBetter()).isEqualTo(3);
    assertThat(byTopic.bBetter()).isZero();
    assertThat(byTopic.ties()).isEqualTo(5);
    assertThat(byTopic.test()).isEqualTo("exact sign test over clusters");
    assertThat(byTopic.pValue()).isEqualTo(0.25);
    assertThat(byTopic.significant()).isFalse();
    assertThat(byTopic.difference().estimate()).isEqualTo(-0.375);
    assertThat(byTopic.difference().low()).isCloseTo(-0.6942576053973727, within(1e-12));
    assertThat(byTopic.difference().high()).isCloseTo(-0.12123694281623898, within(1e-12));
    assertThat(byTopic.sentence())
        .startsWith(
            "cannot tell a from b on 40 cases in 8 clusters (a better on 3, worse on 0; exact sign"
                + " test over clusters p = 0.25)")
        .contains("clusters would be needed to detect a difference this size");
  }

  @Test
  void withoutTheKeyEachCaseStandsAlone() {
    Map<String, Map<String, CaseOutcome>> cases =
        CaseOutcome.byModel(topics().trials(), "no such key");
    HeadToHead h = HeadToHead.of("a", cases.get("a"), "b", cases.get("b"), 0.05, null);
    assertThat(h.clusters()).isZero();
    assertThat(h.test()).isEqualTo("exact McNemar");
    assertThat(h.aBetter()).isEqualTo(15);
  }
}
