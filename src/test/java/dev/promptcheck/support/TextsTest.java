package dev.promptcheck.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void anEmojiAtTheCutIsDroppedWholeNeverHalved() {
    String text = "abcd\uD83D\uDCBBefgh"; // abcd💻efgh: the emoji is chars 4 and 5
    for (int max = 2; max < text.length(); max++) {
      String cut = Texts.truncate(text, max, "…");
      assertThat(wellFormed(cut)).as("max %d gives %s", max, cut).isTrue();
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      assertThat(cut).endsWith("…");
    }
    assertThat(Texts.truncate(text, 6, "…")).isEqualTo("abcd…");
    assertThat(Texts.truncate(text, 7, "…")).isEqualTo("abcd\uD83D\uDCBB…");
  }

  @Test
  void shortTextIsKeptAsIs() {
    assertThat(Texts.truncate("abc", 3, "...")).isEqualTo("abc");
    assertThat(Texts.truncate(null, 3, "...")).isNull();
    assertThat(Texts.oneLine("  a\n\n b  ", 10)).isEqualTo("a b");
    assertThat(Texts.oneLine("x".repeat(9) + "\uD83D\uDE00", 10)).isEqualTo("xxxxxxx...");
  }

  @Test
  void oneLineNeverEndsInHalfAnEmoji() {
    String text = "ab" + "\uD83D\uDE00".repeat(10);
    for (int max = 4; max < 20; max++) {
      assertThat(wellFormed(Texts.oneLine(text, max))).as("max %d", max).isTrue();
    }
  }
}
