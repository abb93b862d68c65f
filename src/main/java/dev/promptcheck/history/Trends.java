package dev.promptcheck.history;

import java.util.ArrayList;
import java.util.List;

/**
 * What the heat map shows of a series: the cases that flipped between consecutive runs that ran
 * them, those flaky (passing in some repeats of a run and not others, or flipping more than once in
 * the window), and those failing in each of the last {@code k} runs. Cases that always passed are
 * left out: the page shows what changed, not all 2,000 cases.
 */
public record Trends(List<CaseTrend> cases) {
  public Trends {
    cases = List.copyOf(cases);
  }

  /** A case's line of the heat map. */
  public record CaseTrend(
      int index, String caseId, String label, List<Integer> flips, boolean flaky, boolean failing) {
    public CaseTrend {
      flips = List.copyOf(flips);
    }
  }

  /** The cases worth showing in the last {@code window} points of {@code s}. */
  public static Trends of(Series s, int window, int failingFor) {
    int points = s.points().size();
    int from = Math.max(0, points - window);
    List<CaseTrend> out = new ArrayList<>();
    for (int c = 0; c < s.caseIds().size(); c++) {
      List<Integer> flips = new ArrayList<>();
      boolean split = false;
      Series.Verdict previous = Series.Verdict.ABSENT;
      for (int p = from; p < points; p++) {
        Series.Verdict v = s.verdict(p, c);
        split |= s.flakyIn(p, c);
        if (v == Series.Verdict.ABSENT) {
          continue;
        }
        if (previous != Series.Verdict.ABSENT && v != previous) {
          flips.add(p); // the point where the case's verdict changed
        }
        previous = v;
      }
      int failed = 0;
      for (int p = points - 1; p >= 0 && s.verdict(p, c) == Series.Verdict.FAIL; p--) {
        failed++;
      }
      boolean failing = failed >= Math.min(failingFor, points);
      boolean flaky = split || flips.size() > 1;
      if (!flips.isEmpty() || flaky || failing) {
        out.add(new CaseTrend(c, s.caseIds().get(c), s.labels().get(c), flips, flaky, failing));
      }
    }
    return new Trends(out);
  }
}
