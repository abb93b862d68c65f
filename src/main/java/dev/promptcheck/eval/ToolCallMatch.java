package dev.promptcheck.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.promptcheck.model.ToolCall;
import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.Tool;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.support.Json;
import dev.promptcheck.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the tool-call kinds ({@code toolCall}, {@code toolCalls}) share: an expected call as a file
 * writes it ({@code get_weather} or {@code {name, arguments}}), and whether a call the model made
 * is it: its arguments are a JSON object, valid against the tool's own parameters schema, and
 * contain every expected argument (a subset match; {@code {{var}}} in an expected text is filled
 * from the case). A mismatch is said naming what differed, the argument first.
 */
final class ToolCallMatch {

  /** One expected call: the tool's name, and the arguments it must contain (null: any). */
  record Expected(String name, JsonNode arguments, SourceRef where) {
    Expected {
      arguments = arguments == null ? null : arguments.deepCopy();
    }

    @Override
    public String toString() {
      return arguments == null ? name : name + "(" + arguments + ")";
    }

    /** The expected texts, each rendered with the case's values. */
    List<String> templates() {
      List<String> out = new ArrayList<>();
      if (arguments != null) {
        texts(arguments, out);
      }
      return out;
    }

    private static void texts(JsonNode node, List<String> out) {
      if (node.isTextual()) {
        out.add(node.asText());
      }
      node.forEach(child -> texts(child, out)); // an object's values, an array's items
    }
  }

  private final Map<String, Schema> schemas = new HashMap<>();
  private final List<String> declared;

