package dev.promptcheck.history;

import java.util.Locale;

/**
 * A significant change in one suite's pass rate, paired on its cases: from {@code run} on (the
 * first run after the change), the cases' verdicts differ from those before in one direction more
 * than chance explains.
 *
 * @param file the prompt file
 * @param model the model
 * @param run the id of the first run that shows the change
 * @param since the id of the last run before it (the reference)
 * @param direction {@code drop} or {@code rise}
 * @param cases the cases paired (run on both sides)
 * @param worse cases that passed before and fail after
 * @param better cases that failed before and pass after
 * @param before the paired cases' pass rate before
 * @param after the paired cases' pass rate after
 * @param difference after minus before, with its 95% interval for paired data
 * @param p the exact paired (sign) test's two-sided p, adjusted for the runs where the change could
 *     have started when the start was searched for
 * @param cause {@code prompt} when the prompt file's content changed where the change starts, else
 *     {@code model}
 * @param modelVersionBefore the version the provider reported before (null when not reported)
 * @param modelVersionAfter the version reported after
 */
public record Drift(
    String file,
    String model,
    String run,
    String since,
    String direction,
    int cases,
    int worse,
    int better,
    double before,
    double after,
    Difference difference,
    double p,
    String cause,
    String modelVersionBefore,
    String modelVersionAfter) {

  /** A difference of two rates with its interval. */
  public record Difference(double estimate, double low, double high) {}

  /** Whether the provider reported another model version after the change than before. */
  public boolean modelVersionChanged() {
    return modelVersionAfter != null && !modelVersionAfter.equals(modelVersionBefore);
  }

  /** One line for the console and the step summary. */
  public String describe() {
    String size =
        String.format(
            Locale.ROOT,
            "%+.0f points [%+.0f, %+.0f]",
            100 * difference.estimate(),
            100 * difference.low(),
            100 * difference.high());
    String why =
        cause.equals("prompt")
            ? "the prompt file changed in that run"
            : modelVersionChanged()
                ? "same prompt; the provider reported "
                    + modelVersionAfter
                    + (modelVersionBefore == null ? "" : " (was " + modelVersionBefore + ")")
                : "same prompt, same reported model version";
    return String.format(
        Locale.ROOT,
        "%s %s × %s from run %s: %.0f%% → %.0f%% of %d paired cases (%s, p=%.3g; %d worse, %d"
            + " better); cause: %s (%s)",
        direction,
        file,
        model,
        run,
        100 * before,
        100 * after,
        cases,
        size,
        p,
        worse,
        better,
        cause,
        why);
  }
}
