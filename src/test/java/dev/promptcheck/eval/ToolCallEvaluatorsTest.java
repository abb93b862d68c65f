package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.model.ToolCall;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolCall}, {@code toolCalls} and {@code noToolCall}: the calls a model made, matched by
 * name, validated against the tool's own parameters schema, and compared by argument subset; each
 * failure names what differed.
 */
class ToolCallEvaluatorsTest {
  @TempDir Path dir;

  private static final String FILE =
      """
      name: t
      tools:
        - type: function
          function:
            name: get_weather
            parameters:
              type: object
              properties:
                city: {type: string}
                days: {type: integer, minimum: 1}
                where: {type: object, properties: {country: {type: string}}}
              required: [city]
        - {name: get_time}
      messages: [{role: user, content: 'weather in {{city}}'}]
      testData:
        - {city: Oslo}
      evaluators:
      """;

  private Verdict check(String evaluator, ToolCall... calls) {
    return check(evaluator, "", calls);
  }

  private Verdict check(String evaluator, String text, ToolCall... calls) {
    Fixtures.Loaded loaded = Fixtures.load(dir, FILE + "  - " + evaluator + "\n");
    PromptFile file = loaded.get();
    Diagnostics d = new Diagnostics();
    EvaluatorCompiler compiled = EvaluatorCompiler.compile(file, d);
    assertThat(loaded.diagnostics().hasErrors() || d.hasErrors())
        .as(loaded.messages() + d.all())
        .isFalse();
    Evaluator e = compiled.forCase(file.testCases().get(0)).get(0);
    assertThat(e.readsText()).isFalse();
    return e.evaluate(
        new EvaluationInput(
            text, Map.of("city", "Oslo"), 1, null, null, Judges.NONE, List.of(calls)));
  }

  private static ToolCall call(String name, String args) {
    return new ToolCall(name, args);
  }

