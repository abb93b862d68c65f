package dev.promptcheck.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.support.Json;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output must be JSON: the whole output, or a fenced {@code ```json} block in it. With a
 * schema, it must also validate; the reason names the JSON pointer of the first violation.
 */
final class JsonEvaluator extends SpecEvaluator<EvaluatorSpec.Json> {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final Pattern FENCED =
      Pattern.compile("(?s)```(?:json|JSON)?[ \\t]*\\r?\\n(.*?)\\r?\\n[ \\t]*```");

  /** The 2020-12 meta-schema (bundled with the validator, no network), loaded on first use. */
  static final class MetaSchema {
    static final SchemaRegistry REGISTRY =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    static final Schema SCHEMA =
        REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
  }

  private final Schema schema;

  /**
   * @throws IllegalArgumentException when the schema itself is invalid
   */
  JsonEvaluator(EvaluatorSpec.Json spec, JsonNode schemaNode) {
    super(spec);
    if (schemaNode == null) {
      this.schema = null;
    } else {
      List<Error> problems = MetaSchema.SCHEMA.validate(schemaNode);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid JSON schema at " + problems.get(0).getMessage());
      }
      try {
        this.schema = MetaSchema.REGISTRY.getSchema(schemaNode);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid JSON schema: " + e.getMessage());
      }
    }
  }

  @Override
  public Verdict evaluate(EvaluationInput input) {
    Optional<JsonNode> parsed = extract(input.output());
    if (parsed.isEmpty()) {
      return new Verdict.Fail(
          name(),
          kind(),
          0,
          "output is not JSON (neither the whole text nor a ```json block parses)"
              + firstError(input.output()));
    }
    if (schema == null) {
      return new Verdict.Pass(name(), kind(), 1, "output is valid JSON");
    }
    List<Error> errors;
    try {
      errors = schema.validate(parsed.get());
    } catch (RuntimeException e) {
      return new Verdict.Error(name(), kind(), "schema validation failed: " + e.getMessage());
    }
    if (errors.isEmpty()) {
      return new Verdict.Pass(name(), kind(), 1, "output is JSON valid against the schema");
    }
    Error first = errors.get(0);
    return new Verdict.Fail(
        name(),
        kind(),
        0,
        "schema violation at "
            + pointer(first)
            + ": "
            + first.getMessage()
            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
  }

  static Optional<JsonNode> extract(String output) {
    String trimmed = output.strip();
    Optional<JsonNode> whole = parse(trimmed);
    if (whole.isPresent()) {
      return whole;
    }
    Matcher m = FENCED.matcher(output);
    while (m.find()) {
      Optional<JsonNode> block = parse(m.group(1).strip());
      if (block.isPresent()) {
        return block;
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> parse(String text) {
    if (text.isEmpty() || !(text.startsWith("{") || text.startsWith("["))) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(text);
      return n == null ? Optional.empty() : Optional.of(n);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static String firstError(String output) {
    String t = output.strip();
    if (!(t.startsWith("{") || t.startsWith("["))) {
      return "";
    }
    try {
      JSON.readTree(t);
      return "";
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      return "; "
          + e.getOriginalMessage()
          + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr());
    }
  }

  static String pointer(Error e) {
    var path = e.getInstanceLocation();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append('/')
          .append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    if (e.getProperty() != null && "required".equals(e.getKeyword())) {
      return (sb.length() == 0 ? "" : sb.toString()) + " (missing /" + e.getProperty() + ")";
    }
    return sb.length() == 0 ? "/ (the root)" : sb.toString();
  }
}
