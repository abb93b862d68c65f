package dev.promptcheck.eval;

import java.util.Locale;

/** How a check, a case or a trial ended. A failed check and a broken call are never the same. */
public enum Status {
  PASS,
  FAIL,
  ERROR,
  SKIPPED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Status parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
