package dev.promptcheck.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import dev.promptcheck.support.Json;
import dev.promptcheck.support.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a prompt file's {@code tools:} and {@code toolChoice}, a promptcheck extension in the shape
 * of OpenAI's chat API. gh models reads its file into a struct without these fields and skips what
 * it does not know (github/gh-models pkg/prompt/prompt.go:15-26, 111-114), so a file with tools
 * stays valid for gh; here each mistake is a located error, since a tool the provider refuses or a
 * choice naming no tool would fail every call, or test something else than the author meant.
 */
final class ToolsParser {
  static final String BAD_TOOL = "bad-tool";
  static final String BAD_TOOL_CHOICE = "bad-tool-choice";

  /** The names OpenAI accepts for a function (and the other providers a subset of). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final String SHAPE =
      "a list of {type: function, function: {name, description, parameters}}";

  private final FieldReader read;
  private final Diagnostics diagnostics;

  ToolsParser(FieldReader read) {
    this.read = read;
    this.diagnostics = read.diagnostics();
  }

  Tools parse(YMap root) {
    List<Tool> tools =
        root.first(PromptFileKeys.TOOLS.spellingArray())
            .map(e -> tools(e.value()))
            .orElse(List.of());
    String choice =
        root.first(PromptFileKeys.TOOL_CHOICE.spellingArray())
            .map(e -> choice(e.value(), tools))
            .orElse(null);
    return new Tools(tools, choice);
  }

  private List<Tool> tools(YNode node) {
    YNode list = node;
    if (node instanceof YScalar s) {
      if (s.isNull()) {
        return List.of();
      }
      Optional<JsonNode> json = jsonText(s, "tools");
      if (json.isEmpty()) {
        return List.of();
      }
      list = YNode.fromJson(json.get(), s.where());
    }
    if (!(list instanceof YSeq seq)) {
      read.wrongShape(list, "tools", SHAPE);
      return List.of();
    }
    Map<String, Tool> byName = new LinkedHashMap<>();
    for (YNode item : seq.items()) {
      Tool tool = tool(item);
      if (tool == null) {
        continue;
      }
      if (byName.containsKey(tool.name())) {
        diagnostics.error(
            tool.where(),
            BAD_TOOL,
            "tool '"
                + tool.name()
                + "' is declared twice (first at "
                + byName.get(tool.name()).where()
                + "): a call could not say which it means");
        continue;
      }
      byName.put(tool.name(), tool);
    }
    return new ArrayList<>(byName.values());
  }

  private Tool tool(YNode item) {
    if (!(item instanceof YMap entry)) {
      diagnostics.error(
          item.where(),
          BAD_TOOL,
          "a tool must be {type: function, function: {name, description, parameters}}, found "
              + item.shape());
      return null;
    }
    String type = entry.get("type").map(v -> read.text(v, "type")).orElse("function");
    if (!"function".equals(type)) {
      diagnostics.error(
          entry.get("type").get().where(),
          BAD_TOOL,
          "tool type '" + type + "' is not supported: a tool is {type: function, function: ...}");
      return null;
    }
    // the OpenAI shape wraps the function; the flat {name, description, parameters} is accepted too
    YMap function = entry;
    if (entry.has("function")) {
      function = read.map(entry.get("function").get(), "function");
      if (function == null) {
        return null;
      }
    }
    Optional<YNode> nameNode = function.get("name");
    String name = nameNode.map(v -> read.text(v, "name")).orElse(null);
    if (name == null || name.isBlank()) {
      diagnostics.error(
          nameNode.map(YNode::where).orElse(function.where()),
          BAD_TOOL,
          "a tool needs a 'name' (function: {name, description, parameters})");
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      diagnostics.error(
          nameNode.get().where(),
          BAD_TOOL,
          "tool name '"
              + name
              + "' is not letters, digits, _ and - (at most 64), which providers refuse");
      return null;
    }
    String description =
        function.get("description").map(v -> read.text(v, "description")).orElse("");
    ObjectNode parameters =
        function.get("parameters").isPresent()
            ? parameters(function.get("parameters").get(), name)
            : noParameters();
    return parameters == null ? null : new Tool(name, description, parameters, function.where());
  }

  /** A function without parameters takes an empty object, which is what providers expect. */
  private static ObjectNode noParameters() {
    ObjectNode none = Json.MAPPER.createObjectNode();
    none.put("type", "object");
    none.putObject("properties");
    return none;
  }

  /** The parameters' JSON Schema, which must describe an object: a call's arguments are one. */
  private ObjectNode parameters(YNode node, String tool) {
    JsonNode schema = null;
    if (node instanceof YScalar s && !s.isNull()) {
      schema = jsonText(s, "parameters").orElse(null);
      if (schema == null) {
        return null;
      }
    } else if (node instanceof YMap) {
      schema = Json.MAPPER.valueToTree(YNode.toPlain(node));
    }
    String found =
        schema == null
            ? node.shape()
            : !schema.isObject()
                ? "a " + schema.getNodeType().name().toLowerCase(Locale.ROOT)
                : schema.has("type") ? "type " + schema.get("type") : "no type";
    if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asText())) {
      diagnostics.error(
          node.where(),
          BAD_TOOL,
          "the parameters of tool '"
              + tool
              + "' must be a JSON Schema of type object ({type: object, properties: {...}}), found "
              + found);
      return null;
    }
    return (ObjectNode) schema;
  }

  private Optional<JsonNode> jsonText(YScalar s, String field) {
    try {
      return Optional.of(Json.MAPPER.readTree(s.text()));
    } catch (Exception e) {
      diagnostics.error(
          s.where(),
          BAD_TOOL,
          "'"
              + field
              + "' as a text must be JSON ("
              + SHAPE
              + "): "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return Optional.empty();
    }
  }

  /**
   * The choice: auto, required, none, a tool's name, or OpenAI's object form {@code {type:
   * function, function: {name}}}.
   */
  private String choice(YNode written, List<Tool> tools) {
    YNode node = written;
    String choice;
    if (node instanceof YMap m) {
      YMap function =
          m.get("function").filter(YMap.class::isInstance).map(YMap.class::cast).orElse(m);
      choice = function.get("name").map(v -> read.text(v, "toolChoice.name")).orElse(null);
      if (choice == null) {
        diagnostics.error(
            node.where(),
            BAD_TOOL_CHOICE,
            "toolChoice as a mapping names a tool: {type: function, function: {name: ...}}");
        return null;
      }
    } else {
      choice = read.text(node, "toolChoice");
      if (choice == null) {
        return null;
      }
    }
    List<String> names = tools.stream().map(Tool::name).toList();
    if (Tools.CHOICES.contains(choice) && !(node instanceof YMap)) {
      if (Tools.REQUIRED.equals(choice) && tools.isEmpty()) {
        diagnostics.error(
            node.where(),
            BAD_TOOL_CHOICE,
            "toolChoice required needs tools: the file declares none");
        return null;
      }
      return choice;
    }
    if (!names.contains(choice)) {
      List<String> known = new ArrayList<>(Tools.CHOICES);
      known.addAll(names);
      diagnostics.error(
          node.where(),
          BAD_TOOL_CHOICE,
          "toolChoice '"
              + choice
              + "' names no tool: it is auto, required, none or a tool's name ("
              + (names.isEmpty() ? "the file declares no tools" : String.join(", ", names))
              + ")"
              + Suggestions.didYouMean(choice, known).map(s -> "; " + s).orElse(""));
      return null;
    }
    return choice;
  }
}
