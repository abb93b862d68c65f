package dev.promptcheck.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets split across the writes of a streamed file are scrubbed as in a whole string. */
class ScrubbingWriterTest {
  private static final List<String> SECRETS = List.of("sk-live-0123456789abcdef", "hunter2hunter2");

  @Test
  void aSecretIsReplacedWhereverTheWritesCutIt() throws Exception {
    String text =
        "lorem sk-live-0123456789abcdef ipsum hunter2hunter2 ".repeat(3000)
            + "tail sk-live-0123456789abcdef";
    String expected = Secrets.scrub(text, SECRETS);
    assertThat(expected).doesNotContain("sk-live", "hunter2");
    for (int piece : new int[] {1, 7, 23, 4096, 65_537, text.length()}) {
      StringWriter sink = new StringWriter();
      try (ScrubbingWriter w = new ScrubbingWriter(sink, SECRETS)) {
        for (int i = 0; i < text.length(); i += piece) {
          w.write(text, i, Math.min(piece, text.length() - i));
        }
      }
      assertThat(sink.toString()).as("pieces of %d", piece).isEqualTo(expected);
    }
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    StringWriter sink = new StringWriter();
    BufferedWriter file = new BufferedWriter(sink);
    ScrubbingWriter w = new ScrubbingWriter(file, SECRETS);
    w.write("a hunter2hunter2 b");
    w.close();
    w.close();
    assertThat(sink.toString()).isEqualTo("a *** b");
  }
}
