package dev.promptcheck.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What turns a finished run into an exit code (docs/architecture.md §5), the most severe applying:
 * a run that could not complete is 3 whatever else holds; a refused file makes it 2 (after the
 * valid files ran); otherwise {@link FailOn} says whether failures, regressions, skipped checks or
 * nothing makes it 1.
 *
 * @param minPassRate with {@link FailOn#FAILURES}: the run passes when every model's case-level
 *     pass rate reaches this (0..1); null means every case must pass
 * @param gate which figure of the pass rate {@code minPassRate} is held against
 * @param regressions with {@link FailOn#REGRESSIONS}: what against the baseline fails the run
 */
public record ExitPolicy(FailOn failOn, Double minPassRate, Gate gate, Regressions regressions) {

  /**
   * What {@code --fail-on regressions} gates on: any case that fell from pass to fail ({@code any},
   * the default), or only a model whose paired drop against the baseline is significant ({@code
   * significant}: the paired exact test of {@link HeadToHead}, by its adjusted p when the models
   * are corrected as a family, below alpha). One flipped case of 200 is noise a nightly job should
   * not page anyone for; a drop the test can tell from noise is not.
   */
  public enum Regressions {
    ANY,
    SIGNIFICANT;

    /** Parses {@code any} or {@code significant}. */
    public static Regressions parse(String text) {
      for (Regressions r : values()) {
        if (r.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "--regressions must be any or significant, not '" + text + "'");
    }

    /** The id on the command line: any, significant. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Which figure of a model's pass rate {@code --min-pass-rate} is held against: the point estimate
   * (today's rule), or the lower end of its 95% interval over cases ({@link PassRate}), so a model
   * passes only when the suite shows, not merely suggests, that it reaches the minimum: 37 of 40
   * cases (92.5%, interval 80.1% to 97.4%) reaches 85% by the point and misses it by the bound.
   */
  public enum Gate {
    POINT,
    LOWER_BOUND;

    /** Parses {@code point} or {@code lower-bound}. */
    public static Gate parse(String text) {
      for (Gate g : values()) {
        if (g.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return g;
        }
      }
      throw new IllegalArgumentException("--gate must be point or lower-bound, not '" + text + "'");
    }

    /** The id on the command line: point, lower-bound. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What makes a completed run fail. */
  public enum FailOn {
    FAILURES,
    REGRESSIONS,
    /** As {@link #FAILURES}, and any check that could not run (skipped) also fails the run. */
    SKIPPED,
    /**
     * Exit 1 on a significant drop against the run history ({@code run --history}); the run's own
     * failures do not gate, and the history is judged by the command, not by this policy.
     */
    DRIFT,
    NONE;

    /** Parses {@code failures}, {@code regressions}, {@code skipped} or {@code none}. */
    public static FailOn parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--fail-on must be failures, regressions, skipped, drift or none, not '" + text + "'",
            e);
      }
    }
  }

  public static final ExitPolicy DEFAULT = new ExitPolicy(FailOn.FAILURES, null);

  /** Gating on the point estimate. */
  public ExitPolicy(FailOn failOn, Double minPassRate) {
    this(failOn, minPassRate, Gate.POINT);
  }

  /** Any regressed case gates. */
  public ExitPolicy(FailOn failOn, Double minPassRate, Gate gate) {
    this(failOn, minPassRate, gate, Regressions.ANY);
  }

  public ExitPolicy {
    if (failOn == null || gate == null || regressions == null) {
      throw new IllegalArgumentException("failOn, gate and regressions are required");
    }
    if (minPassRate != null && !(minPassRate >= 0 && minPassRate <= 1)) {
      throw new IllegalArgumentException("minPassRate must be between 0 and 1: " + minPassRate);
    }
  }

  /** The exit code of {@code run}, gated against the baseline through {@code comparison}. */
  public int exitCode(RunResult run, Comparison comparison) {
    return exitCode(run, comparison, null);
  }

  /**
   * As {@link #exitCode(RunResult, Comparison)}, each pass rate's interval over the clusters the
   * testData key {@code clusterBy} names ({@code --gate lower-bound} reads it).
   */
  public int exitCode(RunResult run, Comparison comparison, String clusterBy) {
    if (run.incomplete() != null || run.trials().stream().allMatch(t -> t.error() != null)) {
      return ExitCode.INCOMPLETE;
    }
    if (!run.refused().isEmpty()) {
      return ExitCode.INVALID_INPUT;
    }
    return switch (failOn) {
      case NONE, DRIFT -> ExitCode.PASSED;
      case REGRESSIONS -> exitCode(comparison);
      case FAILURES, SKIPPED -> {
        boolean passed =
            minPassRate != null
                ? shortfalls(run, clusterBy).isEmpty()
                : Stats.of(run.trials()).allPassed();
        if (failOn == FailOn.SKIPPED && SkippedChecks.of(run.trials()).any()) {
          passed = false;
        }
        yield passed ? ExitCode.PASSED : ExitCode.FAILURES;
      }
    };
  }

  /**
   * With {@code --min-pass-rate}: one line for each model whose pass rate over cases fell short,
   * naming it; empty when every model reached it (or no minimum is set).
   */
  public List<String> shortfalls(RunResult run) {
    return shortfalls(run, null);
  }

  /** As {@link #shortfalls(RunResult)}, the intervals over {@code clusterBy}'s clusters. */
  public List<String> shortfalls(RunResult run, String clusterBy) {
    List<String> out = new ArrayList<>();
    if (minPassRate == null) {
      return out;
    }
    for (Map.Entry<String, List<TrialResult>> e :
        Stats.group(run.trials(), TrialResult::model).entrySet()) {
      Stats s = Stats.of(e.getValue(), clusterBy);
      if (gate == Gate.LOWER_BOUND) {
        if (s.low() < minPassRate) {
          out.add(
              e.getKey()
                  + ": pass rate "
                  + Stats.percent(s.passRate())
                  + " over "
                  + s.cases()
                  + (s.cases() == 1 ? " case" : " cases")
                  + ", 95% interval "
                  + Stats.percent(s.low())
                  + "\u2013"
                  + Stats.percent(s.high())
                  + ": its lower bound is below --min-pass-rate "
                  + Stats.percent(minPassRate));
        }
      } else if (s.passRate() < minPassRate) {
        out.add(
            e.getKey()
                + ": pass rate "
                + Stats.percent(s.passRate())
                + " over "
                + s.cases()
                + " cases is below --min-pass-rate "
                + Stats.percent(minPassRate));
      }
    }
    return out;
  }

  /**
   * The exit code of a comparison alone ({@code compare A B}): 1 when B regressed (with {@link
   * Regressions#SIGNIFICANT}: when a model's paired drop is significant), unless NONE.
   */
  public int exitCode(Comparison comparison) {
    if (failOn == FailOn.NONE) {
      return ExitCode.PASSED;
    }
    boolean regressed =
        regressions == Regressions.ANY
            ? !comparison.regressions().isEmpty()
            : !significantDrops(comparison).isEmpty();
    return regressed ? ExitCode.FAILURES : ExitCode.PASSED;
  }

  /**
   * The models whose paired comparison with the baseline names the baseline the better one: worse
   * on more cases than better, with the (adjusted) p below alpha.
   */
  public static List<Comparison.ModelPair> significantDrops(Comparison comparison) {
    List<Comparison.ModelPair> out = new ArrayList<>();
    for (Comparison.ModelPair p : comparison.models()) {
      HeadToHead h = p.headToHead();
      if (h != null && h.significant() && h.better().equals(h.a())) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * With {@code --fail-on regressions} against a baseline: the rule that gated and what it found,
   * in one line for the console and summary.md ("Gate: significant drops only ..."); null when no
   * regression gate applies.
   */
  public String regressionGate(Comparison comparison) {
    if (failOn != FailOn.REGRESSIONS || !comparison.present()) {
      return null;
    }
    int flipped = comparison.regressions().size();
    String cases = flipped + (flipped == 1 ? " case" : " cases");
    if (regressions == Regressions.ANY) {
      return "Gate: any regressed case (--regressions any): "
          + (flipped == 0 ? "no case regressed" : cases + " regressed, so the run fails");
    }
    HeadToHead any =
        comparison.models().stream()
            .map(Comparison.ModelPair::headToHead)
            .filter(h -> h != null && h.cases() > 0)
            .findFirst()
            .orElse(null);
    String p =
        any != null && any.adjusted()
            ? any.adjustment().label() + "-adjusted p (" + any.family() + " models)"
            : "p";
    String rule =
        "Gate: significant drops only (--regressions significant): a model fails when its paired"
            + " drop against the baseline has "
            + p
            + " < "
            + HeadToHead.pNumber(comparison.alpha());
    List<Comparison.ModelPair> drops = significantDrops(comparison);
    if (drops.isEmpty()) {
      return rule
          + "; no model's drop is significant"
          + (flipped == 0 ? "" : " (" + cases + " regressed, which alone do not gate)");
    }
    List<String> named = new ArrayList<>();
    for (Comparison.ModelPair d : drops) {
      HeadToHead h = d.headToHead();
      named.add(
          d.name()
              + " dropped (worse on "
              + (h.aBetter() == 1 ? "1 case" : h.aBetter() + " cases")
              + ", better on "
              + h.bBetter()
              + "; "
              + (h.adjusted() ? h.adjustment().label() + "-adjusted " : "")
              + HeadToHead.pText(h.pAdjusted())
              + ")");
    }
    return rule + "; " + String.join(", ", named) + ", so the run fails";
  }
}
