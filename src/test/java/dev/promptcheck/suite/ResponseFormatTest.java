package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code responseFormat} and {@code jsonSchema} as gh models checks them when it loads a file
 * (github/gh-models pkg/prompt/prompt.go:138-166): each refusal is a located error.
 */
class ResponseFormatTest {
  @TempDir Path dir;

  private static final String MESSAGES = "messages: [{role: user, content: hi}]\n";

  private List<Diagnostic> errors(String yaml) {
    return Fixtures.load(dir, "name: t\n" + MESSAGES + yaml).diagnostics().all().stream()
        .filter(Diagnostic::isError)
        .toList();
  }

  @Test
  void theThreeFormatsLoad() {
    for (String format : List.of("text", "json_object")) {
      assertThat(errors("responseFormat: " + format + "\n")).as(format).isEmpty();
    }
    String schema =
        "responseFormat: json_schema\n"
            + "jsonSchema: '{\"name\": \"r\", \"strict\": true, \"schema\": {\"type\": \"object\"}}'\n";
    assertThat(errors(schema)).isEmpty();
    PromptFile f = Fixtures.load(dir, "name: t\n" + MESSAGES + schema).get();
    JsonNode sent = (JsonNode) f.jsonSchema();
    assertThat(sent.path("name").asText()).isEqualTo("r"); // the wrapper goes to the provider
    assertThat(sent.path("strict").asBoolean()).isTrue();
    assertThat(f.outputSchema()).isEqualTo(sent.path("schema")); // json checks use the schema
  }

  @Test
  void anotherFormatIsALocatedError() {
    List<Diagnostic> e = errors("responseFormat: yaml\n");
    assertThat(e).hasSize(1);
    assertThat(e.get(0).code()).isEqualTo("bad-response-format");
    assertThat(e.get(0).where().line()).isEqualTo(3);
    assertThat(e.get(0).where().column()).isEqualTo(17);
    assertThat(e.get(0).message()).contains("'yaml' is not one of text, json_object, json_schema");
  }

  @Test
  void jsonSchemaFormatNeedsAJsonSchemaWithNameAndSchema() {
    List<Diagnostic> none = errors("responseFormat: json_schema\n");
    assertThat(none)
        .extracting(Diagnostic::message)
        .containsExactly(
            "responseFormat json_schema needs a 'jsonSchema' ({name, strict, schema})");
    assertThat(none.get(0).where().line()).isEqualTo(3);

    List<Diagnostic> noName =
        errors("responseFormat: json_schema\njsonSchema: '{\"schema\": {\"type\": \"object\"}}'\n");
    assertThat(noName).hasSize(1);
    assertThat(noName.get(0).message()).contains("needs a 'name'");
    assertThat(noName.get(0).where().line()).isEqualTo(4);

    List<Diagnostic> bare =
        errors("responseFormat: json_schema\njsonSchema: {name: r, type: object}\n");
    assertThat(bare)
        .extracting(Diagnostic::message)
        .singleElement()
        .asString()
        .contains("needs a 'schema'");
  }
}