  @Test
  void toolCallPassesOnACallWithThatNameWhoseArgumentsContainTheGivenOnes() {
    Verdict v =
        check(
            "{toolCall: {name: get_weather, arguments: {city: '{{city}}'}}}",
            call("get_time", "{}"),
            call("get_weather", "{\"city\":\"Oslo\",\"days\":2}"));
    assertThat(v.status()).as(v.reason()).isEqualTo(Status.PASS);
    assertThat(v.reason()).isEqualTo("called get_weather({\"city\":\"Oslo\",\"days\":2})");
    assertThat(check("{toolCall: get_time}", call("get_time", "")).status()).isEqualTo(Status.PASS);
    // typed form: name is the check's name, tool the tool's
    Verdict typed =
        check(
            "{type: tool-call, name: weather, tool: get_weather, arguments: {city: Oslo}}",
            call("get_weather", "{\"city\":\"Oslo\"}"));
    assertThat(typed.status()).as(typed.reason()).isEqualTo(Status.PASS);
    assertThat(typed.name()).isEqualTo("weather");
    // numbers by value, nested objects by subset
    assertThat(
            check(
                    "{toolCall: {name: get_weather, arguments: {days: 2.0, where: {country: Norway}}}}",
                    call(
                        "get_weather",
                        "{\"city\":\"Oslo\",\"days\":2,\"where\":{\"country\":\"Norway\",\"x\":1}}"))
                .status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void aFailureNamesTheArgumentThatDiffered() {
    Verdict wrong =
        check(
            "{toolCall: {name: get_weather, arguments: {city: '{{city}}'}}}",
            call("get_weather", "{\"city\":\"Bergen\"}"));
    assertThat(wrong.status()).isEqualTo(Status.FAIL);
    assertThat(wrong.reason()).isEqualTo("argument city is \"Bergen\", expected \"Oslo\"");
    Verdict nested =
        check(
            "{toolCall: {name: get_weather, arguments: {where: {country: Norway}}}}",
            call("get_weather", "{\"city\":\"Oslo\",\"where\":{}}"));
    assertThat(nested.reason())
        .isEqualTo("argument where.country is missing (expected \"Norway\")");
    Verdict none = check("{toolCall: get_weather}", call("get_time", "{}"));
    assertThat(none.reason()).isEqualTo("no call of get_weather: the model called get_time({})");
    assertThat(check("{toolCall: get_weather}").reason())
        .isEqualTo("no call of get_weather: the model called no tool");
  }

  @Test
  void aCallWhoseArgumentsBreakTheToolsSchemaFailsWithTheSchemaError() {
    Verdict v =
        check("{toolCall: get_weather}", call("get_weather", "{\"city\":\"Oslo\",\"days\":0}"));
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.reason())
        .startsWith("get_weather's arguments do not match its parameters schema at /days: ")
        .contains("minimum");
    Verdict missing = check("{toolCall: get_weather}", call("get_weather", "{\"days\":1}"));
    assertThat(missing.reason()).contains("(missing /city)");
    Verdict notJson = check("{toolCall: get_weather}", call("get_weather", "{city: Oslo"));
    assertThat(notJson.reason())
        .isEqualTo("get_weather's arguments are not a JSON object: {city: Oslo");
  }

  @Test
  void toolCallsIsAnOrderedSequence() {
    String both = "{toolCalls: [get_time, {name: get_weather, arguments: {city: Oslo}}]}";
    assertThat(
            check(both, call("get_time", "{}"), call("get_weather", "{\"city\":\"Oslo\"}"))
                .status())
        .isEqualTo(Status.PASS);
    Verdict swapped =
        check(both, call("get_weather", "{\"city\":\"Oslo\"}"), call("get_time", "{}"));
    assertThat(swapped.status()).isEqualTo(Status.FAIL);
    assertThat(swapped.reason())
        .isEqualTo("call 1: called get_weather({\"city\":\"Oslo\"}), not get_time");
    Verdict wrongArg =
        check(both, call("get_time", "{}"), call("get_weather", "{\"city\":\"Rome\"}"));
    assertThat(wrongArg.reason()).isEqualTo("call 2: argument city is \"Rome\", expected \"Oslo\"");
    Verdict short1 = check(both, call("get_time", "{}"));
    assertThat(short1.reason())
        .isEqualTo("2 calls expected (get_time, get_weather), the model called get_time({})");
  }

  @Test
  void noToolCallPassesOnlyWithoutCalls() {
    assertThat(check("{noToolCall: true}", "It is sunny.").status()).isEqualTo(Status.PASS);
    Verdict v = check("{noToolCall: true}", call("get_time", "{}"));
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.reason()).isEqualTo("the model called get_time({}), expected no call");
  }

  @Test
  void aCheckNamingAnUndeclaredToolOrWrittenWrongIsALocatedError() {
    Diagnostics d = new Diagnostics();
    Fixtures.Loaded loaded = Fixtures.load(dir, FILE + "  - {toolCall: get_wether}\n");
    EvaluatorCompiler.compile(loaded.get(), d);
    assertThat(d.all())
        .filteredOn(Diagnostic::isError)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.message())
                  .contains("toolCall names 'get_wether', which the file's tools do not declare")
                  .contains("(get_weather, get_time)");
              assertThat(e.where().line()).isEqualTo(18);
            });
    for (String bad :
        List.of(
            "{noToolCall: false}",
            "{toolCalls: []}",
            "{toolCall: {arguments: {city: x}}}",
            "{toolCall: {name: get_weather, arguments: [x]}}",
            "{type: tool-call, name: weather}")) {
      Fixtures.Loaded b = Fixtures.load(dir, FILE + "  - " + bad + "\n");
      assertThat(b.diagnostics().hasErrors()).as(bad).isTrue();
      assertThat(
              b.diagnostics().all().stream()
                  .filter(Diagnostic::isError)
                  .findFirst()
                  .get()
                  .where()
                  .line())
          .as(bad)
          .isEqualTo(18);
    }
  }

  @Test
  void aVariableNoCaseGivesInAnExpectedArgumentIsAnError() {
    Fixtures.Loaded loaded =
        Fixtures.load(
            dir,
            FILE
                + "  - {name: w, toolCalls: [get_time, {name: get_weather, arguments: {city:"
                + " '{{cty}}'}}]}\n");
    assertThat(loaded.messages())
        .contains(
            "case.prompt.yml:18:26: error: '{{cty}}' in evaluator 'w' has no value in test case 1")
        .contains("did you mean 'city'?");
  }
}
