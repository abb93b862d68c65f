package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.suite.EvaluatorSpec.StringOp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFileParserTest {
  @TempDir Path dir;

  private static final String HEAD = "name: t\nmessages:\n  - {role: user, content: '{{input}}'}\n";

  @Test
  void metadataKeepsTheFilesOrderSoEveryReportPrintsItTheSameWay() {
    StringBuilder yaml = new StringBuilder(HEAD).append("metadata:\n");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String key = "k" + Integer.toString(i * 7919 % 97, 36);
      keys.add(key);
      yaml.append("  ").append(key).append(": ").append(i).append('\n');
    }
    PromptFile file = Fixtures.load(dir, yaml.toString()).get();
    // Map.copyOf (which it used) iterates in an order salted per JVM: almost never the file's
    assertThat(file.metadata().keySet()).containsExactlyElementsOf(keys);
  }

  @Test
  void parametersInCamelAndSnakeCaseLoadTheSame() {
    PromptFile camel =
        Fixtures.load(
                dir,
                HEAD
                    + "modelParameters: {temperature: 0.1, maxTokens: 800, topP: 0.9,"
                    + " stop: [END], seed: 7, presencePenalty: 0.5, frequencyPenalty: 0.25}\n")
            .get();
    PromptFile snake =
        Fixtures.load(
                dir,
                HEAD
                    + "model_parameters: {temperature: 0.1, max_tokens: 800, top_p: 0.9,"
                    + " stop: END, seed: 7, presence_penalty: 0.5, frequency_penalty: 0.25}\n")
            .get();
    assertThat(snake.parameters()).isEqualTo(camel.parameters());
    assertThat(camel.parameters())
        .isEqualTo(new ModelParameters(0.1, 800, 0.9, List.of("END"), 7, 0.5, 0.25));
  }

  @Test
  void testCasesInEveryVariableSpelling() {
    PromptFile f =
        Fixtures.load(
                dir,
                HEAD
                    + """
        testData:
          - {input: flat, expected: one}
          - vars: {input: under vars}
            expectedOutput: two
          - inputs: {input: under inputs}
          - variables: {input: under variables}
          - vars: plain text
          - variables: [{name: input, value: name-value list}]
          - inputs: {variables: {input: nested group}}
        """)
            .get();
    assertThat(f.testCases())
        .extracting(c -> c.vars().get("input"))
        .containsExactly(
            "flat",
            "under vars",
            "under inputs",
            "under variables",
            "plain text",
            "name-value list",
            "nested group");
    assertThat(f.testCases().get(0).expected()).isEqualTo("one");
    assertThat(f.testCases().get(1).expected()).isEqualTo("two");
  }

  @Test
  void perCaseEvaluatorsAddToTheFilesOwn() {
    PromptFile f =
        Fixtures.load(
                dir,
                HEAD
                    + """
        testData:
          - input: a
            evaluators: [{name: own, string: {contains: a}}]
          - input: b
        evaluators:
          - {name: shared, string: {contains: x}}
        """)
            .get();
    assertThat(f.evaluatorsFor(f.testCases().get(0)))
        .extracting(EvaluatorSpec::name)
        .containsExactly("shared", "own");
    assertThat(f.evaluatorsFor(f.testCases().get(1)))
        .extracting(EvaluatorSpec::name)
        .containsExactly("shared");
  }

  @Test
  void everyEvaluatorSpellingNormalises() {
    Fixtures.Loaded loaded =
        Fixtures.load(
            dir,
            HEAD
                + """
        testData: [{input: x}]
        evaluators:
          - {name: r1, regex: {pattern: '^## A', flags: m, negate: true}}
          - {name: r2, regex: 'B+'}
          - {name: r3, type: regex_match, pattern: 'C'}
          - {name: r4, regex: 'D', invert: true}
          - {name: s1, string: {contains: a, equals: b, startsWith: c, endsWith: d, notContains: e}}
          - {name: s2, string: {includes: f, starts_with: g, does_not_contain: h}}
          - {name: s3, type: contains, value: i}
          - {name: s4, type: includes_all, options: {strings: [j, k]}}
          - {name: s5, string: {regex: 'E'}}
          - {name: h, headers: {expect: [A, B], order: true, level: 2}}
          - {name: j, json: true}
          - {name: l, llm: {modelId: openai/gpt-4o-mini, prompt: 'Is {{completion}} ok?', choices: [{choice: good, score: 1}, {choice: bad, score: 0}]}}
          - {name: u, uses: github/coherence}
          - {rule: Output must mention X}
          - Output must be polite
          - {name: p, python: "'x' in output"}
          - {name: lat, latency: {maxMs: 2000}}
        """);
    List<EvaluatorSpec> e = loaded.get().evaluators();
    assertThat(e)
        .extracting(EvaluatorSpec::kind)
        .containsExactly(
            "regex",
            "regex",
            "regex",
            "regex",
            "string",
            "string",
            "string",
            "string",
            "regex",
            "headers",
            "json",
            "llm",
            "github/coherence",
            "rule",
            "rule",
            "python",
            "latency");
    assertThat((EvaluatorSpec.Regex) e.get(0))
        .isEqualTo(new EvaluatorSpec.Regex("r1", "^## A", "m", true, e.get(0).where()));
    assertThat(((EvaluatorSpec.Regex) e.get(3)).negate()).isTrue();
    assertThat(((EvaluatorSpec.Text) e.get(4)).checks())
        .extracting(EvaluatorSpec.StringCheck::op)
        .containsExactly(StringOp.EQUALS, StringOp.NOT_CONTAINS); // gh: equals first, alone
    assertThat(((EvaluatorSpec.Text) e.get(5)).checks())
        .extracting(EvaluatorSpec.StringCheck::op)
        .containsExactly(StringOp.CONTAINS, StringOp.NOT_CONTAINS);
    assertThat(((EvaluatorSpec.Text) e.get(7)).checks())
        .extracting(EvaluatorSpec.StringCheck::operand)
        .containsExactly("j", "k");
    assertThat(((EvaluatorSpec.Headers) e.get(9)).level()).isEqualTo(2);
    EvaluatorSpec.Llm llm = (EvaluatorSpec.Llm) e.get(11);
    assertThat(llm.modelId()).isEqualTo("openai/gpt-4o-mini");
    assertThat(llm.choices())
        .containsExactly(new EvaluatorSpec.Choice("good", 1), new EvaluatorSpec.Choice("bad", 0));
    assertThat(((EvaluatorSpec.Llm) e.get(12)).choices())
        .extracting(EvaluatorSpec.Choice::score)
        .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
    assertThat(loaded.diagnostics().all())
        .extracting(Diagnostic::code)
        .containsOnly("unsupported-evaluator", "shadowed-check");
  }

  @Test
  void unknownEvaluatorKindIsALocatedWarningNamingTheKnownKinds() {
    Fixtures.Loaded loaded =
        Fixtures.load(
            dir,
            HEAD + "testData: [{input: x}]\nevaluators:\n  - {type: sentiment, value: happy}\n");
    Diagnostic d = loaded.diagnostics().all().get(0);
    assertThat(d.format())
        .contains(
            "case.prompt.yml:6:12: warning: unknown evaluator type 'sentiment'",
            "regex, string, headers");
  }

  @Test
  void duplicateKeysAreErrorsAtTheSecondKey() {
    Fixtures.Loaded loaded = Fixtures.load(dir, "name: a\nname: b\nmessages: []\n");
    assertThat(loaded.messages())
        .contains(
            "case.prompt.yml:2:1: error: duplicate key 'name' (first defined at line 1) [duplicate-key]");
  }

  @Test
  void jinjaTemplatesGetTheirOwnMessage() {
    Fixtures.Loaded loaded = Fixtures.load(dir, "# header\n{% import 'm.j2' as m %}\nname: x\n");
    assertThat(loaded.file()).isEmpty();
    assertThat(loaded.messages())
        .contains("case.prompt.yml:2:1: error: this file is a Jinja template");
  }

  @Test
  void syntaxErrorsAndBadRolesAreLocated() {
    assertThat(Fixtures.load(dir, "name: x\nmessages: [\n").messages())
        .contains("error: YAML syntax")
        .contains("[yaml-syntax]");
    assertThat(
            Fixtures.load(dir, "name: x\nmessages:\n  - {role: robot, content: hi}\n").messages())
        .contains(
            "case.prompt.yml:3:12: error: role 'robot' is not one of system, user, assistant [bad-role]");
    assertThat(
            Fixtures.load(dir, "name: x\nmessages:\n  - {role: user, content: {{input}}}\n")
                .messages())
        .contains("[yaml-key]")
        .contains("quote it");
  }

  @Test
  void foreignTagsAndAliasBombsAreRejected() {
    assertThat(Fixtures.load(dir, "name: !!python/object:os.system x\nmessages: []\n").messages())
        .contains("case.prompt.yml:1:7: error:", "tag");
    assertThat(Fixtures.load(dir, "name: !custom x\nmessages: []\n").messages())
        .contains("[yaml-tag]");
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      bomb.append(c)
          .append(": &")
          .append(c)
          .append(" [*")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append("]\n");
    }
    assertThat(Fixtures.load(dir, bomb.toString()).messages()).contains("[yaml-limit]");
  }

  @Test
  void testDataFilesInJsonlCsvAndYaml() {
    Fixtures.write(
        dir,
        "test-data/cases.jsonl",
        "{\"input\": \"j1\", \"expected\": \"e1\"}\n\n{\"input\": \"j2\"}\n");
    Fixtures.write(dir, "test-data/cases.csv", "input,expected\n\"c1, with comma\",e\nc2,\n");
    Fixtures.write(dir, "test-data/cases.yaml", "- input: y1\n- vars: {input: y2}\n");
    for (String ext : List.of("jsonl", "csv", "yaml")) {
      PromptFile f = Fixtures.load(dir, HEAD + "testData: test-data/cases." + ext + "\n").get();
      assertThat(f.testCases()).hasSize(2);
      assertThat(f.testCases().get(0).vars().get("input")).startsWith(ext.substring(0, 1));
    }
    assertThat(
            Fixtures.load(dir, HEAD + "testData: test-data/cases.csv\n")
                .get()
                .testCases()
                .get(0)
                .vars()
                .get("input"))
        .isEqualTo("c1, with comma");
  }

  @Test
  void badJsonlLinesAreLocatedInTheDataFile() {
    Fixtures.write(dir, "test-data/bad.jsonl", "{\"input\": \"ok\"}\n{\"input\": oops}\n");
    assertThat(Fixtures.load(dir, HEAD + "testData: test-data/bad.jsonl\n").messages())
        .contains("bad.jsonl:2:")
        .contains("[bad-testdata]");
  }

  @Test
  void testDataPathsCannotLeaveTheSuiteRoot() {
    Fixtures.write(dir, "test-data/.keep", "");
    assertThat(Fixtures.load(dir, HEAD + "testData: ../../etc/passwd.jsonl\n").messages())
        .contains("[path-escape]");
  }

  @Test
  void reusableEvaluatorsExpandWithParameters() {
    Fixtures.write(
        dir,
        "evaluators/sections.yaml",
        """
        name: sections
        parameters: [{name: wanted, default: [Summary]}]
        evaluators:
          - headers: {expect: "{{wanted}}", order: true}
          - string: {notContains: "TODO"}
        """);
    PromptFile f =
        Fixtures.load(
                dir,
                HEAD
                    + "testData: [{input: x}]\nevaluators:\n  - uses: sections\n    with: {wanted: [A, B]}\n  - uses: sections\n")
            .get();
    assertThat(f.evaluators()).hasSize(4);
    assertThat(((EvaluatorSpec.Headers) f.evaluators().get(0)).expect()).containsExactly("A", "B");
    assertThat(((EvaluatorSpec.Headers) f.evaluators().get(2)).expect()).containsExactly("Summary");
    assertThat(
            Fixtures.load(dir, HEAD + "testData: [{input: x}]\nevaluators:\n  - uses: nope\n")
                .messages())
        .contains(
            "case.prompt.yml:6:11: warning: evaluator 'nope' not found (known: sections, github/coherence");
  }
}
