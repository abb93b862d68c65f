package dev.promptcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.EvaluationInput;
import dev.promptcheck.eval.Evaluator;
import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.SkippedChecks;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No false green: every row is its own trial, and a check that cannot run never passes. */
class VerdictIntegrityTest {
  @TempDir Path dir;

  static RunOptions options() {
    return RunOptions.builder()
        .concurrency(2)
        .timeout(Duration.ofSeconds(5))
        .retries(0)
        .cache(CacheMode.OFF)
        .build();
  }

  private RunResult run(Path cwd, List<String> paths, Function<String, String> model) {
    PromptSuite suite = new SuiteLoader(cwd).load(paths);
    Diagnostics diagnostics = new Diagnostics();
    suite.diagnostics().forEach(diagnostics::add);
    CallPaths pool =
        CallPaths.withClient(
            options(),
            ProjectConfig.empty(),
            m ->
                request ->
                    new ModelResponse(
                        model.apply(
                            request.messages().get(request.messages().size() - 1).content()),
                        "stop",
                        3,
                        2,
                        1));
    return RunSession.execute(
        suite.runnable(),
        options(),
        pool,
        new RunSession.Setup("r", dir.resolve("reports/r" + System.nanoTime()), cwd, List.of()),
        TrialRunner.Listener.NONE,
        diagnostics);
  }

  @Test
  void identicalRowsAreDistinctTrialsSoAFailingCaseCheckIsNeverReplaced() {
    Fixtures.write(
        dir,
        "prompts/same.prompt.yml",
        """
        name: same
        model: openai:x
        messages: [{role: user, content: 'Say {{input}}'}]
        evaluators: [{name: says it, string: {contains: '{{input}}'}}]
        testData:
          - {input: hello}
          - {input: hello, evaluators: [{name: strict, string: {equals: never}}]}
          - {input: hello}
        """);
    for (int attempt = 0; attempt < 5; attempt++) {
      RunResult run = run(dir, List.of("prompts"), q -> "hello");
      assertThat(run.trials()).hasSize(3);
      assertThat(run.trials()).extracting(TrialResult::trialId).doesNotHaveDuplicates();
      assertThat(run.trials())
          .extracting(TrialResult::status)
          .containsExactly(Status.PASS, Status.FAIL, Status.PASS);
    }
  }

  @Test
  void caseIdsAreRelativeToTheSuiteRootNotTheWorkingDirectoryAndAnExplicitIdIsTheId()
      throws Exception {
    Fixtures.write(
        dir,
        "repo/prompts/ids.prompt.yml",
        """
        name: ids
        model: openai:x
        messages: [{role: user, content: '{{input}}'}]
        testData:
          - {id: greeting, input: hi}
          - {input: bye}
        """);
    Files.createDirectories(dir.resolve("repo/.git"));
    Files.createDirectories(dir.resolve("elsewhere"));
    RunResult fromRepo = run(dir.resolve("repo"), List.of("prompts"), q -> q);
    RunResult fromElsewhere =
        run(dir.resolve("elsewhere"), List.of(dir.resolve("repo/prompts").toString()), q -> q);
    RunResult fromPrompts = run(dir.resolve("repo/prompts"), List.of("."), q -> q);
    List<String> ids = fromRepo.trials().stream().map(TrialResult::caseId).toList();
    assertThat(ids).hasSize(2);
    assertThat(ids.get(0)).isEqualTo("prompts/ids.prompt.yml#greeting");
    assertThat(fromElsewhere.trials()).extracting(TrialResult::caseId).isEqualTo(ids);
    assertThat(fromPrompts.trials()).extracting(TrialResult::caseId).isEqualTo(ids);
  }

  @Test
  void aCaseWhoseChecksWereAllSkippedIsSkippedNeverPass() {
    Fixtures.write(
        dir,
        "prompts/rules.prompt.yml",
        """
        name: rules
        model: openai:x
        messages: [{role: user, content: '{{input}}'}]
        evaluators:
          - rule: The answer is polite.
          - rule: The answer is short.
        testData: [{input: hi}]
        """);
    RunResult run = run(dir, List.of("prompts"), q -> "hello");
    assertThat(run.trials())
        .singleElement()
        .extracting(TrialResult::status)
        .isEqualTo(Status.SKIPPED);
    assertThat(SkippedChecks.of(run.trials()).describe())
        .isEqualTo(
            "2 checks skipped (1 case had only skipped checks, not counted as passed): no judge"
                + " model configured: pass --judge provider:model (2)");
  }

  @Test
  void anEvaluatorThatThrowsGivesThatCheckAnErrorAndTheRunGoesOn() {
    Evaluator overflowing =
        new Evaluator() {
          @Override
          public String name() {
            return "deep";
          }

          @Override
          public String kind() {
            return "custom";
          }

          @Override
          public Verdict evaluate(EvaluationInput input) {
            throw new StackOverflowError();
          }
        };
    Evaluator buggy =
        new Evaluator() {
          @Override
          public String name() {
            return "buggy";
          }

          @Override
          public String kind() {
            return "custom";
          }

          @Override
          public Verdict evaluate(EvaluationInput input) {
            throw new IllegalStateException("index 3 out of bounds");
          }
        };
    EvaluationInput input = EvaluationInput.of("out", Map.of());
    Verdict a = TrialRunner.evaluateSafely(overflowing, input);
    Verdict b = TrialRunner.evaluateSafely(buggy, input);
    assertThat(a.status()).isEqualTo(Status.ERROR);
    assertThat(a.reason()).contains("stack overflow");
    assertThat(b.status()).isEqualTo(Status.ERROR);
    assertThat(b.reason())
        .isEqualTo("evaluator crashed: IllegalStateException: index 3 out of bounds");
  }

  @Test
  void aBacktrackingRegexOnALongOutputIsAVerdictNotAStackOverflow() {
    Fixtures.write(
        dir,
        "prompts/deep.prompt.yml",
        """
        name: deep
        model: openai:x
        messages: [{role: user, content: '{{input}}'}]
        evaluators: [{name: ab then c, regex: '(a|b)*(?=c)'}]
        testData: [{input: short}, {input: long}, {input: huge}]
        """);
    String longOutput = "ab".repeat(1_500) + "c";
    String hugeOutput = "ab".repeat(2_000_000) + "c";
    RunResult run =
        run(
            dir,
            List.of("prompts"),
            q -> q.equals("short") ? "abc" : q.equals("long") ? longOutput : hugeOutput);
    assertThat(run.trials())
        .extracting(TrialResult::status)
        .containsExactly(Status.PASS, Status.PASS, Status.ERROR);
    assertThat(run.trials().get(2).verdicts().get(0).reason())
        .contains("needs backtracking and ")
        .contains("no verdict");
  }
}
