package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec.Choice;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a judge's final answer among its choices. Judges reason first and may mention every rating
 * and many numbers on the way, so only the end of the reply counts: the last "Answer:" / "Rating:"
 * / "Score:" / "Verdict:" line, else the last non-empty line when it is a choice by itself.
 *
 * <p>The answer is read strictly, since a judge that hedges has not judged: it must start with one
 * choice and name no other ("PASS? no, FAIL", "PASS or FAIL", "4 or 2" are {@link Ambiguous}), and
 * a rating written as a fraction must be out of the scale's top ("5/10" on a 1–5 scale is not a 5).
 */
final class JudgeAnswer {
  private static final Pattern LABELLED =
      Pattern.compile(
          "(?im)^[\\s>*_#-]*(?:final\\s+)?(?:answer|rating|score|verdict|grade|choice|result)\\s*[:=\\-]\\s*(.+?)\\s*$");
  private static final Pattern DECORATION = Pattern.compile("^[*_`\"'\\[(]+|[*_`\"'\\])\\.!]+$");
  private static final Pattern OUT_OF =
      Pattern.compile("^\\s*(?:/|out\\s+of)\\s*(\\d+(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);

  private JudgeAnswer() {}

  /** What the reply's final answer is: one choice, an ambiguous answer, or none. */
  sealed interface Reading permits Chosen, Ambiguous, Missing {}

  record Chosen(Choice choice) implements Reading {}

  /** An answer line that names several choices, or a rating out of another scale. */
  record Ambiguous(String answer, String why) implements Reading {}

  record Missing() implements Reading {}

  static Reading parse(String reply, List<Choice> choices) {
    Matcher m = LABELLED.matcher(reply);
    String labelled = null;
    while (m.find()) {
      labelled = m.group(1);
    }
    if (labelled != null) {
      Reading r = read(labelled, choices);
      if (!(r instanceof Missing)) {
        return r;
      }
    }
    String[] lines = reply.strip().split("\r?\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return read(lines[i], choices);
      }
    }
    return new Missing();
  }

  /**
   * The choice a short answer names: exactly, or first and alone, as in "4/5", "**PASS**", "4 out
   * of 5", "PASS.", "PASS: it names the city".
   */
  private static Reading read(String answer, List<Choice> choices) {
    String a = DECORATION.matcher(answer.strip()).replaceAll("").strip();
    String lower = a.toLowerCase(Locale.ROOT);
    Choice first = null;
    for (Choice c : choices) {
      String ch = c.choice().toLowerCase(Locale.ROOT);
      if (lower.startsWith(ch)
          && (lower.length() == ch.length() || !wordChar(lower.charAt(ch.length())))
          && (first == null || ch.length() > first.choice().length())) {
        first = c;
      }
    }
    if (first == null) {
      return new Missing();
    }
    String rest = lower.substring(first.choice().length());
    Matcher outOf = OUT_OF.matcher(rest);
    if (outOf.find()) {
      String top = topOfScale(choices);
      if (top == null || Double.parseDouble(outOf.group(1)) != Double.parseDouble(top)) {
        return new Ambiguous(
            a,
            "it is out of "
                + outOf.group(1)
                + ", not of the scale's "
                + (top == null ? "choices" : top));
      }
      rest = rest.substring(outOf.end());
    }
    for (Choice c : choices) {
      if (!c.choice().equalsIgnoreCase(first.choice())
          && mentions(rest, c.choice().toLowerCase(Locale.ROOT))) {
        return new Ambiguous(a, "it names both '" + first.choice() + "' and '" + c.choice() + "'");
      }
    }
    return new Chosen(first);
  }

  private static boolean mentions(String text, String choice) {
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(choice) + "(?![\\p{L}\\p{N}])")
        .matcher(text)
        .find();
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** The highest numeric choice (5 of 1–5), or null when the choices are not numbers. */
  private static String topOfScale(List<Choice> choices) {
    String top = null;
    for (Choice c : choices) {
      if (!c.choice().matches("\\d+(\\.\\d+)?")) {
        return null;
      }
      if (top == null || Double.parseDouble(c.choice()) > Double.parseDouble(top)) {
        top = c.choice();
      }
    }
    return top;
  }
}
