package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** junit.xml's times are written without String.format: the same text as {@code %.3f}. */
class JunitSecondsTest {
  @Test
  void secondsAreWhatPercentThreeFGives() {
    Random random = new Random(7);
    long[] edges = {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 59_999, 999_999_999_999L, -1, -1500};
    for (long ms : edges) {
      assertThat(JunitReport.seconds(ms)).isEqualTo(String.format(Locale.ROOT, "%.3f", ms / 1e3));
    }
    for (int i = 0; i < 200_000; i++) {
      long ms = i < 100_000 ? i : (random.nextLong() >>> 1) % 1_000_000_000_000L;
      assertThat(JunitReport.seconds(ms)).isEqualTo(String.format(Locale.ROOT, "%.3f", ms / 1e3));
    }
  }
}
