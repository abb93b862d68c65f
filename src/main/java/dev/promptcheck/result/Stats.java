package dev.promptcheck.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Figures for a group of trials: counts, the pass rate over cases (repeats rolled up per case) with
 * its case-level 95% interval ({@link PassRate}), latency percentiles, tokens, cost.
 */
public record Stats(
    int total,
    int passed,
    int failed,
    int errors,
    int skipped,
    int cases,
    double passRate,
    double low,
    double high,
    long p50LatencyMs,
    long p95LatencyMs,
    long inputTokens,
    long outputTokens,
    Double cost) {

  public static Stats of(List<TrialResult> trials) {
    return of(trials, null);
  }

  /**
   * As {@link #of(List)}, the pass rate's interval over the clusters the testData key {@code
   * clusterBy} names (null: every case alone).
   */
  public static Stats of(List<TrialResult> trials, String clusterBy) {
    int pass = 0;
    int fail = 0;
    int error = 0;
    int skipped = 0;
    long in = 0;
    long out = 0;
    double cost = 0;
    boolean anyCost = false;
    long[] latencies = new long[trials.size()];
    int timed = 0;
    for (TrialResult t : trials) {
      switch (t.status()) {
        case PASS -> pass++;
        case FAIL -> fail++;
        case ERROR -> error++;
        case SKIPPED -> skipped++;
      }
      if (t.error() == null) {
        latencies[timed++] = t.latencyMs();
      }
      in += t.inputTokens() == null ? 0 : t.inputTokens();
      out += t.outputTokens() == null ? 0 : t.outputTokens();
      if (t.cost() != null) {
        cost += t.cost();
        anyCost = true;
      }
    }
    PassRate rate =
        PassRate.of(
            CaseOutcome.byModel(trials, clusterBy).values().stream()
                .flatMap(cases -> cases.values().stream())
                .toList());
    Arrays.sort(latencies, 0, timed); // primitive: no boxing of 100,000 longs
    return new Stats(
        trials.size(),
        pass,
        fail,
        error,
        skipped,
        rate.cases(),
        rate.rate(),
        rate.low(),
        rate.high(),
        percentile(latencies, timed, 50),
        percentile(latencies, timed, 95),
        in,
        out,
        anyCost ? cost : null);
  }

  /** Groups trials by a key in first-seen order, e.g. by model or by file × model. */
  public static <K> Map<K, List<TrialResult>> group(
      List<TrialResult> trials, Function<TrialResult, K> key) {
    Map<K, List<TrialResult>> out = new LinkedHashMap<>();
    for (TrialResult t : trials) {
      out.computeIfAbsent(Objects.requireNonNull(key.apply(t)), k -> new ArrayList<>()).add(t);
    }
    return out;
  }

  /** The {@code pct} percentile of the first {@code n} values of {@code sorted}. */
  static long percentile(long[] sorted, int n, int pct) {
    if (n == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(pct / 100.0 * n) - 1;
    return sorted[Math.max(0, Math.min(idx, n - 1))];
  }

  static long percentile(List<Long> sorted, int pct) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int idx = (int) Math.ceil(pct / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
  }

  public static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  /**
   * What an all-pass or all-fail set of cases shows, in words, by the rule of three (Hanley and
   * Lippman-Hand 1983): with no failure in n cases the failure rate is below about 3/n at 95%
   * (one-sided); the exact bound is {@code 1 - 0.05^(1/n)}. "no failure in 40 cases: the failure
   * rate is below 7.5% at 95% (rule of three, 3/40; exact bound 7.2%)". Null when the cases are
   * mixed or none was decided.
   */
  public String ruleOfThree() {
    if (cases == 0 || (passRate != 0 && passRate != 1)) {
      return null;
    }
    boolean allPass = passRate == 1;
    String exact = percent(1 - Math.pow(0.05, 1.0 / cases));
    String rule = percent(Math.min(1, 3.0 / cases));
    String what = allPass ? "the failure rate" : "the pass rate";
    return (allPass ? "no failure in " : "no pass in ")
        + cases
        + (cases == 1 ? " case: " : " cases: ")
        + what
        + " is below "
        + (cases >= 10 ? rule : exact)
        + " at 95% ("
        + (cases >= 10
            ? "rule of three, 3/" + cases + "; exact bound " + exact
            : "exact bound; the rule of three, 3/n, needs 10 cases or more")
        + ")";
  }

  /** Whether nothing failed or broke (skipped trials aside). */
  public boolean allPassed() {
    return failed == 0 && errors == 0;
  }
}
