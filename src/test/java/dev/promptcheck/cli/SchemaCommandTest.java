package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptcheck schema} prints the prompt file's JSON Schema, the same on every run. */
class SchemaCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void printsTheSchemaAsJsonThatParses() throws Exception {
    Cli.Result first = Cli.run("schema");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).isEmpty();
    JsonNode schema = JSON.readTree(first.out());
    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("properties").has("modelParameters")).isTrue();
    assertThat(schema.path("properties").has("model_parameters")).isTrue();
    assertThat(schema.path("required").toString()).contains("messages");
    assertThat(Cli.run("schema").out()).as("deterministic").isEqualTo(first.out());
  }

  @Test
  void writesTheSameTextToAFileWithOut() throws Exception {
    Path file = dir.resolve("schemas/prompt.schema.json");
    Cli.Result written = Cli.run("schema", "--out", file.toString());
    assertThat(written.exit()).as(written.err()).isZero();
    assertThat(written.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(Cli.run("schema").out());
  }
}
