package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promptcheck schema}: the schema is a valid draft 2020-12 schema; files in every spelling
 * the parser accepts validate against it (each fixture is loaded by promptcheck first, so a fixture
 * the parser refuses cannot pass unnoticed); files the parser refuses for their shape do not; and
 * every word of the parser's tables and of the evaluator kinds is in it, described.
 */
class PromptFileSchemaTest {
  @TempDir Path dir;

  /** A keyed body and typed fields for each installed evaluator kind, written as YAML flow. */
  private static final Map<String, String[]> KIND_SAMPLES = new LinkedHashMap<>();

  static {
    // kind -> {keyed body, fields beside type:}; a new kind without a sample fails the test
    KIND_SAMPLES.put("regex", new String[] {"{pattern: 'Perf', flags: i}", "pattern: 'Perf'"});
    KIND_SAMPLES.put("string", new String[] {"{contains: Perf}", "value: Perf"});
    KIND_SAMPLES.put(
        "headers",
        new String[] {"{expect: [Performance Analysis], order: true}", "expect: [Performance]"});
    KIND_SAMPLES.put("json", new String[] {"{schema: {type: object}}", "schema: {type: object}"});
    KIND_SAMPLES.put(
        "llm",
        new String[] {
          "{modelId: openai/gpt-4o-mini, prompt: 'Is {{completion}} right for {{input}}? good or"
              + " bad', choices: [{choice: good, score: 1}, {choice: bad, score: 0}]}",
          "value: 'The answer is polite'"
        });
    KIND_SAMPLES.put("unsupported", new String[] {"'len(output) > 3'", "value: 'x > 1'"});
    KIND_SAMPLES.put("not-found", new String[] {"", ""});
    KIND_SAMPLES.put("limit", new String[] {"{max: 2000}", ""});
    KIND_SAMPLES.put(
        "levenshtein", new String[] {"{expected: Perf, maxDistance: 3}", "expected: Perf"});
    KIND_SAMPLES.put(
        "toolCall",
        new String[] {"{name: f, arguments: {q: '{{input}}'}}", "tool: f, arguments: {q: x}"});
    KIND_SAMPLES.put("toolCalls", new String[] {"[f, {name: f}]", "calls: [f]"});
    KIND_SAMPLES.put("noToolCall", new String[] {"true", ""});
  }

  private static final String HEAD =
      """
      name: fixture
      messages:
        - {role: user, content: '{{input}}'}
      tools: [{name: f}]
      """;

  @Test
  void theSchemaIsAValidDraft202012Schema() {
    ObjectNode schema = PromptFileSchema.build();
    assertThat(schema.get("$schema").asText()).isEqualTo(PromptFileSchema.DIALECT);
    assertThat(SchemaChecks.META.validate(schema)).isEmpty();
    assertThat(SchemaChecks.PROMPT_FILE).isNotNull();
  }

  @Test
  void theTextIsTheSameOnEveryRunAndEndsInANewline() {
    String a = PromptFileSchema.text(EvaluatorSyntaxes.installed());
    String b = PromptFileSchema.text(EvaluatorSyntaxes.installed());
    assertThat(a).isEqualTo(b).endsWith("}\n").doesNotContain("\r");
  }

  @Test
  void camelCaseFileValidates() {
    assertLoadsAndValidates(
        """
        name: Python Performance Optimization
        version: 0.1.0
        description: reviews code
        metadata: {domain: technical, tags: [python]}
        model: openai/gpt-4o
        modelParameters: {temperature: 0.1, maxTokens: 800, topP: 1, stop: ["END"], seed: 7, presencePenalty: 0, frequencyPenalty: 0.5}
        responseFormat: text
        variables:
          - {name: input, description: code to review, required: true}
          - {name: tone, default: terse}
        messages:
          - {role: system, content: "You are {{tone}}."}
          - role: User
            content: [{type: text, text: "{{input}}"}]
        testData:
          - {input: "def f(): ...", expected: "## Performance Analysis"}
          - {input: b, expectedOutput: c, evaluators: [{string: {contains: c}}]}
        evaluators:
          - name: has analysis header
            regex: {pattern: '^## .*Performance Analysis', flags: m}
          - name: required sections
            headers: {expect: ["Performance Analysis"], order: true}
          - name: mentions profiling
            string: {contains: cProfile}
          - uses: github/coherence
        """);
  }

