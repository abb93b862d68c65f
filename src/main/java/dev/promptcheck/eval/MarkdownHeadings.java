package dev.promptcheck.eval;

import dev.promptcheck.suite.Emoji;
import java.text.Normalizer;
import java.util.ArrayList;
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
    String[] lines = markdown.split("\r?\n", -1);
    String fence = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher f = FENCE.matcher(line);
      if (f.find()) {
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
      Matcher atx = ATX.matcher(line);
      if (atx.matches()) {
        out.add(
            new Heading(
                atx.group(1).length(), atx.group(2) == null ? "" : atx.group(2).strip(), i + 1));
        continue;
      }
      if (i > 0 && SETEXT.matcher(line).matches() && isParagraphLine(lines[i - 1])) {
        int level = line.strip().charAt(0) == '=' ? 1 : 2;
        out.add(new Heading(level, lines[i - 1].strip(), i));
      }
    }
    return out;
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
    String folded = sb.toString().strip().replaceAll("\\s+", " ");
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
    String tail = String.join("\n", java.util.Arrays.copyOfRange(lines, start + 1, lines.length));
    List<Heading> headings = parse(tail);
    if (headings.isEmpty()) {
      // the template itself may be fenced (```markdown): read it with the fence lines removed
      headings = parse(tail.replaceAll("(?m)^ {0,3}(```|~~~).*$", ""));
    }
    return headings.stream().filter(h -> !fold(h.text()).isEmpty()).toList();
  }
}
