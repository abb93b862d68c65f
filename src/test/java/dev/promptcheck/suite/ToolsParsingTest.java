package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools:} and {@code toolChoice}, in the shape of OpenAI's chat API, as YAML or a JSON text;
 * each mistake is a located error.
 */
class ToolsParsingTest {
  @TempDir Path dir;

  private static final String HEAD = "name: t\nmessages: [{role: user, content: hi}]\n";

  private static final String WEATHER =
      "tools:\n"
          + "  - type: function\n"
          + "    function:\n"
          + "      name: get_weather\n"
          + "      description: The weather in a city\n"
          + "      parameters:\n"
          + "        type: object\n"
          + "        properties:\n"
          + "          city: {type: string}\n"
          + "        required: [city]\n"
          + "  - type: function\n"
          + "    function: {name: get_time}\n";

  private List<Diagnostic> errors(String yaml) {
    return Fixtures.load(dir, HEAD + yaml).diagnostics().all().stream()
        .filter(Diagnostic::isError)
        .toList();
  }

  @Test
  void toolsWrittenAsYamlLoadWithTheirSchemas() {
    Fixtures.Loaded loaded = Fixtures.load(dir, HEAD + WEATHER + "toolChoice: required\n");
    assertThat(loaded.diagnostics().all()).isEmpty();
    Tools tools = loaded.get().tools();
    assertThat(tools.definitions())
        .extracting(Tool::name)
        .containsExactly("get_weather", "get_time");
    Tool weather = tools.definitions().get(0);
    assertThat(weather.description()).isEqualTo("The weather in a city");
    assertThat(weather.parameters().path("properties").path("city").path("type").asText())
        .isEqualTo("string");
    assertThat(weather.parameters().path("required").get(0).asText()).isEqualTo("city");
    assertThat(weather.where().line()).isEqualTo(6); // the function's mapping
    // a function without parameters takes an empty object, as providers expect
    assertThat(tools.definitions().get(1).parameters().toString())
        .isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    assertThat(tools.choice()).isEqualTo("required");
    assertThat(tools.mustCall()).isTrue();
    assertThat(tools.sent()).hasSize(2);
  }

  @Test
  void toolsAsAJsonTextAndTheChoiceAsANameLoad() {
    String json =
        "tools: '[{\"type\": \"function\", \"function\": {\"name\": \"lookup\", \"parameters\":"
            + " {\"type\": \"object\", \"properties\": {\"query\": {\"type\": \"string\"}}}}},"
            + " {\"type\": \"function\", \"function\": {\"name\": \"other\"}}]'\n"
            + "tool_choice: lookup\n";
    Fixtures.Loaded loaded = Fixtures.load(dir, HEAD + json);
    assertThat(loaded.diagnostics().all()).isEmpty();
    Tools tools = loaded.get().tools();
    assertThat(tools.definitions()).extracting(Tool::name).containsExactly("lookup", "other");
    assertThat(tools.choice()).isEqualTo("lookup");
    // the model must call that one: it is the one tool sent
    assertThat(tools.sent()).extracting(Tool::name).containsExactly("lookup");
    assertThat(tools.mustCall()).isTrue();
  }

  @Test
  void noneSendsNoToolsAndAFileWithoutToolsHasNone() {
    Tools none = Fixtures.load(dir, HEAD + WEATHER + "toolChoice: none\n").get().tools();
    assertThat(none.definitions()).hasSize(2);
    assertThat(none.sent()).isEmpty();
    assertThat(none.mustCall()).isFalse();
    assertThat(Fixtures.load(dir, HEAD).get().tools()).isEqualTo(Tools.NONE);
  }

  @Test
  void aToolWithoutANameIsALocatedError() {
    List<Diagnostic> e =
        errors("tools:\n  - type: function\n    function:\n      description: nameless\n");
    assertThat(e)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("bad-tool");
              assertThat(d.message()).contains("a tool needs a 'name'");
              assertThat(d.where().line()).isEqualTo(6);
              assertThat(d.where().column()).isEqualTo(7);
              assertThat(d.format()).contains("case.prompt.yml:6:7");
            });
  }

  @Test
  void parametersThatAreNotAnObjectSchemaAreALocatedError() {
    List<Diagnostic> e =
        errors(
            "tools:\n  - type: function\n    function:\n      name: f\n"
                + "      parameters: {type: string}\n");
    assertThat(e)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("bad-tool");
              assertThat(d.message())
                  .contains("the parameters of tool 'f' must be a JSON Schema of type object")
                  .contains("found type \"string\"");
              assertThat(d.where().line()).isEqualTo(7);
              assertThat(d.where().column()).isEqualTo(19);
            });
    List<Diagnostic> list =
        errors("tools:\n  - function:\n      name: f\n      parameters: [a, b]\n");
    assertThat(list)
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("found a list");
    List<Diagnostic> untyped =
        errors("tools:\n  - function:\n      name: f\n      parameters: '{\"properties\": {}}'\n");
    assertThat(untyped)
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("found no type");
  }

  @Test
  void aToolChoiceNamingNoToolIsALocatedError() {
    List<Diagnostic> e = errors(WEATHER + "toolChoice: get_wether\n");
    assertThat(e)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("bad-tool-choice");
              assertThat(d.message())
                  .contains("toolChoice 'get_wether' names no tool")
                  .contains("(get_weather, get_time)")
                  .contains("did you mean 'get_weather'?");
              assertThat(d.where().line()).isEqualTo(15);
              assertThat(d.where().column()).isEqualTo(13);
            });
    assertThat(errors("toolChoice: required\n"))
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("needs tools");
  }

  @Test
  void otherMistakesAreLocatedErrorsToo() {
    assertThat(errors("tools: '[{\"function\": '\n"))
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("'tools' as a text must be JSON");
    assertThat(errors("tools:\n  - type: retrieval\n"))
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("tool type 'retrieval' is not supported");
    assertThat(errors("tools:\n  - {name: f}\n  - {name: f}\n"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.message()).contains("tool 'f' is declared twice");
              assertThat(d.where().line()).isEqualTo(5);
            });
    assertThat(errors("tools:\n  - {name: 'get weather'}\n"))
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("is not letters, digits, _ and -");
  }
}
