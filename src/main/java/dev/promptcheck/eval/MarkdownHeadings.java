package dev.promptcheck.eval;

import dev.promptcheck.suite.Emoji;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headings of a Markdown text: ATX ({@code ## x}) and setext (underlined), outside code fences.
 */
final class MarkdownHeadings {
  private static final Pattern ATX =
      Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NUMBERING =
      Pattern.compile("^(?:\\d+(?:\\.\\d+)*[.):]?|[ivx]+[.)]|step \\d+[:.]?)\\s+");

  record Heading(int level, String text, int line) {
    String shown() {
      return "#".repeat(level) + " " + text;
    }
  }

  private MarkdownHeadings() {}

  static List<Heading> parse(String markdown) {
    List<Heading> out = new ArrayList<>();
    String[] lines = lines(markdown);
    String fence = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      // each pattern starts with up to three spaces and one given character: lines that cannot
      // match (most of them) skip the regular expressions
      char first = firstAfterIndent(line);
      Matcher f = first == '`' || first == '~' ? FENCE.matcher(line) : null;
      if (f != null && f.find()) {
        String marker = f.group(1);
        if (fence == null) {
          fence = marker;
        } else if (marker.charAt(0) == fence.charAt(0)
            && marker.length() >= fence.length()
            && line.strip().equals(marker.strip())) {
          fence = null;
        }
        continue;
      }
      if (fence != null) {
        continue;
      }
      Matcher atx = first == '#' ? ATX.matcher(line) : null;
      if (atx != null && atx.matches()) {
        out.add(
            new Heading(
                atx.group(1).length(), atx.group(2) == null ? "" : atx.group(2).strip(), i + 1));
        continue;
      }
      if (i > 0
          && (first == '=' || first == '-')
          && SETEXT.matcher(line).matches()
          && isParagraphLine(lines[i - 1])) {
        int level = line.strip().charAt(0) == '=' ? 1 : 2;
        out.add(new Heading(level, lines[i - 1].strip(), i));
      }
    }
    return out;
  }

  /** {@code text.split("\\r?\\n", -1)}, without a regular expression. */
  static String[] lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
      out.add(text.substring(start, end));
      start = nl + 1;
    }
    out.add(text.substring(start));
    return out.toArray(new String[0]);
  }

  /** The character after at most three leading spaces, or 0 at the end of the line. */
  private static char firstAfterIndent(String line) {
    int i = 0;
    while (i < 3 && i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i < line.length() ? line.charAt(i) : 0;
  }

  private static boolean isParagraphLine(String previous) {
    String p = previous.strip();
    return !p.isEmpty()
        && !p.startsWith("#")
        && !p.startsWith(">")
        && !p.startsWith("- ")
        && !p.startsWith("* ")
        && !p.startsWith("|")
        && !ATX.matcher(previous).matches();
  }

  /**
   * Heading text for comparison: emoji, variation selectors, punctuation, symbols, Markdown
   * emphasis, leading numbering, case and spacing all folded away.
   */
  static String fold(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder();
    t.codePoints()
        .forEach(
            cp -> {
              if (Emoji.isEmojiPart(cp)) {
                sb.append(' ');
              } else if (Character.isLetterOrDigit(cp)) {
                sb.appendCodePoint(Character.toLowerCase(cp));
              } else {
                sb.append(' ');
              }
            });
    String folded = SPACES.matcher(sb.toString().strip()).replaceAll(" ");
    return NUMBERING.matcher(folded).replaceFirst("");
  }

  /**
   * The headings a system prompt prescribes: those after its last "Markdown structure" / "output
   * format" instruction, including headings inside a fenced template block. Empty if it prescribes
   * none.
   */
  static List<Heading> prescribed(String systemPrompt) {
    Pattern marker =
        Pattern.compile(
            "(?i)(markdown structure|output format|following (format|structure|sections|template)"
                + "|use this (format|structure|template)|response format|structure your (response|answer|output))");
    String[] lines = systemPrompt.split("\r?\n", -1);
    int start = -1;
    for (int i = 0; i < lines.length; i++) {
      if (marker.matcher(lines[i]).find() && !ATX.matcher(lines[i]).matches()) {
        start = i;
      }
    }
    if (start < 0) {
      return List.of();
    }
    String tail = String.join("\n", Arrays.copyOfRange(lines, start + 1, lines.length));
    List<Heading> headings = parse(tail);
    if (headings.isEmpty()) {
      // the template itself may be fenced (```markdown): read it with the fence lines removed
      headings = parse(tail.replaceAll("(?m)^ {0,3}(```|~~~).*$", ""));
    }
    return headings.stream().filter(h -> !fold(h.text()).isEmpty()).toList();
  }
}
