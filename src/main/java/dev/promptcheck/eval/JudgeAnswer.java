package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec.Choice;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a judge's final answer among its choices. Judges reason first and may mention every rating
 * and many numbers on the way, so only the end of the reply counts: the last "Answer:" / "Rating:"
 * / "Score:" / "Verdict:" line, else the last non-empty line when it is a choice by itself.
 */
final class JudgeAnswer {
  private static final Pattern LABELLED =
      Pattern.compile(
          "(?im)^[\\s>*_#-]*(?:final\\s+)?(?:answer|rating|score|verdict|grade|choice|result)\\s*[:=\\-]\\s*(.+?)\\s*$");

  private JudgeAnswer() {}

  static Optional<Choice> parse(String reply, List<Choice> choices) {
    Matcher m = LABELLED.matcher(reply);
    String labelled = null;
    while (m.find()) {
      labelled = m.group(1);
    }
    if (labelled != null) {
      Optional<Choice> c = match(labelled, choices);
      if (c.isPresent()) {
        return c;
      }
    }
    String[] lines = reply.strip().split("\r?\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return match(lines[i], choices);
      }
    }
    return Optional.empty();
  }

  /** The choice a short answer names: exactly, or as "4/5", "**PASS**", "4 out of 5", "PASS." */
  private static Optional<Choice> match(String answer, List<Choice> choices) {
    String a = answer.strip().replaceAll("^[*_`\"'\\[(]+|[*_`\"'\\])\\.!]+$", "").strip();
    String lower = a.toLowerCase(Locale.ROOT);
    for (Choice c : choices) {
      if (lower.equals(c.choice().toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    for (Choice c : choices) {
      String ch = Pattern.quote(c.choice().toLowerCase(Locale.ROOT));
      if (lower.matches(ch + "(\\s*(/|out of)\\s*\\d+)?\\b.{0,40}")) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