  /**
   * Compiles the file's tools' schemas, for every check of the file to validate calls against.
   *
   * @throws IllegalArgumentException when a tool's parameters are not a valid JSON Schema, or
   *     {@code expected} names a tool the file does not declare
   */
  ToolCallMatch(PromptFile file, String kind, List<Expected> expected) {
    declared = file.tools().definitions().stream().map(Tool::name).toList();
    for (Expected e : expected) {
      if (!declared.contains(e.name())) {
        throw new IllegalArgumentException(
            kind
                + " names '"
                + e.name()
                + "', which the file's tools do not declare ("
                + (declared.isEmpty() ? "it declares none" : String.join(", ", declared))
                + ")");
      }
    }
    for (Tool t : file.tools().definitions()) {
      List<Error> problems = JsonEvaluator.MetaSchema.SCHEMA.validate(t.parameters());
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "the parameters of tool '"
                + t.name()
                + "' are not a valid JSON Schema: "
                + problems.get(0).getMessage());
      }
      schemas.put(t.name(), JsonEvaluator.MetaSchema.REGISTRY.getSchema(t.parameters()));
    }
  }

  /**
   * Reads the expected call of an entry: keyed ({@code toolCall: {name, arguments}}, or a name), or
   * typed ({@code type: tool-call, tool: get_weather, arguments: {...}}, where {@code name:} is the
   * check's own name, as in every typed entry); null after an error.
   */
  static Expected parse(EvaluatorEntry entry, String kind) {
    if (!entry.typed()) {
      return parse(entry.body(), entry, kind);
    }
    YMap m = entry.map();
    Optional<YMap.Entry> tool = m.first("tool", "value");
    if (tool.isEmpty()) {
      entry
          .diagnostics()
          .error(
              m.where(),
              "bad-evaluator",
              "type: " + entry.type() + " needs the tool's name: tool: get_weather");
      return null;
    }
    LinkedHashMap<String, YMap.Entry> fields = new LinkedHashMap<>();
    fields.put("name", new YMap.Entry(tool.get().key(), tool.get().value()));
    m.first("arguments").ifPresent(a -> fields.put("arguments", a));
    return parse(new YMap(fields, m.where()), entry, kind);
  }

  /** Reads an expected call: a tool's name, or {@code {name, arguments}}; null after an error. */
  static Expected parse(YNode node, EvaluatorEntry entry, String kind) {
    if (node instanceof YScalar s && !s.isNull()) {
      return new Expected(s.text(), null, s.where());
    }
    if (!(node instanceof YMap m) || !m.has("name")) {
      entry
          .diagnostics()
          .error(
              node.where(),
              "bad-evaluator",
              kind + " needs a tool's name: " + kind + ": {name: get_weather, arguments: {...}}");
      return null;
    }
    String name = entry.read().text(m.get("name").get(), kind + ".name");
    if (name == null) {
      return null;
    }
    Optional<YNode> args = m.get("arguments");
    if (args.isEmpty() || (args.get() instanceof YScalar s && s.isNull())) {
      return new Expected(name, null, m.where());
    }
    if (!(args.get() instanceof YMap)) {
      entry.read().wrongShape(args.get(), kind + ".arguments", "a mapping of argument values");
      return null;
    }
    return new Expected(name, Json.MAPPER.valueToTree(YNode.toPlain(args.get())), m.where());
  }

  /** Null when {@code call} is {@code want}; else why not, naming what differed. */
  String mismatch(ToolCall call, Expected want, EvaluationInput input) {
    if (!call.name().equals(want.name())) {
      return "called " + call + ", not " + want.name();
    }
    JsonNode args;
    try {
      args = Json.MAPPER.readTree(call.arguments());
    } catch (Exception e) {
      args = null;
    }
    if (args == null || !args.isObject()) {
      return call.name() + "'s arguments are not a JSON object: " + call.arguments();
    }
    Schema schema = schemas.get(call.name());
    if (schema != null) {
      List<Error> errors = schema.validate(args);
      if (!errors.isEmpty()) {
        Error first = errors.get(0);
        return call.name()
            + "'s arguments do not match its parameters schema at "
            + JsonEvaluator.pointer(first)
            + ": "
            + first.getMessage()
            + " (arguments: "
            + call.arguments()
            + ")";
      }
    }
    if (want.arguments() == null) {
      return null;
    }
    return differs(args, render(want.arguments(), input), "").orElse(null);
  }

  /** The first argument of {@code want} that {@code got} lacks or holds another value for. */
  private static Optional<String> differs(JsonNode got, JsonNode want, String at) {
    if (want.isObject()) {
      if (!got.isObject()) {
        return Optional.of(argument(at) + " is " + got + ", expected an object " + want);
      }
      for (Map.Entry<String, JsonNode> e : want.properties()) {
        String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
        JsonNode value = got.get(e.getKey());
        if (value == null) {
          return Optional.of(argument(path) + " is missing (expected " + e.getValue() + ")");
        }
        Optional<String> inner = differs(value, e.getValue(), path);
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (want.isArray()) {
      if (!got.isArray() || got.size() != want.size()) {
        return Optional.of(argument(at) + " is " + got + ", expected " + want);
      }
      for (int i = 0; i < want.size(); i++) {
        Optional<String> inner = differs(got.get(i), want.get(i), at + "[" + i + "]");
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    return same(got, want)
        ? Optional.empty()
        : Optional.of(argument(at) + " is " + got + ", expected " + want);
  }

  private static String argument(String path) {
    return path.isEmpty() ? "the arguments" : "argument " + path;
  }

  /**
   * Equal scalars: numbers by value (2 is 2.0), and an expected text against a number or boolean by
   * its text, since a {@code {{var}}} renders to text whatever the row's type.
   */
  private static boolean same(JsonNode got, JsonNode want) {
    if (got.isNumber() && want.isNumber()) {
      return got.decimalValue().compareTo(want.decimalValue()) == 0;
    }
    if (want.isTextual() && (got.isNumber() || got.isBoolean())) {
      return got.asText().equals(want.asText());
    }
    return got.equals(want);
  }

  /** {@code want} with each text's {@code {{var}}} filled from the case. */
  private static JsonNode render(JsonNode want, EvaluationInput input) {
    if (want.isTextual()) {
      String text = want.asText();
      return text.contains("{{")
          ? JsonNodeFactory.instance.textNode(Template.parse(text).renderLenient(input::lookup))
          : want;
    }
    if (want.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      want.properties().forEach(e -> out.set(e.getKey(), render(e.getValue(), input)));
      return out;
    }
    if (want.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      want.forEach(v -> out.add(render(v, input)));
      return out;
    }
    return want;
  }

  /** What the model did, for a reason: its calls, or that it called none. */
  static String called(EvaluationInput input) {
    return input.toolCalls().isEmpty()
        ? "the model called no tool"
        : "the model called " + ToolCall.describe(input.toolCalls());
  }
}
