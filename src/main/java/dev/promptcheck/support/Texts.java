package dev.promptcheck.support;

import java.util.Map;
import java.util.stream.Collectors;

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
  public static String counts(Map<String, ? extends Number> byName) {
    return byName.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** The ellipsis that marks text cut for a narrow terminal: one column. */
  public static final String ELLIPSIS = "\u2026";

  /**
   * The columns {@code text} takes on a terminal: colour codes ({@code ESC [ ... m}) none,
   * combining marks and zero-width characters none, East Asian wide characters and emoji two,
   * others one.
   */
  public static int columns(String text) {
    int cols = 0;
    for (int i = 0; i < text.length(); ) {
      int skip = escapeLength(text, i);
      if (skip > 0) {
        i += skip;
        continue;
      }
      int cp = text.codePointAt(i);
      cols += columns(cp);
      i += Character.charCount(cp);
    }
    return cols;
  }

  /**
   * The length of the longest start of {@code text} that takes at most {@code cols} columns, never
   * cutting a colour code or a surrogate pair.
   */
  public static int fitting(String text, int cols) {
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      int skip = escapeLength(text, i);
      if (skip > 0) {
        i += skip;
        continue;
      }
      int cp = text.codePointAt(i);
      int w = columns(cp);
      if (used + w > cols) {
        break;
      }
      used += w;
      i += Character.charCount(cp);
    }
    return i;
  }

  /**
   * {@code text} in at most {@code cols} columns: its end kept and the start replaced by an
   * ellipsis, as git and cargo shorten a path (the file's name is the part a reader needs).
   */
  public static String shortenStart(String text, int cols) {
    if (columns(text) <= cols) {
      return text;
    }
    if (cols < 1) {
      return "";
    }
    // the shortest end that fits in cols - 1, found from the right
    int start = text.length();
    int used = 0;
    while (start > 0) {
      int cp = text.codePointBefore(start);
      int w = columns(cp);
      if (used + w > cols - 1) {
        break;
      }
      used += w;
      start -= Character.charCount(cp);
    }
    return ELLIPSIS + text.substring(start);
  }

  /**
   * A path in at most {@code cols} columns: its folders go first, from the start ({@code
   * \u2026/escalations/refunds.prompt.yml}, as git and cargo shorten a path); when its file name
   * alone is too long, the name is cut in its middle, keeping more of its start, which tells one
   * file from another, than of its end ({@code python_perf\u2026t.yaml}).
   */
  public static String shortenPath(String path, int cols) {
    if (columns(path) <= cols) {
      return path;
    }
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    if (slash >= 0 && columns(name) + 1 <= cols) {
      return shortenStart(path, cols);
    }
    if (cols < 3) {
      return shortenStart(name, cols);
    }
    int head = fitting(name, 2 * (cols - 1) / 3);
    return name.substring(0, head)
        + shortenStart(name.substring(head), cols - columns(name.substring(0, head)));
  }

  /**
   * {@code text} in at most {@code cols} columns: both ends kept and the middle replaced by an
   * ellipsis ({@code openai:gpt-4o-mi\u2026-07-18}), for names whose start and end both tell.
   */
  public static String shortenMiddle(String text, int cols) {
    if (columns(text) <= cols) {
      return text;
    }
    if (cols < 3) {
      return shortenStart(text, cols);
    }
    int head = fitting(text, (cols - 1) / 2);
    String tail = shortenStart(text.substring(head), cols - columns(text.substring(0, head)));
    return text.substring(0, head) + tail;
  }

  /** The length of the colour code starting at {@code i}, or 0 when none starts there. */
  private static int escapeLength(String text, int i) {
    if (text.charAt(i) != '\u001b' || i + 1 >= text.length() || text.charAt(i + 1) != '[') {
      return 0;
    }
    int j = i + 2;
    while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == ';')) {
      j++;
    }
    return j < text.length() && Character.isLetter(text.charAt(j)) ? j + 1 - i : 0;
  }

  private static int columns(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || cp == 0x200B) {
      return 0;
    }
    boolean wide =
        (cp >= 0x1100 && cp <= 0x115F)
            || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFE30 && cp <= 0xFE4F)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x1F300 && cp <= 0x1F64F)
            || (cp >= 0x1F900 && cp <= 0x1F9FF)
            || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
  }
}
