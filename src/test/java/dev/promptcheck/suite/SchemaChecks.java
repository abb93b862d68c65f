package dev.promptcheck.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates prompt files against {@link PromptFileSchema} as an editor would: the YAML is read the
 * way promptcheck reads it (SnakeYAML's composer, {@link YNode#toPlain}) into a Jackson tree.
 */
final class SchemaChecks {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  static final Schema META =
      REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
  static final Schema PROMPT_FILE = REGISTRY.getSchema(PromptFileSchema.build());

  private SchemaChecks() {}

  /** The YAML text as a JSON tree, with promptcheck's scalar types; null when it does not parse. */
  static JsonNode tree(Path file, String yaml) {
    return YamlReader.read(file, yaml, new Diagnostics())
        .map(YNode::toPlain)
        .map(JSON::<JsonNode>valueToTree)
        .orElse(null);
  }

  /** The schema's complaints about {@code yaml}, one line each: where, then what. */
  static List<String> problems(Path file, String yaml) {
    JsonNode tree = tree(file, yaml);
    if (tree == null) {
      return List.of("not YAML");
    }
    return PROMPT_FILE.validate(tree).stream().map(SchemaChecks::line).toList();
  }

  static String line(Error e) {
    return e.getInstanceLocation() + ": " + e.getMessage();
  }
}
