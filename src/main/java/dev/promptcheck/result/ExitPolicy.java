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
 */
public record ExitPolicy(FailOn failOn, Double minPassRate, Gate gate) {

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

  public ExitPolicy {
    if (failOn == null || gate == null) {
      throw new IllegalArgumentException("failOn and gate are required");
    }
    if (minPassRate != null && !(minPassRate >= 0 && minPassRate <= 1)) {
      throw new IllegalArgumentException("minPassRate must be between 0 and 1: " + minPassRate);
    }
  }

  /** The exit code of {@code run}, gated against the baseline through {@code comparison}. */
  public int exitCode(RunResult run, Comparison comparison) {
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
            minPassRate != null ? shortfalls(run).isEmpty() : Stats.of(run.trials()).allPassed();
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
    List<String> out = new ArrayList<>();
    if (minPassRate == null) {
      return out;
    }
    for (Map.Entry<String, List<TrialResult>> e :
        Stats.group(run.trials(), TrialResult::model).entrySet()) {
      Stats s = Stats.of(e.getValue());
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

  /** The exit code of a comparison alone ({@code compare A B}): 1 when B regressed, unless NONE. */
  public int exitCode(Comparison comparison) {
    return failOn != FailOn.NONE && !comparison.regressions().isEmpty()
        ? ExitCode.FAILURES
        : ExitCode.PASSED;
  }
}
