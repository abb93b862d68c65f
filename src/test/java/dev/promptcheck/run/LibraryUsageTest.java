package dev.promptcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI does, from Java: load a suite, run it with a client of one's own, read the
 * RunResult.
 */
class LibraryUsageTest {
  @TempDir Path dir;

  @Test
  void runASuiteWithYourOwnModelClient() {
    Fixtures.write(
        dir,
        "prompts/capitals.prompt.yml",
        """
        name: capitals
        model: openai:anything
        messages: [{role: user, content: 'Capital of {{country}}?'}]
        testData: [{country: France, expected: Paris}, {country: Peru, expected: Lima}]
        evaluators: [{name: right city, string: {contains: '{{expected}}'}}]
        """);
    PromptSuite suite = new SuiteLoader(dir).load(List.of("prompts"));
    RunOptions options =
        RunOptions.builder()
            .concurrency(2)
            .repeat(2)
            .timeout(Duration.ofSeconds(5))
            .retries(0)
            .cache(CacheMode.OFF)
            .build();
    CallPaths pool =
        CallPaths.withClient(
            options,
            ProjectConfig.empty(),
            model ->
                request -> {
                  String question = request.messages().get(0).content();
                  return new ModelResponse(
                      question.contains("France") ? "Paris." : "Cusco.", "stop", 4, 2, 1);
                });
    RunResult run =
        RunSession.execute(
            suite.runnable(),
            options,
            pool,
            new RunSession.Setup("lib", dir.resolve("reports/lib"), dir, List.of()),
            TrialRunner.Listener.NONE,
            new Diagnostics());
    assertThat(run.trials()).hasSize(4);
    assertThat(run.trials())
        .extracting(TrialResult::caseLabel, TrialResult::repeat, TrialResult::status)
        .containsExactly(
            Tuple.tuple("#1", 0, Status.PASS), Tuple.tuple("#1", 1, Status.PASS),
            Tuple.tuple("#2", 0, Status.FAIL), Tuple.tuple("#2", 1, Status.FAIL));
    assertThat(run.trials().get(2).failing().get(0).reason())
        .isEqualTo("output fails contains 'Lima'");
    assertThat(dir.resolve("reports/lib/results.jsonl")).exists();
  }
}
