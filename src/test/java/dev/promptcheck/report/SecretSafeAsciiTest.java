package dev.promptcheck.report;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed grid data never spells a secret, so the page's secret scrub cannot corrupt it. */
class SecretSafeAsciiTest {
  private static String through(List<String> secrets, byte[]... writes) throws IOException {
    StringWriter page = new StringWriter();
    try (PackedData.SecretSafeAscii ascii = new PackedData.SecretSafeAscii(page, secrets)) {
      for (byte[] w : writes) {
        ascii.write(w, 0, w.length);
      }
    }
    return page.toString();
  }

  @Test
  void aSecretThatBase64SpellsIsBrokenByALineBreakAndNothingElseChanges() throws IOException {
    String out = through(List.of("AbC9"), "xxAbC9yyAbC9AbC9".getBytes(US_ASCII));
    assertThat(out).doesNotContain("AbC9");
    assertThat(out.replace("\n", "")).isEqualTo("xxAbC9yyAbC9AbC9");
  }

  @Test
  void aSecretSplitAcrossWritesAndChunksIsFoundToo() throws IOException {
    byte[] filler = "Q".repeat(70_000 - 2).getBytes(US_ASCII);
    String out =
        through(
            List.of("k3y/", "not base64 because of spaces"),
            filler,
            "k3".getBytes(US_ASCII),
            "y/".getBytes(US_ASCII),
            "Qk3y/".getBytes(US_ASCII));
    assertThat(out).doesNotContain("k3y/");
    assertThat(out.replace("\n", "")).isEqualTo("Q".repeat(70_000 - 2) + "k3y/Qk3y/");
  }

  @Test
  void withoutSecretsTheBytesPassUnchangedAndDecode() throws IOException {
    byte[] data = new byte[100_000];
    new Random(7).nextBytes(data);
    String encoded = Base64.getEncoder().encodeToString(data);
    String out = through(List.of(), encoded.getBytes(US_ASCII));
    assertThat(out).isEqualTo(encoded);
    // with breaks, a whitespace-forgiving decoder (the browser's atob) reads the same bytes
    String secret = encoded.substring(5000, 5004);
    String broken = through(List.of(secret), encoded.getBytes(US_ASCII));
    assertThat(broken).doesNotContain(secret);
    assertThat(Base64.getMimeDecoder().decode(broken)).isEqualTo(data);
  }
}
