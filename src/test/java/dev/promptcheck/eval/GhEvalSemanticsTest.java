package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.model.ModelRef;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meaning {@code gh models eval} gives to evaluators (github/gh-models cmd/eval/eval.go), each
 * rule on a file of its own: the same file must check the same thing in both tools.
 */
class GhEvalSemanticsTest {
  @TempDir Path dir;

  private Fixtures.Loaded load(String evaluators, String row) {
    return Fixtures.load(
        dir,
        "name: t\nmessages: [{role: user, content: '{{input}}'}]\n"
            + "testData:\n  - "
            + row
            + "\nevaluators:\n"
            + evaluators);
  }

  private List<Verdict> evaluate(String evaluators, String row, String output, Judges judges) {
    Fixtures.Loaded loaded = load(evaluators, row);
    PromptFile f = loaded.get();
    Diagnostics d = new Diagnostics();
    List<Evaluator> compiled = EvaluatorCompiler.compile(f, d).forCase(f.testCases().get(0));
    assertThat(d.hasErrors()).as(d.all().toString()).isFalse();
    List<Verdict> out = new ArrayList<>();
    for (Evaluator e : compiled) {
      out.add(
          e.evaluate(
              new EvaluationInput(output, f.testCases().get(0).vars(), 0, null, null, judges)));
    }
    return out;
  }

