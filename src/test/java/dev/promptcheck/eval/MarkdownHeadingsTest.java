package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The heading parser's shortcuts (a split without a regular expression, patterns tried only on
 * lines that can match) against the plain version, on random Markdown-like texts.
 */
class MarkdownHeadingsTest {
  private static final Pattern ATX =
      Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final String[] PIECES = {
    "\n", "\r\n", "\r", " ", "  ", "\t", "#", "## ", "=", "-", "```", "~~~", "`", "~", "a", "Title",
    "> q", "- item", "|x|", "* y", "#x"
  };

  @Test
  void sameHeadingsAsThePlainParser() {
    SplittableRandom random = new SplittableRandom(12);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int parts = random.nextInt(40);
      for (int i = 0; i < parts; i++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String text = sb.toString();
      assertThat(MarkdownHeadings.lines(text)).containsExactly(text.split("\r?\n", -1));
      assertThat(MarkdownHeadings.parse(text)).as(text).isEqualTo(plain(text));
    }
  }

  /** The parser as it was, every pattern on every line. */
  private static List<MarkdownHeadings.Heading> plain(String markdown) {
    List<MarkdownHeadings.Heading> out = new ArrayList<>();
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
            new MarkdownHeadings.Heading(
                atx.group(1).length(), atx.group(2) == null ? "" : atx.group(2).strip(), i + 1));
        continue;
      }
      if (i > 0 && SETEXT.matcher(line).matches() && paragraph(lines[i - 1])) {
        int level = line.strip().charAt(0) == '=' ? 1 : 2;
        out.add(new MarkdownHeadings.Heading(level, lines[i - 1].strip(), i));
      }
    }
    return out;
  }

  private static boolean paragraph(String previous) {
    String p = previous.strip();
    return !p.isEmpty()
        && !p.startsWith("#")
        && !p.startsWith(">")
        && !p.startsWith("- ")
        && !p.startsWith("* ")
        && !p.startsWith("|")
        && !ATX.matcher(previous).matches();
  }
}
