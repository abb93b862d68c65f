package dev.promptcheck.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Unicode's Emoji property (Java 17 has none), plus the joiners and modifiers emoji sequences use.
 */
public final class Emoji {
  private static final int[][] RANGES = load();

  private Emoji() {}

  public static boolean isEmoji(int cp) {
    int lo = 0;
    int hi = RANGES.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (cp < RANGES[mid][0]) {
        hi = mid - 1;
      } else if (cp > RANGES[mid][1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * Emoji, the text/emoji variation selectors, zero-width joiner, skin-tone modifiers, tag
   * characters.
   */
  public static boolean isEmojiPart(int cp) {
    return isEmoji(cp)
        || cp == 0xFE0E
        || cp == 0xFE0F
        || cp == 0x200D
        || (cp >= 0x1F3FB && cp <= 0x1F3FF)
        || (cp >= 0xE0020 && cp <= 0xE007F)
        || cp == 0x20E3;
  }

  private static int[][] load() {
    List<int[]> out = new ArrayList<>();
    try (var in = Emoji.class.getResourceAsStream("emoji-ranges.txt");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\.\\.");
        out.add(new int[] {Integer.parseInt(parts[0], 16), Integer.parseInt(parts[1], 16)});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toArray(new int[0][]);
  }
}