  @Test
  void snakeCaseFileValidates() {
    assertLoadsAndValidates(
        """
        name: snake
        author: someone
        authors: [a, b]
        tags: [x]
        license: MIT
        id: snake-1
        last_modified: 2024-05-01
        filepath: prompts/snake.prompt.yml
        x-owner: team
        _note: ignored
        model_parameters: {temperature: "0.2", max_tokens: 100, top_p: 0.9, stop: END, presence_penalty: 0.1, frequency_penalty: 0.1}
        response_format: {type: json_schema}
        json_schema: {name: answer, strict: true, schema: {type: object}}
        variables: {input: default text, tone: {description: how, required: no}}
        messages:
          - {role: user, content: '{{input}} {{tone}}'}
        test_data:
          - {input: a, tone: b, expected_output: c}
        evaluators:
          - type: json_schema
            schema: {type: object}
        """);
    assertLoadsAndValidates(
        """
        name: completion tokens
        model_parameters: {max_completion_tokens: 100}
        messages: [{role: user, content: hi}]
        """);
  }

  @Test
  void variableGroupsAndTextCasesValidate() {
    assertLoadsAndValidates(
        HEAD
            + """
        testData:
          - vars: {input: a}
          - inputs: {input: b}
          - variables: {input: c}
          - vars: just the input text
          - inputs: [{name: input, value: d}]
          - {id: case-6, input: e, expectedOutputs: f, assert: [{string: {contains: f}}]}
          - {name: case-7, input: g, expected_output: h}
          - a bare text case
        """);
    assertLoadsAndValidates(
        """
        name: one declared variable
        variables: [topic]
        messages: [{role: user, content: 'About {{topic}}'}]
        testData:
          - vars: cats
        """);
  }

  @Test
  void testDataAsAPathAndNoTestDataValidate() {
    Fixtures.write(dir, "cases.jsonl", "{\"input\": \"a\", \"expected\": \"b\"}\n");
    assertLoadsAndValidates(HEAD + "testData: cases.jsonl\n");
    assertLoadsAndValidates(HEAD.replace("'{{input}}'", "hello") + "testData: []\n");
    assertLoadsAndValidates(HEAD.replace("'{{input}}'", "hello"));
  }

  @Test
  void everyEvaluatorKindInKeyedAndTypedFormValidates() {
    EvaluatorSyntaxes kinds = EvaluatorSyntaxes.installed();
    StringBuilder entries = new StringBuilder();
    for (EvaluatorSyntax<?> kind : kinds.all()) {
      String[] sample = KIND_SAMPLES.get(kind.name());
      assertThat(sample).as("a sample for evaluator kind '%s'", kind.name()).isNotNull();
      for (String key : kind.keys()) {
        String body = key.equals("rule") || key.equals("criterion") ? "'Is polite'" : sample[0];
        entries.append("  - {name: '").append(key).append("', ").append(key).append(": ");
        entries.append(body).append("}\n");
      }
      for (String alias : kind.typeAliases()) {
        entries.append("  - {name: 'type ").append(alias).append("', type: '").append(alias);
        entries.append("'").append(sample[1].isEmpty() ? "" : ", " + sample[1]).append("}\n");
      }
    }
    assertLoadsAndValidates(
        HEAD
            + """
        testData: [{input: a, expected: Perf}]
        evaluators:
          - uses: github/coherence
          - {uses: github/similarity, name: similar}
          - rule: The answer is polite
          - The answer names a profiler
          - python: len(output) > 3
          - {evaluator: regex, pattern: x}
          - {type: Regex_Match, pattern: x}
          - {type: some-future-kind, whatever: 1}
        """
            + entries);
  }

