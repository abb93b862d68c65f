package dev.promptcheck.support;

/** Text shown in messages and reports. */
public final class Texts {
  private Texts() {}

  /**
   * {@code text} on one line (runs of white space become one space), cut to {@code max} characters
   * with "...".
   */
  public static String oneLine(String text, int max) {
    String one = text.strip().replaceAll("\\s+", " ");
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }
}