  private Verdict one(String evaluator, String row, String output) {
    List<Verdict> all = evaluate("  - " + evaluator + "\n", row, output, Judges.NONE);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void onlyTheFirstOfEqualsContainsStartsWithEndsWithIsChecked() {
    // equals wins: contains would pass, equals does not
    Verdict v = one("{name: s, string: {contains: cat, equals: 'a cat'}}", "{input: q}", "cat");
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.reason()).contains("equals 'a cat'").doesNotContain("contains");
    // contains before startsWith and endsWith, whatever order the file writes them in
    v = one("{string: {endsWith: zzz, startsWith: yyy, contains: dog}}", "{input: q}", "a dog");
    assertThat(v.status()).isEqualTo(Status.PASS);
    v = one("{string: {endsWith: dog, startsWith: yyy}}", "{input: q}", "a dog");
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.reason()).contains("startsWith 'yyy'");
    // an empty field is no field: the next one counts, as gh tests each for != ""
    v = one("{string: {equals: '', endsWith: dog}}", "{input: q}", "a dog");
    assertThat(v.status()).isEqualTo(Status.PASS);
  }

  @Test
  void theIgnoredStringFieldsAreNamedInAWarning() {
    Fixtures.Loaded loaded = load("  - {string: {contains: cat, endsWith: x}}\n", "{input: q}");
    List<Diagnostic> warnings =
        loaded.diagnostics().all().stream().filter(d -> d.code().equals("shadowed-check")).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).message()).contains("'endsWith' is not checked");
    assertThat(warnings.get(0).where().line()).isEqualTo(6);
  }

  @Test
  void theOutputIsTrimmedButTheEqualsOperandIsNot() {
    assertThat(one("{string: {equals: yes}}", "{input: q}", "  yes \n\n").status())
        .isEqualTo(Status.PASS);
    // gh compares the trimmed response with the operand as written
    assertThat(one("{string: {equals: ' yes'}}", "{input: q}", " yes").status())
        .isEqualTo(Status.FAIL);
    assertThat(one("{string: {startsWith: Yes}}", "{input: q}", "\n  yes we can").status())
        .isEqualTo(Status.PASS);
    assertThat(one("{string: {endsWith: 'can.'}}", "{input: q}", "yes we CAN.\n").status())
        .isEqualTo(Status.PASS);
    assertThat(new EvaluationInput(" a \n", Map.of(), 0, null, null, Judges.NONE).output())
        .isEqualTo("a");
  }

  /** A judge prompt without the lines that fence the output ({@link OutputFence}). */
  private static String unfenced(String prompt) {
    return prompt.replaceAll("<<<OUTPUT-[0-9a-f]+>>>\n|\n<<<END-OUTPUT-[0-9a-f]+>>>", "");
  }

  /** A judge that records the prompts it is sent and answers with a fixed choice. */
  private static final class RecordingJudge implements Judges {
    final List<String> prompts = new ArrayList<>();
    final List<String> models = new ArrayList<>();

    @Override
    public Optional<Judge> judge(String modelId) {
      models.add(modelId);
      return Optional.of(
          new Judge(
              ModelRef.parse("openai:judge"),
              (ModelRequest r) -> {
                prompts.add(r.messages().get(r.messages().size() - 1).content());
                return new ModelResponse("Answer: good", "stop", 1, 1, 1);
              }));
    }
  }

  @Test
  void completionInAJudgePromptIsTheTrimmedOutputAndATestDataOutputKeepsItsValue() {
    RecordingJudge judge = new RecordingJudge();
    List<Verdict> v =
        evaluate(
            "  - {llm: {modelId: openai/x, prompt: '<{{completion}}> vs <{{output}}>',"
                + " choices: [{choice: good, score: 1}]}}\n",
            "{input: q, output: 'the reference'}",
            "\n  model said this  \n",
            judge);
    assertThat(v.get(0).status()).isEqualTo(Status.PASS);
    assertThat(unfenced(judge.prompts.get(0))).startsWith("<model said this> vs <the reference>");
    // without such a variable, {{output}} is the output (a promptcheck extension)
    RecordingJudge second = new RecordingJudge();
    evaluate(
        "  - {llm: {modelId: openai/x, prompt: '{{output}}', choices: [{choice: good, score: 1}]}}\n",
        "{input: q}",
        " plain ",
        second);
    assertThat(unfenced(second.prompts.get(0))).startsWith("plain");
  }

  @Test
  void oneEntryWithSeveralMethodsIsCheckedByStringThenLlmThenUses() {
    RecordingJudge judge = new RecordingJudge();
    List<Verdict> v =
        evaluate(
            "  - name: both\n"
                + "    uses: github/coherence\n"
                + "    llm: {modelId: openai/x, prompt: judge it, choices: [{choice: good, score: 1}]}\n"
                + "    string: {contains: needle}\n",
            "{input: q}",
            "no match here",
            judge);
    assertThat(v).hasSize(1);
    assertThat(v.get(0).kind()).isEqualTo("string");
    assertThat(v.get(0).status()).isEqualTo(Status.FAIL);
    assertThat(judge.prompts).isEmpty();

    v =
        evaluate(
            "  - name: judged\n"
                + "    uses: github/coherence\n"
                + "    llm: {modelId: openai/x, prompt: 'custom {{completion}}', choices: [{choice: good, score: 1}]}\n",
            "{input: q}",
            "out",
            judge);
    assertThat(v).hasSize(1);
    assertThat(v.get(0).kind()).isEqualTo("llm");
    assertThat(unfenced(judge.prompts.get(0))).startsWith("custom out");
    assertThat(judge.models).containsExactly("openai/x");

    Fixtures.Loaded loaded =
        load(
            "  - {name: n, uses: github/fluency, string: {contains: a}, llm: {prompt: p}}\n",
            "{input: q}");
    assertThat(loaded.diagnostics().all())
        .filteredOn(d -> d.code().equals("shadowed-method"))
        .extracting(Diagnostic::message)
        .containsExactly(
            "'llm' is ignored: this entry also has 'string', and one entry is checked by the first"
                + " of string, llm, uses, as in gh models eval",
            "'uses' is ignored: this entry also has 'string', and one entry is checked by the first"
                + " of string, llm, uses, as in gh models eval");
  }

  @Test
  void anEntryWithNoKnownMethodIsALocatedErrorNeverDropped() {
    Fixtures.Loaded loaded =
        Fixtures.load(
            dir,
            """
            name: t
            messages: [{role: user, content: hi}]
            evaluators:
              - name: typo
                strng: {contains: hello}
            """);
    List<Diagnostic> errors =
        loaded.diagnostics().all().stream().filter(Diagnostic::isError).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).code()).isEqualTo("unknown-evaluator");
    assertThat(errors.get(0).where().line()).isEqualTo(4);
    assertThat(errors.get(0).message()).contains("'typo'").contains("[name, strng]");
  }

  @Test
  void usesOfAnUnknownEvaluatorFailsThatCheckAndTheOthersStillRun() {
    Fixtures.Loaded loaded =
        load(
            "  - {name: gone, uses: team/missing-check}\n  - {string: {contains: ok}}\n",
            "{input: q}");
    assertThat(loaded.diagnostics().hasErrors()).isFalse();
    assertThat(loaded.diagnostics().all())
        .anyMatch(
            d -> d.code().equals("unknown-evaluator") && d.message().contains("fails every case"));
    List<Verdict> v =
        evaluate(
            "  - {name: gone, uses: team/missing-check}\n  - {string: {contains: ok}}\n",
            "{input: q}",
            "ok",
            Judges.NONE);
    assertThat(v).extracting(Verdict::status).containsExactly(Status.FAIL, Status.PASS);
    assertThat(v.get(0).score()).isZero();
    assertThat(v.get(0).name()).isEqualTo("gone");
    assertThat(v.get(0).reason()).contains("'team/missing-check' not found");
    assertThat(Verdict.combine(v)).isEqualTo(Status.FAIL);
  }

  @Test
  void githubEvaluatorsAreJudgedByGpt4oOnGitHubModelsUnlessTheRunSaysOtherwise() {
    RecordingJudge judge = new RecordingJudge();
    evaluate("  - uses: github/relevance\n", "{input: q}", "out", judge);
    // the run's --judge, when given, replaces this model (run.CallPaths#judge)
    assertThat(judge.models).containsExactly("openai/gpt-4o");
    assertThat(ModelRef.parse(judge.models.get(0)).provider()).isEqualTo("github");
  }

  @Test
  void stringMatchWithMatchAndIncludesWithTargetExpectedLookForTheExpectedText() {
    assertThat(one("{type: string_match, match: Paris}", "{input: q}", "it is PARIS").status())
        .isEqualTo(Status.PASS);
    Verdict v = one("{type: includes, target: expected}", "{input: q, expected: Lima}", "Lima!");
    assertThat(v.status()).isEqualTo(Status.PASS);
    assertThat(
            one("{type: includes, target: expected}", "{input: q, expected: Lima}", "Cusco")
                .status())
        .isEqualTo(Status.FAIL);
    assertThat(
            one("{type: contains, value: '{{expected}}'}", "{input: q, expected: Lima}", "in lima")
                .status())
        .isEqualTo(Status.PASS);
    // target: expected says what to look for, so it is no "unsupported target"
    assertThat(
            load("  - {type: includes, target: expected}\n", "{input: q, expected: x}")
                .diagnostics()
                .all())
        .isEmpty();
  }

  @Test
  void aStringEntryWhoseFieldsAreAllEmptyChecksNothingAndIsAnError() {
    // gh models stops at it ("no string evaluation criteria specified"); it never means non-empty
    Fixtures.Loaded loaded =
        load("  - {name: non-empty, string: {startsWith: ''}}\n", "{input: q}");
    List<Diagnostic> errors =
        loaded.diagnostics().all().stream().filter(Diagnostic::isError).toList();
    assertThat(errors).extracting(Diagnostic::code).containsExactly("bad-evaluator");
    assertThat(errors.get(0).message()).contains("every field is empty").contains("regex: '\\S'");
  }
}
