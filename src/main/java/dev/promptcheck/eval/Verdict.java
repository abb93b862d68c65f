package dev.promptcheck.eval;

import java.util.List;

/**
 * One evaluator's judgement of one output: the status, a score in 0..1 and a reason a person can
 * act on. The four outcomes are a closed family.
 */
public sealed interface Verdict {
  String name();

  String kind();

  double score();

  String reason();

  Status status();

  record Pass(String name, String kind, double score, String reason) implements Verdict {
    @Override
    public Status status() {
      return Status.PASS;
    }
  }

  record Fail(String name, String kind, double score, String reason) implements Verdict {
    @Override
    public Status status() {
      return Status.FAIL;
    }
  }

  /** The check could not be carried out (judge call failed, regex over budget, bad spec). */
  @SuppressWarnings("JavaLangClash") // always written Verdict.Error, beside Pass, Fail, Skipped
  record Error(String name, String kind, String reason) implements Verdict {
    @Override
    public double score() {
      return 0;
    }

    @Override
    public Status status() {
      return Status.ERROR;
    }
  }

  record Skipped(String name, String kind, String reason) implements Verdict {
    @Override
    public double score() {
      return 0;
    }

    @Override
    public Status status() {
      return Status.SKIPPED;
    }
  }

  /** The name and kind of {@link #nothingChecked()}'s verdict, as reports show it. */
  String NO_EVALUATORS = "no evaluators";

  /**
   * The stand-in verdict of a case that no evaluator checks: skipped, so the case is never counted
   * as passed (gh models eval counts it passed: github/gh-models cmd/eval/eval.go:189-199; see
   * docs/differences.md).
   */
  static Verdict nothingChecked() {
    return new Skipped(
        NO_EVALUATORS,
        "none",
        "not checked: no evaluator applies to this case, so nothing decided whether the answer is"
            + " right; add evaluators to the prompt file");
  }

  static Verdict of(boolean passed, String name, String kind, String reason) {
    return passed ? new Pass(name, kind, 1, reason) : new Fail(name, kind, 0, reason);
  }

  static Verdict restore(Status status, String name, String kind, double score, String reason) {
    return switch (status) {
      case PASS -> new Pass(name, kind, score, reason);
      case FAIL -> new Fail(name, kind, score, reason);
      case ERROR -> new Error(name, kind, reason);
      case SKIPPED -> new Skipped(name, kind, reason);
    };
  }

  /**
   * A case's status from its checks: any failure fails it; otherwise any error makes it an error;
   * otherwise one pass makes it pass. Skipped checks alone never make a case pass: a case whose
   * checks were all skipped is skipped, and so is a case with no checks at all.
   */
  static Status combine(List<Verdict> verdicts) {
    boolean error = false;
    boolean pass = false;
    for (Verdict v : verdicts) {
      switch (v.status()) {
        case FAIL -> {
          return Status.FAIL;
        }
        case ERROR -> error = true;
        case PASS -> pass = true;
        default -> {}
      }
    }
    return error ? Status.ERROR : pass ? Status.PASS : Status.SKIPPED;
  }
}
