package dev.promptcheck.support;

/** Text shown in messages and reports. */
public final class Texts {
  private Texts() {}

  /**
   * {@code text} on one line (runs of white space become one space), cut to {@code max} characters
   * with "...".
   */
  public static String oneLine(String text, int max) {
    return truncate(text.strip().replaceAll("\\s+", " "), max, "...");
  }

  /**
   * {@code text} when it has at most {@code max} chars, else its start followed by {@code marker},
   * {@code max} chars in all. The one place text is cut for display: it never cuts between the two
   * halves of a surrogate pair, so an emoji at the cut is dropped whole, not left as a broken half
   * that XML writers refuse and browsers show as U+FFFD.
   */
  public static String truncate(String text, int max, String marker) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int cut = Math.max(0, max - marker.length());
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + marker;
  }

  /**
   * {@code text} safe for a terminal or Markdown: control characters (ESC, BEL, C1), and the
   * invisible bidirectional controls that reorder what a reader sees (U+202A-U+202E, U+2066-U+2069,
   * U+200E, U+200F, U+061C), are shown escaped as {@code \u001b}; tab and line breaks stay.
   */
  public static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hidden =
          (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
              || (c >= 0x7F && c <= 0x9F)
              || (c >= 0x202A && c <= 0x202E)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0x200E
              || c == 0x200F
              || c == 0x061C;
      if (hidden && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (hidden) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  /**
   * {@code 1 file}, {@code 2 files}: a count with its noun, singular or plural as English has it.
   */
  public static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /**
   * Counts by name as a reader writes them ({@code fragile-emoji 2, bad-role 1}), not as a Java map
   * prints itself ({@code {fragile-emoji=2}}).
   */
  public static String counts(java.util.Map<String, ? extends Number> byName) {
    return byName.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
