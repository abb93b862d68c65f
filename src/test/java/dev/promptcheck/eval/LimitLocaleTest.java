package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reasons are the same text whatever the machine's locale: a CI runner in Germany included. */
class LimitLocaleTest {
  @TempDir Path dir;

  @Test
  void aCostLimitReadsWithADecimalPointUnderAGermanLocale() {
    PromptFile f =
        Fixtures.load(
                dir,
                "name: t\nmessages:\n  - {role: user, content: hi}\n"
                    + "testData:\n  - {input: q}\nevaluators:\n  - {cost: {max: 0.0125}}\n")
            .get();
    Evaluator cost =
        EvaluatorCompiler.compile(f, new Diagnostics()).forCase(f.testCases().get(0)).get(0);
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      Verdict v = cost.evaluate(new EvaluationInput("x", Map.of(), 10, 5, 0.0031, Judges.NONE));
      assertThat(v.reason()).isEqualTo("0.003100 USD (limit 0.012500 USD)");
    } finally {
      Locale.setDefault(before);
    }
  }
}
