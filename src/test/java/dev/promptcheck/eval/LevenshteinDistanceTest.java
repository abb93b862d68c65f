package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The banded distance against the textbook full-matrix recurrence, written out separately. */
class LevenshteinDistanceTest {

  @Test
  void knownPairs() {
    assertThat(LevenshteinKind.distance("kitten", "sitting", 10)).isEqualTo(3);
    assertThat(LevenshteinKind.distance("flaw", "lawn", 10)).isEqualTo(2);
    assertThat(LevenshteinKind.distance("", "abc", 10)).isEqualTo(3);
    assertThat(LevenshteinKind.distance("same", "same", 0)).isZero();
    // one emoji is one edit (code points, not UTF-16 units)
    assertThat(LevenshteinKind.distance("ok 👍", "ok 👎", 5)).isEqualTo(1);
    // beyond the limit the answer is limit + 1, however far
    assertThat(LevenshteinKind.distance("a".repeat(10_000), "b".repeat(10_000), 3)).isEqualTo(4);
  }

  @Test
  void bandedDistanceAgreesWithTheFullMatrixOnRandomStrings() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 2_000; round++) {
      String a = randomText(random);
      String b = random.nextBoolean() ? mutate(a, random) : randomText(random);
      int limit = random.nextInt(8);
      int full = fullMatrix(a, b);
      int expected = Math.min(full, limit + 1);
      assertThat(LevenshteinKind.distance(a, b, limit))
          .as("'%s' vs '%s' limit %d (full %d)", a, b, limit, full)
          .isEqualTo(expected);
    }
  }

  private static int fullMatrix(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int sub = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + sub);
      }
    }
    return d[a.length()][b.length()];
  }

  private static String randomText(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + random.nextInt(3)));
    }
    return s.toString();
  }

  private static String mutate(String a, SplittableRandom random) {
    StringBuilder s = new StringBuilder(a);
    int edits = random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = s.length() == 0 ? 0 : random.nextInt(s.length());
      switch (random.nextInt(3)) {
        case 0 -> s.insert(at, (char) ('a' + random.nextInt(3)));
        case 1 -> {
          if (s.length() > 0) {
            s.deleteCharAt(at);
          }
        }
        default -> {
          if (s.length() > 0) {
            s.setCharAt(at, (char) ('a' + random.nextInt(3)));
          }
        }
      }
    }
    return s.toString();
  }
}