  @Test
  void toolsAndToolChoiceValidate() {
    assertLoadsAndValidates(
        """
        name: tools
        messages: [{role: user, content: hi}]
        tools:
          - type: function
            function:
              name: get_weather
              description: The weather in a city
              parameters: {type: object, properties: {city: {type: string}}, required: [city]}
          - {name: get_time}
          - function: {name: lookup, parameters: '{"type": "object"}'}
        toolChoice: get_weather
        """);
    for (String choice :
        List.of("auto", "required", "none", "{type: function, function: {name: f}}")) {
      assertLoadsAndValidates(
          "messages: [{role: user, content: hi}]\ntools: [{name: f}]\ntool_choice: "
              + choice
              + "\n");
    }
    assertLoadsAndValidates(
        "messages: [{role: user, content: hi}]\n"
            + "tools: '[{\"type\": \"function\", \"function\": {\"name\": \"f\"}}]'\n");
    for (String bad :
        List.of(
            "tools: [{type: function, function: {name: 'a b'}}]",
            "tools: [{type: function, function: {name: f, parameters: {type: string}}}]",
            "tools: [{type: retrieval, function: {name: f}}]",
            "tools: 5")) {
      String yaml = "messages: [{role: user, content: hi}]\n" + bad + "\n";
      assertThat(Fixtures.load(dir, yaml).diagnostics().hasErrors())
          .as("parser refuses %s", bad)
          .isTrue();
      assertThat(SchemaChecks.problems(dir.resolve("a.yml"), yaml))
          .as("schema refuses %s", bad)
          .isNotEmpty();
    }
  }

  @Test
  void theSchemaRefusesWhatTheParserRefusesForItsShape() {
    assertThat(SchemaChecks.problems(dir.resolve("a.yml"), "name: x\n")).isNotEmpty();
    for (String bad :
        List.of(
            "messages: [{role: robot, content: hi}]",
            "messages: [{role: user}]",
            "messages: hello",
            "messages: [{role: user, content: hi}]\ntestData: 5",
            "messages: [{role: user, content: hi}]\nevaluators: check it",
            "messages: [{role: user, content: hi}]\nmodelParameters: {maxTokens: many}",
            "messages: [{role: user, content: hi}]\nresponseFormat: xml")) {
      Fixtures.Loaded loaded = Fixtures.load(dir, bad + "\n");
      assertThat(loaded.diagnostics().hasErrors()).as("parser refuses %s", bad).isTrue();
      assertThat(SchemaChecks.problems(dir.resolve("a.yml"), bad + "\n"))
          .as("schema refuses %s", bad)
          .isNotEmpty();
    }
  }

  @Test
  void everyWordOfTheParserTablesAndKindsIsInTheSchema() {
    ObjectNode schema = PromptFileSchema.build();
    Set<String> properties = new TreeSet<>();
    Set<String> values = new TreeSet<>();
    List<String> undescribed = new ArrayList<>();
    walk(schema, "#", properties, values, undescribed);

    List<PromptFileKeys.Key> keys = new ArrayList<>();
    keys.addAll(PromptFileKeys.TOP_LEVEL);
    keys.addAll(PromptFileKeys.PARAMETERS);
    keys.addAll(PromptFileKeys.VARIABLE_FIELDS);
    keys.addAll(PromptFileKeys.MESSAGE_FIELDS);
    keys.addAll(PromptFileKeys.CASE_VAR_GROUPS);
    keys.addAll(PromptFileKeys.EVALUATOR_FIELDS);
    keys.addAll(PromptFileKeys.USES_FIELDS);
    keys.addAll(PromptFileKeys.TOOL_FIELDS);
    keys.addAll(PromptFileKeys.FUNCTION_FIELDS);
    keys.addAll(
        List.of(
            PromptFileKeys.CASE_EXPECTED, PromptFileKeys.CASE_EVALUATORS, PromptFileKeys.CASE_ID));
    for (PromptFileKeys.Key key : keys) {
      assertThat(properties).as("spellings of %s", key.name()).containsAll(key.spellings());
      assertThat(key.description()).isNotBlank();
    }
    assertThat(values).containsAll(PromptFileKeys.spellings(PromptFileKeys.RESPONSE_FORMATS));
    assertThat(values).containsAll(PromptFileKeys.spellings(PromptFileKeys.TOOL_CHOICES));
    assertThat(properties)
        .containsAll(EvaluatorSyntaxes.COMMON_FIELDS)
        .containsAll(EvaluatorSyntaxes.USES_FIELDS);
    for (EvaluatorSyntax<?> kind : EvaluatorSyntaxes.installed().all()) {
      assertThat(properties).as("keys of %s", kind.name()).containsAll(kind.keys());
      assertThat(properties).as("fields of %s", kind.name()).containsAll(kind.fields());
      assertThat(values).as("type aliases of %s", kind.name()).containsAll(kind.typeAliases());
      if (!kind.keys().isEmpty() || !kind.typeAliases().isEmpty()) {
        assertThat(kind.description()).as("description of %s", kind.name()).isNotBlank();
      }
    }
    for (Role role : Role.values()) {
      assertThat(values).contains(role.id());
    }
    assertThat(values).containsAll(BuiltinJudges.names());
    assertThat(undescribed).as("properties and definitions without a description").isEmpty();
  }

