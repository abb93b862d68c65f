package dev.promptcheck.eval;

import java.util.Locale;

/** Helpers that make failure reasons specific: the nearest output line and where it differs. */
final class Explain {
  private Explain() {}

  static String quote(String s, int max) {
    String one = s.replace("\n", "\\n");
    return "'" + (one.length() <= max ? one : one.substring(0, max - 3) + "...") + "'";
  }

  /** The output line sharing the most words with {@code wanted} (the regex's literal text). */
  static String nearestLine(String output, String wanted) {
    String[] words = wanted.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    String best = null;
    int bestScore = 0;
    for (String line : output.split("\n")) {
      String l = line.toLowerCase(Locale.ROOT);
      int score = 0;
      for (String w : words) {
        if (w.length() > 1 && l.contains(w)) {
          score += w.length();
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = line.strip();
      }
    }
    return best;
  }

  /**
   * The literal characters of a pattern: escapes resolved, metacharacters dropped. Rough, for
   * hints.
   */
  static String literalOf(String pattern) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        char n = pattern.charAt(++i);
        if ("dDwWsSbBAzZ".indexOf(n) < 0) {
          sb.append(n);
        }
      } else if ("^$.*+?()[]{}|".indexOf(c) < 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Where {@code line} first departs from {@code expected}, in code points with names, e.g. "after
   * '## ⏱' the pattern expects U+FE0F VARIATION SELECTOR-16 where the output has U+0020 SPACE".
   */
  static String firstDifference(String expected, String line) {
    int[] e = expected.codePoints().toArray();
    int[] o = line.codePoints().toArray();
    int i = 0;
    while (i < e.length && i < o.length && e[i] == o[i]) {
      i++;
    }
    if (i == e.length || i < 2) {
      return null; // no shared start: the line is a weak match and a code-point diff would mislead
    }
    String before = new String(e, 0, i);
    String want = describe(e[i]);
    String got = i < o.length ? describe(o[i]) : "the end of the line";
    return "after "
        + quote(before, 40)
        + " the pattern expects "
        + want
        + " where the output has "
        + got;
  }

  static String describe(int cp) {
    String name = Character.getName(cp);
    return String.format("U+%04X %s", cp, name == null ? "" : name);
  }
}
