package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variables as real prompt files use them: the GitHub format declares none, takes every test-data
 * key as a variable (github/gh-models cmd/eval/eval.go:343-368), and a file without test data gets
 * its values when it runs.
 */
class VariablesTest {
  @TempDir Path dir;

  private Diagnostics validate(String yaml, Map<String, String> vars) {
    Path file = Fixtures.write(dir, "v.prompt.yml", yaml);
    Diagnostics d = new Diagnostics();
    new SuiteLoader(dir, vars).loadOne(file, d);
    return d;
  }

  private static List<String> codes(Diagnostics d) {
    return d.all().stream().map(Diagnostic::code).toList();
  }

  @Test
  void aFileWithoutTestDataIsNotAnError() {
    for (String testData : List.of("", "testData: []\n", "testData:\n")) {
      Diagnostics d =
          validate(
              "name: t\nmessages: [{role: user, content: 'Summarise {{diff}} for {{repo}}'}]\n"
                  + testData,
              Map.of());
      assertThat(d.all()).as(testData).isEmpty();
    }
    PromptFile file =
        Fixtures.load(dir, "name: t\nmessages: [{role: user, content: '{{x}}'}]\n").get();
    assertThat(file.hasTestData()).isFalse();
    assertThat(file.testCases()).isEmpty();
  }

  @Test
  void aRunTimeCaseNeedsWhatNeitherDefaultsNorVarFill() {
    PromptFile file =
        Fixtures.load(
                dir,
                """
        name: t
        variables: [{name: tone, default: terse}, {name: note}]
        messages: [{role: user, content: '{{diff}} in a {{tone}} tone, {{note}} {{repo}}'}]
        """)
            .get();
    TestCase only = file.runTimeCase();
    assertThat(new PromptRenderer(file, Map.of()).unfilled(only)).containsExactly("diff", "repo");
    assertThat(new PromptRenderer(file, Map.of("diff", "d")).unfilled(only))
        .containsExactly("repo");
    assertThat(new PromptRenderer(file, Map.of("diff", "d", "repo", "r")).unfilled(only)).isEmpty();
  }

  @Test
  void everyKeyOfARowIsAVariableAndKeepsItsRole() {
    PromptFile file =
        Fixtures.load(
                dir,
                """
        name: t
        messages:
          - {role: user, content: '{{id}} {{name}} {{description}} {{expectedOutput}} {{input}}'}
        testData:
          - {id: c1, name: first, description: about it, expectedOutput: yes, input: q}
        """)
            .get();
    TestCase c = file.testCases().get(0);
    assertThat(c.vars())
        .containsEntry("id", "c1")
        .containsEntry("name", "first")
        .containsEntry("description", "about it")
        .containsEntry("expectedOutput", "yes")
        .containsEntry("input", "q");
    assertThat(c.expected()).isEqualTo("yes");
    assertThat(c.label()).isEqualTo("first");
    assertThat(new PromptRenderer(file, Map.of()).render(c).get(0).content())
        .isEqualTo("c1 first about it yes q");
  }

  @Test
  void undeclaredVariablesAreWorthAWarningOnlyWhereVariablesAreDeclared() {
    String body =
        "messages: [{role: user, content: '{{input}} {{tone}}'}]\n"
            + "testData: [{input: a, tone: b}]\n";
    assertThat(validate("name: t\n" + body, Map.of()).all()).isEmpty();
    assertThat(codes(validate("name: t\nvariables: [{name: input}]\n" + body, Map.of())))
        .containsExactly("undeclared-variable");
  }

  @Test
  void aMissingValueInACaseWithRowsIsAnErrorNamingVariableAndCase() {
    String yaml =
        """
        name: t
        messages: [{role: user, content: '{{title}} {{body}}'}]
        testData:
          - {id: first, title: a, body: b}
          - {id: second, title: c}
        """;
    Diagnostic d = validate(yaml, Map.of()).all().get(0);
    assertThat(d.isError()).isTrue();
    assertThat(d.code()).isEqualTo("undefined-variable");
    assertThat(d.message())
        .contains("'{{body}}'")
        .contains("test case 2 (second)")
        .contains("gh models would send '{{body}}' to the model as written");
    assertThat(validate(yaml, Map.of("body", "from --var")).all()).isEmpty();
  }

  @Test
  void variableDiagnosticsPointAtThePlaceholderInEveryScalarStyle() {
    String yaml =
        """
        name: t
        messages:
          - role: system
            content: |
              You review code.
                Focus: {{focus}}
          - role: user
            content: >-
              Folded text
              then {{ folded }} here
          - role: user
            content: "quoted \\u00e9 {{quoted}}"
          - role: user
            content: 'single ''x'' {{single}}'
          - role: user
            content: plain {{plain}}
        testData: [{other: 1}]
        """;
    Map<String, String> at = new HashMap<>();
    for (Diagnostic d : validate(yaml, Map.of()).all()) {
      assertThat(d.code()).as(d.format()).isEqualTo("undefined-variable");
      String name = d.message().substring(3, d.message().indexOf("}}"));
      at.put(name.strip(), d.where().line() + ":" + d.where().column());
    }
    assertThat(at)
        .containsEntry("focus", "6:16")
        .containsEntry("folded", "10:12")
        .containsEntry("quoted", "12:29")
        .containsEntry("single", "14:28")
        .containsEntry("plain", "16:20");
  }

  @Test
  void actionsExpressionsAndCallsAreTextNotVariables() {
    String yaml =
        """
        name: t
        messages:
          - role: user
            content: 'Repo ${{ github.repository }} {{ macros.refuse() }} {{.input}} {{ topic }}'
        testData: [{topic: x}]
        """;
    assertThat(validate(yaml, Map.of()).all()).isEmpty();
    PromptFile file = Fixtures.load(dir, yaml).get();
    assertThat(new PromptRenderer(file, Map.of()).render(file.testCases().get(0)).get(0).content())
        .isEqualTo("Repo ${{ github.repository }} {{ macros.refuse() }} {{.input}} x");
  }

  @Test
  void keysThatAreNotNamesAreSubstitutedLikeGhModels() {
    PromptFile file =
        Fixtures.load(
                dir,
                """
        name: t
        messages: [{role: user, content: 'Hi {{user name}}, {{2nd}} {{prénom}} {{unknown key}}'}]
        testData: [{user name: Ann, 2nd: two, prénom: Zoé}]
        """)
            .get();
    assertThat(new PromptRenderer(file, Map.of()).render(file.testCases().get(0)).get(0).content())
        .isEqualTo("Hi Ann, two Zoé {{unknown key}}");
  }

  @Test
  void textVarsMeanTheOneDeclaredVariable() {
    Fixtures.Loaded loaded =
        Fixtures.load(
            dir,
            """
        name: t
        variables: [{name: topic, required: true}]
        messages: [{role: user, content: 'About {{topic}}'}]
        testData:
          - vars: volcanoes
          - glaciers
        """);
    assertThat(loaded.get().testCases())
        .extracting(c -> c.vars().get("topic"))
        .containsExactly("volcanoes", "glaciers");
    assertThat(loaded.diagnostics().all())
        .extracting(Diagnostic::code)
        .containsOnly("vars-as-text");
    assertThat(loaded.diagnostics().hasErrors()).isFalse();
  }
}
