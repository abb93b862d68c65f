package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MojibakeTest {
  @TempDir Path dir;

  @Test
  void cp1254DamageRepairsExactly() {
    List<Mojibake.Damage> found = Mojibake.find("## ğŸ’» Optimized Implementation");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).damaged()).isEqualTo("ğŸ’»");
    assertThat(found.get(0).candidates()).containsExactly("\uD83D\uDCBB");
  }

  @Test
  void droppedCp1252BytesAreInferredWhenOneEmojiFits() {
    List<Mojibake.Damage> found = Mojibake.find("## â±ï¸ Performance Analysis");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).candidates()).containsExactly("\u23F1\uFE0F");
    assertThat(Mojibake.repair("## â±ï¸ Performance Analysis"))
        .isEqualTo("## \u23F1\uFE0F Performance Analysis");
  }

  @Test
  void latinDamageRepairs() {
    assertThat(Mojibake.repair("CafÃ© and naÃ¯ve")).isEqualTo("Café and naïve");
  }

  @Test
  void ambiguousDamageKeepsEveryCandidateAndIsNotRepaired() {
    // "Á" is C3 81; cp1252 cannot show 0x81, so only "Ã" survives next to a real continuation
    // elsewhere
    List<Mojibake.Damage> found = Mojibake.find("Ãx");
    assertThat(found).isEmpty(); // a lead byte with nothing real after it is not evidence
    // F0 9F 98 plus one dropped byte: several emoji fit, so no repair is applied
    List<Mojibake.Damage> faces = Mojibake.find("x ðŸ˜ y");
    assertThat(faces).hasSize(1);
    assertThat(faces.get(0).repairable()).isFalse();
    assertThat(faces.get(0).candidates())
        .hasSizeGreaterThan(4)
        .contains("\uD83D\uDE0D", "\uD83D\uDE10");
    assertThat(Mojibake.repair("x ðŸ˜ y")).isEqualTo("x ðŸ˜ y");
  }

  @Test
  void legitimateTextIsLeftAlone() {
    for (String ok :
        List.of(
            "pâte brisée",
            "naïve café",
            "Ğüzel gün",
            "±5 °C",
            "\u23F1\uFE0F already fine",
            "日本語")) {
      assertThat(Mojibake.find(ok)).as(ok).isEmpty();
    }
  }

  @Test
  void lintFixRewritesOnlyTheDamagedScalars() throws Exception {
    Path copy = dir.resolve("seed.prompt.yaml");
    Files.copy(Fixtures.resource("seed/python_performance_optimization.prompt.yaml"), copy);
    byte[] before = Files.readAllBytes(copy);
    Diagnostics d = new Diagnostics();
    int repaired = MojibakeLinter.lint(copy, true, d);
    assertThat(repaired).isEqualTo(4);
    assertThat(d.all()).extracting(Diagnostic::code).containsOnly("mojibake");
    assertThat(d.all().get(0).format())
        .contains(
            "seed.prompt.yaml:38:73: warning: 'â±ï¸'",
            "decoded as cp1252, which dropped 2 byte(s) it cannot represent; the only repair that fits: '\u23F1\uFE0F' (U+23F1 U+FE0F)");
    String expected =
        new String(before, StandardCharsets.UTF_8)
            .replace("â±ï¸", "\u23F1\uFE0F")
            .replace("ğŸ’»", "\uD83D\uDCBB");
    assertThat(Files.readString(copy)).isEqualTo(expected);
    assertThat(MojibakeLinter.lint(copy, false, new Diagnostics())).isZero();
    Diagnostics again = new Diagnostics();
    MojibakeLinter.lint(copy, false, again);
    assertThat(again.all()).isEmpty();
  }
}
