package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.support.Texts;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Lines fitted to a width: broken at spaces, indented, colour codes and wide characters counted.
 */
class WrappingWriterTest {
  @Test
  void aLongLineBreaksAtSpacesWithItsContinuationIndentedTwoPastItsOwn() {
    assertThat(WrappingWriter.wrap("    one two three four five six", 16))
        .containsExactly("    one two", "      three four", "      five six");
  }

  @Test
  void aWordWiderThanTheLineIsCutAndAShortLineIsLeftAlone() {
    assertThat(WrappingWriter.wrap("ab abcdefghijklmnopqrstuvwxyz", 20))
        .containsExactly("ab", "  abcdefghijklmnopqr", "  stuvwxyz");
    assertThat(WrappingWriter.wrap("  short  gaps  kept", 20))
        .containsExactly("  short  gaps  kept");
  }

  @Test
  void colourCodesTakeNoColumnsAndWideCharactersTwo() {
    String red = "\u001b[31mFAIL\u001b[0m";
    assertThat(Texts.columns(red)).isEqualTo(4);
    assertThat(Texts.columns("日本語")).isEqualTo(6);
    assertThat(WrappingWriter.wrap(red + " " + "x".repeat(15), 20))
        .containsExactly(red + " " + "x".repeat(15));
    assertThat(Texts.shortenStart("日本語のファイル.yml", 9)).isEqualTo("\u2026イル.yml");
    assertThat(Texts.columns(Texts.shortenStart("日本語のファイル.yml", 9))).isLessThanOrEqualTo(9);
    assertThat(Texts.shortenMiddle("openai:gpt-4o-mini-2024-07-18", 15))
        .isEqualTo("openai:\u20264-07-18");
  }

  @Test
  void aPathLosesItsFoldersFirstThenTheMiddleOfItsName() {
    assertThat(Texts.shortenPath("prompts/escalations/refunds.prompt.yml", 30))
        .isEqualTo("\u2026scalations/refunds.prompt.yml");
    assertThat(Texts.shortenPath("prompts/python_performance_optimization.prompt.yaml", 18))
        .isEqualTo("python_perf\u2026t.yaml");
    assertThat(Texts.shortenPath("short.yml", 18)).isEqualTo("short.yml");
  }

  @Test
  void theWriterPassesWholeLinesOn() {
    StringWriter sink = new StringWriter();
    PrintWriter out = new PrintWriter(new WrappingWriter(sink, 20));
    out.print("alpha beta gamma delta");
    out.println(" epsilon");
    out.flush();
    assertThat(sink.toString().lines()).containsExactly("alpha beta gamma", "  delta epsilon");
  }
}
