package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.MojibakeLinter;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite this project started from, repaired, against an answer that writes its emoji
 * differently.
 */
class SeedPromptTest {
  @TempDir Path dir;

  @Test
  void headersPassWhereTheEmojiRegexesFailAndSayExactlyWhy() throws Exception {
    Path seed = dir.resolve("seed.prompt.yaml");
    Files.copy(Fixtures.resource("seed/python_performance_optimization.prompt.yaml"), seed);
    MojibakeLinter.lint(seed, true, new Diagnostics());
    Files.writeString(
        seed,
        "- name: structure\n  headers:\n    fromPrompt: true\n    order: true\n",
        StandardOpenOption.APPEND);
    Diagnostics d = new Diagnostics();
    PromptFile file = new SuiteLoader(dir).loadOne(seed, d);
    assertThat(d.hasErrors()).as(d.all().toString()).isFalse();

    String answer =
        """
        ## \u23F1 Performance Analysis
        `large_list.count(item)` inside the loop makes this O(n^2).

        ## \uD83D\uDE80 Optimization Plan
        Use a Counter.

        ## Optimized Implementation
        ```python
        # implementation
        from collections import Counter
        ```

        ## \uD83D\uDCCA Benchmark Expectations
        O(n^2) to O(n).
        """;
    List<Evaluator> evaluators =
        EvaluatorCompiler.compile(file, new Diagnostics()).forCase(file.testCases().get(0));
    List<Verdict> verdicts =
        evaluators.stream().map(e -> e.evaluate(EvaluationInput.of(answer, Map.of()))).toList();

    assertThat(verdicts)
        .extracting(Verdict::name)
        .containsExactly(
            "Output contains Analysis header",
            "Output contains Optimized Implementation header",
            "structure");
    assertThat(verdicts.get(2).status()).as(verdicts.get(2).reason()).isEqualTo(Status.PASS);
    assertThat(verdicts.get(2).reason()).contains("all 4 expected headings present in order");
    assertThat(verdicts.get(0).status()).isEqualTo(Status.FAIL);
    assertThat(verdicts.get(0).reason())
        .contains(
            "nearest line '## \u23F1 Performance Analysis'",
            "the pattern expects U+FE0F VARIATION SELECTOR-16 where the output has U+0020 SPACE");
    assertThat(verdicts.get(1).status()).isEqualTo(Status.FAIL);
    assertThat(verdicts.get(1).reason())
        .contains(
            "nearest line '## Optimized Implementation'",
            "the pattern expects U+1F4BB PERSONAL COMPUTER where the output has U+004F LATIN CAPITAL LETTER O");
  }
}
