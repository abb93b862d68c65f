package dev.promptcheck.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.support.Json;

/**
 * A JSON Schema as prompt files give it: a YAML mapping, or (gh models' {@code jsonSchema}) a JSON
 * string, possibly wrapped as {@code {name, strict, schema}}. Returns a Jackson tree, or null after
 * reporting why it cannot be read.
 */
public final class SchemaText {
  private static final ObjectMapper JSON = Json.MAPPER;

  private SchemaText() {}

  public static JsonNode parse(YNode node, FieldReader read) {
    return unwrap(parseObject(node, read));
  }

  /**
   * The JSON object as written, {@code {name, strict, schema}} wrapper included (what gh models
   * sends as {@code response_format.json_schema}); null after reporting why it cannot be read.
   */
  public static JsonNode parseObject(YNode node, FieldReader read) {
    JsonNode tree;
    if (node instanceof YScalar s) {
      if (s.isNull()) {
        return null;
      }
      try {
        tree = JSON.readTree(s.text());
      } catch (Exception e) {
        read.diagnostics()
            .error(
                node.where(),
                "bad-schema",
                "JSON schema text is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        return null;
      }
    } else {
      tree = JSON.valueToTree(YNode.toPlain(node));
    }
    if (tree == null || !tree.isObject()) {
      read.diagnostics().error(node.where(), "bad-schema", "a JSON schema must be an object");
      return null;
    }
    return tree;
  }

  /** The schema itself: the {@code schema} of a {@code {name, strict, schema}} wrapper. */
  public static JsonNode unwrap(JsonNode tree) {
    if (tree != null && tree.has("schema") && tree.get("schema").isObject() && !tree.has("type")) {
      return tree.get("schema");
    }
    return tree;
  }
}