  /** Collects property names and enum/example values; notes any property without a description. */
  private static void walk(
      JsonNode node, String at, Set<String> properties, Set<String> values, List<String> bare) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, properties, values, bare);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String where = at + "/" + f.getKey();
      if (f.getKey().equals("properties") || f.getKey().equals("$defs")) {
        for (Map.Entry<String, JsonNode> prop : f.getValue().properties()) {
          if (f.getKey().equals("properties")) {
            properties.add(prop.getKey());
          }
          if (!prop.getValue().path("description").isTextual()
              || prop.getValue().path("description").asText().isBlank()) {
            bare.add(where + "/" + prop.getKey());
          }
        }
      }
      if (f.getKey().equals("enum") || f.getKey().equals("examples")) {
        f.getValue().forEach(v -> values.add(v.asText()));
      }
      walk(f.getValue(), where, properties, values, bare);
    }
  }

  @Test
  void imagePartsValidateAndAnUnknownPartTypeDoesNot() throws IOException {
    Files.write(dir.resolve("cat.png"), ImagePartsTest.PNG);
    assertLoadsAndValidates(
        """
        name: look
        messages:
          - role: user
            content:
              - {type: text, text: 'What is {{name}}?'}
              - {type: image, file: cat.png}
              - {type: image, url: 'https://example.com/{{name}}.webp'}
              - {type: image_url, image_url: {url: 'https://example.com/b.png'}}
        testData:
          - {name: tom}
        """);
    assertThat(
            SchemaChecks.problems(
                dir.resolve("a.prompt.yml"),
                "name: x\nmessages:\n  - role: user\n    content: [{type: audio, file: a.wav}]\n"))
        .isNotEmpty();
  }

  private void assertLoadsAndValidates(String yaml) {
    Fixtures.Loaded loaded = Fixtures.load(dir, yaml);
    assertThat(loaded.diagnostics().hasErrors())
        .as("promptcheck loads the fixture without errors:%n%s%n%s", loaded.messages(), yaml)
        .isFalse();
    assertThat(SchemaChecks.problems(dir.resolve("case.prompt.yml"), yaml))
        .as("schema problems of%n%s", yaml)
        .isEmpty();
  }

  /** The schema flags what the parser refuses as misspelt, and allows what it only warns about. */
  @Test
  void aNearMissOfAKnownKeyIsFlaggedOtherUnknownKeysAreNot() {
    for (String near : List.of("evaluator", "testdata", "mesages", "Evaluators", "modle")) {
      assertThat(SchemaChecks.problems(dir.resolve("f.prompt.yml"), HEAD + near + ": x\n"))
          .as(near)
          .isNotEmpty();
    }
    for (String other : List.of("owner", "x-team", "_note")) {
      assertThat(SchemaChecks.problems(dir.resolve("f.prompt.yml"), HEAD + other + ": x\n"))
          .as(other)
          .isEmpty();
    }
  }

  /** string: {contians: x} is refused by the parser, so the schema flags it too. */
  @Test
  void aNearMissInsideAStringCheckIsFlaggedItsFieldsAreNot() {
    String head = HEAD + "evaluators:\n  - name: s\n    string:\n      ";
    for (String near : List.of("contians: x", "Contains: x", "startWith: x", "notcontains: x")) {
      assertThat(Fixtures.load(dir, head + near + "\n").diagnostics().hasErrors())
          .as("the parser refuses %s", near)
          .isTrue();
      assertThat(SchemaChecks.problems(dir.resolve("f.prompt.yml"), head + near + "\n"))
          .as(near)
          .isNotEmpty();
    }
    for (String fine :
        List.of("contains: x", "endsWith: x", "ignoreCase: true\n      contains: x")) {
      assertThat(SchemaChecks.problems(dir.resolve("f.prompt.yml"), head + fine + "\n"))
          .as(fine)
          .isEmpty();
    }
  }
}
