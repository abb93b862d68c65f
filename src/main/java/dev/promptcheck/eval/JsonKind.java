package dev.promptcheck.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SchemaText;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import java.util.List;
import java.util.Optional;

/**
 * {@code json:} (optionally with a schema, or {@code json: {schema: ...}}), {@code type:
 * is_json|json_schema} with {@code schema} or {@code value}: the output must be JSON, valid against
 * the schema when one is given, else against the file's {@code jsonSchema} ({@link JsonEvaluator}).
 */
final class JsonKind implements EvaluatorKind<EvaluatorSpec.Json> {

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String description() {
    return "The output (or a ```json block in it) must be JSON, and valid against schema"
        + " when one is given.";
  }

  @Override
  public Class<EvaluatorSpec.Json> specType() {
    return EvaluatorSpec.Json.class;
  }

  @Override
  public List<String> keys() {
    return List.of("json");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("json", "is_json", "is-json", "json_schema", "json-schema");
  }

  @Override
  public List<String> fields() {
    return List.of("schema", "value");
  }

  /** Beside a {@code type:}, {@code json:} is that type's value, not this kind. */
  @Override
  public Optional<YMap.Entry> selectingKey(YMap entry) {
    return entry.has("type") ? Optional.empty() : EvaluatorKind.super.selectingKey(entry);
  }

  @Override
  public List<EvaluatorSpec.Json> parse(EvaluatorEntry entry) {
    YNode node =
        entry.typed()
            ? entry.map().first("schema", "value").map(YMap.Entry::value).orElse(null)
            : entry.body();
    SourceRef where = node == null ? entry.where() : node.where();
    Object schema = null;
    if (node instanceof YMap m) {
      YNode s = m.get("schema").orElse(m);
      schema = SchemaText.parse(s, entry.read());
    } else if (node instanceof YScalar sc && !sc.isNull() && sc.text().trim().startsWith("{")) {
      schema = SchemaText.parse(node, entry.read());
    }
    return List.of(new EvaluatorSpec.Json(entry.label(), schema, where));
  }

  @Override
  public Evaluator compile(EvaluatorSpec.Json spec, PromptFile file) {
    Object schema = spec.schema() != null ? spec.schema() : file.outputSchema();
    if (schema == null || schema instanceof JsonNode) {
      return new JsonEvaluator(spec, schema instanceof JsonNode tree ? tree : null);
    }
    throw new IllegalArgumentException("the schema is not a JSON document");
  }

  @Override
  public String compileErrorCode() {
    return "bad-schema";
  }
}
