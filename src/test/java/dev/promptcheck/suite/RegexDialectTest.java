package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegexDialectTest {
  private static boolean finds(String pattern, String flags, String text) {
    return RegexDialect.compile(pattern, flags).find(text, Duration.ofSeconds(1)).isPresent();
  }

  @Test
  void strayBraceIsALiteralAsInPythonAndJavaScript() {
    assertThat(finds("\\{.*}", null, "{\"a\": 1}")).isTrue();
    assertThat(finds("{\"error\"", null, "x {\"error\": 1}")).isTrue();
    assertThat(finds("a{2}", null, "caab")).isTrue();
    assertThat(finds("a{,2}b", null, "b")).isTrue();
    assertThat(finds("C_{pk}", null, "C_{pk} = 1.3")).isTrue();
    assertThat(finds("x{a}", null, "x{a}")).isTrue();
  }

  @Test
  void pythonSyntaxIsUnderstood() {
    assertThat(finds("(?P<word>ab)c", null, "abc")).isTrue();
    assertThat(finds("(?P<w>a)(?P=w)", null, "aa")).isTrue();
    assertThat(finds("end\\Z", null, "the end")).isTrue();
    assertThat(finds("[]a]", null, "]")).isTrue();
  }

  @Test
  void flagsAsLettersWordsOrInline() {
    assertThat(finds("^b", "m", "a\nb")).isTrue();
    assertThat(finds("^b", null, "a\nb")).isFalse();
    assertThat(finds("a.b", "DOTALL", "a\nb")).isTrue();
    assertThat(finds("ABC", "re.IGNORECASE", "abc")).isTrue();
    assertThat(finds("(?i)abc", null, "ABC")).isTrue();
    assertThat(finds("a b # comment", "x", "ab")).isTrue();
    assertThatThrownBy(() -> RegexDialect.compile("a", "q"))
        .hasMessageContaining("unknown regex flag 'q'");
  }

  @Test
  void linearEngineWhenPossibleBacktrackingWithABudgetOtherwise() {
    assertThat(RegexDialect.compile("(a+)+$", null)).isInstanceOf(RegexDialect.Linear.class);
    assertThat(RegexDialect.compile("(?<=a)b", null)).isInstanceOf(RegexDialect.Backtracking.class);
    String evil = "a".repeat(100_000) + "b";
    long start = System.nanoTime();
    assertThat(RegexDialect.compile("(a+)+$", null).find(evil, Duration.ofMillis(250))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    CompiledRegex backtracking = RegexDialect.compile("^(a+)+\\1c", null);
    start = System.nanoTime();
    assertThatThrownBy(() -> backtracking.find(evil.substring(0, 40), Duration.ofMillis(100)))
        .isInstanceOf(CompiledRegex.RegexTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void invalidPatternsExplainThemselves() {
    assertThatThrownBy(() -> RegexDialect.compile("(ab", null))
        .hasMessageContaining("invalid regex");
  }
}
