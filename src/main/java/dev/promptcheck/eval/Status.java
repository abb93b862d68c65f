package dev.promptcheck.eval;

import java.util.Locale;

/** How a check, a case or a trial ended. A failed check and a broken call are never the same. */
public enum Status {
  PASS,
  FAIL,
  ERROR,
  SKIPPED;

  // made once: every trial's JSON and every report line asks for it
  private final String id = name().toLowerCase(Locale.ROOT);

  public String id() {
    return id;
  }

  public static Status parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
