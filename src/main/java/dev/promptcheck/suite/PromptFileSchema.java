package dev.promptcheck.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON Schema (draft 2020-12) of a prompt file, for editors ({@code promptcheck schema}). It is
 * built from the tables the parser reads ({@link PromptFileKeys}) and from the evaluator kinds'
 * words ({@link EvaluatorSyntax}: keys, {@code type:} aliases, fields), so every spelling the
 * parser accepts is in it, with its description, and a new key or kind shows up without an edit
 * here.
 *
 * <p>It is as permissive as the parser: what the parser only warns about (unknown keys, an unknown
 * {@code type:}) validates, so a file that loads without errors is valid against it; scalars are
 * accepted where the parser reads any scalar (a number as a name, a numeric text as a number). It
 * is generated in a fixed order, so the text is the same on every run.
 */
public final class PromptFileSchema {
  /** The dialect the schema is written in. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = Json.MAPPER;

  /** A number as YAML writes it, when it is quoted: the parser reads such texts as numbers. */
  private static final String NUMERIC_TEXT =
      "^\\s*[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?\\s*$";

  private static final String BOOLEAN_TEXT =
      "^\\s*(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]|[YyNn])\\s*$";

  private final EvaluatorSyntaxes kinds;

  private PromptFileSchema(EvaluatorSyntaxes kinds) {
    this.kinds = kinds;
  }

  /** The schema for files read with the evaluator kinds installed with promptcheck. */
  public static ObjectNode build() {
    return build(EvaluatorSyntaxes.installed());
  }

  /** The schema for files read with {@code kinds}. */
  public static ObjectNode build(EvaluatorSyntaxes kinds) {
    return new PromptFileSchema(kinds).schema();
  }

  /** The schema as indented JSON with {@code \n} line ends and a final newline. */
  public static String text(EvaluatorSyntaxes kinds) {
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(pretty).writeValueAsString(build(kinds)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the prompt file schema", e);
    }
  }

  private ObjectNode schema() {
    ObjectNode root = NODES.objectNode();
    root.put("$schema", DIALECT);
    root.put("title", "promptcheck prompt file (.prompt.yml)");
    root.put(
        "description",
        "A GitHub Models prompt file and the spellings real prompt files use, as promptcheck"
            + " reads them. Unknown top-level keys are ignored with a warning (keys starting with"
            + " _ or x- silently).");
    root.put("type", "object");
    root.set("required", strings(List.of(PromptFileKeys.MESSAGES.name())));
    ObjectNode props = root.putObject("properties");
    for (PromptFileKeys.Key key : PromptFileKeys.TOP_LEVEL) {
      spell(props, key, topLevel(key));
    }
    List<String> known = new ArrayList<>();
    PromptFileKeys.TOP_LEVEL.forEach(k -> known.addAll(k.spellings()));
    root.set("propertyNames", nearMissesRefused(known, known));
    root.set("$defs", defs());
    return root;
  }

  /**
   * A top-level key one edit from a known spelling (case aside: {@code evaluator}, {@code
   * testdata}, {@code mesages}, {@code modle}) is refused, as the parser refuses it
   * (PromptFileParser's misspelt-key); other unknown keys, and any starting with _ or x-, are
   * allowed. One edit is a subset of what the parser calls near, so an editor never flags a key
   * promptcheck accepts. The same rule guards a kind's fields ({@code string: {contians: x}}): near
   * misses of {@code guarded} are flagged, the {@code known} keys themselves allowed.
   */
  private static ObjectNode nearMissesRefused(List<String> guarded, List<String> known) {
    Set<String> variants = new TreeSet<>();
    for (String k : guarded) {
      String key = k.toLowerCase(Locale.ROOT);
      variants.add(caseless(key));
      for (int i = 0; i <= key.length(); i++) {
        String before = caseless(key.substring(0, i));
        if (i < key.length()) {
          // deletion or substitution of the i-th letter
          variants.add(before + ".?" + caseless(key.substring(i + 1)));
        }
        variants.add(before + "." + caseless(key.substring(i))); // insertion
        if (i + 1 < key.length()) {
          variants.add(
              before
                  + caseless(String.valueOf(key.charAt(i + 1)))
                  + caseless(String.valueOf(key.charAt(i)))
                  + caseless(key.substring(i + 2))); // neighbours swapped
        }
      }
    }
    ObjectNode names = NODES.objectNode();
    names.put(
        "description",
        "A key one edit from a known one is a misspelling promptcheck refuses: write the known key.");
    ObjectNode nearMiss = NODES.objectNode();
    nearMiss.put("pattern", "^(?:" + String.join("|", variants) + ")$");
    ObjectNode notNear = NODES.objectNode();
    notNear.set("not", nearMiss);
    ObjectNode exact = NODES.objectNode();
    exact.set("enum", strings(known));
    ObjectNode extension = NODES.objectNode();
    extension.put("pattern", "^(?:_|x-)");
    names.set("anyOf", array(exact, extension, notNear));
    return names;
  }

  /** {@code text} as a pattern that matches it in any case ({@code [eE][vV]...}). */
  private static String caseless(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char up = Character.toUpperCase(c);
      if (up != c) {
        out.append('[').append(c).append(up).append(']');
      } else if ("\\^$.|?*+()[]{}/".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c); // '_' and '-' need no escape (and ECMA's unicode mode forbids one)
      }
    }
    return out.toString();
  }

  /** The value schema of a top-level key (its description is added by {@link #spell}). */
  private ObjectNode topLevel(PromptFileKeys.Key key) {
    if (key.equals(PromptFileKeys.NAME)
        || key.equals(PromptFileKeys.DESCRIPTION)
        || key.equals(PromptFileKeys.VERSION)
        || key.equals(PromptFileKeys.MODEL)) {
      return ref("text");
    }
    if (key.equals(PromptFileKeys.MODEL_PARAMETERS)) {
      return ref("modelParameters");
    }
    if (key.equals(PromptFileKeys.MESSAGES)) {
      ObjectNode s = NODES.objectNode();
      s.put("type", "array");
      s.set("items", ref("message"));
      return s;
    }
    if (key.equals(PromptFileKeys.VARIABLES)) {
      return ref("variables");
    }
    if (key.equals(PromptFileKeys.TEST_DATA)) {
      return ref("testData");
    }
    if (key.equals(PromptFileKeys.EVALUATORS)) {
      return ref("evaluators");
    }
    if (key.equals(PromptFileKeys.RESPONSE_FORMAT)) {
      return ref("responseFormat");
    }
    if (key.equals(PromptFileKeys.JSON_SCHEMA)) {
      return types("object", "string", "null");
    }
    if (key.equals(PromptFileKeys.TOOLS)) {
      return anyOf(arrayOf(ref("tool")), types("string", "null"));
    }
    if (key.equals(PromptFileKeys.TOOL_CHOICE)) {
      return ref("toolChoice");
    }
    return NODES.objectNode(); // kept or ignored as written: any value
  }

  private ObjectNode defs() {
    ObjectNode defs = NODES.objectNode();
    defs.set("text", described(types("string", "number", "boolean", "null"), "A text."));
    defs.set(
        "number",
        described(
            anyOf(types("number", "null"), pattern(NUMERIC_TEXT)),
            "A number (a quoted number is read as one)."));
    defs.set(
        "integer",
        described(
            anyOf(types("integer", "null"), pattern(NUMERIC_TEXT)),
            "A whole number (a quoted number is read as one)."));
    defs.set(
        "boolean",
        described(
            anyOf(types("boolean", "null"), pattern(BOOLEAN_TEXT)),
            "true or false (also yes/no, on/off, y/n)."));
    defs.set(
        "texts",
        described(anyOf(ref("text"), arrayOf(ref("text"))), "A text, or a list of texts."));
    defs.set("modelParameters", modelParameters());
    defs.set("responseFormat", responseFormat());
    defs.set("variables", variables());
    defs.set("variable", variable());
    defs.set("message", message());
    defs.set("tool", tool());
    defs.set("function", function());
    defs.set("toolChoice", toolChoice());
    defs.set("testData", testData());
    defs.set("testCase", testCase());
    defs.set("evaluators", evaluators());
    defs.set("evaluator", evaluator());
    return defs;
  }

  private ObjectNode modelParameters() {
    ObjectNode s = NODES.objectNode();
    s.put("description", PromptFileKeys.MODEL_PARAMETERS.description());
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    for (PromptFileKeys.Key key : PromptFileKeys.PARAMETERS) {
      ObjectNode value;
      if (key.equals(PromptFileKeys.STOP)) {
        value = ref("texts");
      } else if (key.equals(PromptFileKeys.MAX_TOKENS) || key.equals(PromptFileKeys.SEED)) {
        value = ref("integer");
      } else {
        value = ref("number");
      }
      spell(props, key, value);
    }
    return s;
  }

  private ObjectNode responseFormat() {
    ObjectNode formats = NODES.objectNode();
    formats.set("enum", strings(names(PromptFileKeys.RESPONSE_FORMATS)));
    StringBuilder described = new StringBuilder("One of:");
    PromptFileKeys.RESPONSE_FORMATS.forEach(
        k ->
            described
                .append(' ')
                .append(k.name())
                .append(" (")
                .append(k.description())
                .append(')'));
    formats.put("description", described.toString());
    ObjectNode typed = NODES.objectNode();
    typed.put("type", "object");
    ObjectNode type = typed.putObject("properties").putObject("type");
    type.put(
        "description",
        "The format: " + String.join(", ", names(PromptFileKeys.RESPONSE_FORMATS)) + ".");
    type.set("anyOf", array(formats.deepCopy(), types("null")));
    return described(
        anyOf(formats, typed, types("null")), PromptFileKeys.RESPONSE_FORMAT.description());
  }

  private ObjectNode variables() {
    ObjectNode byName = NODES.objectNode();
    byName.put("type", "object");
    byName.put(
        "description", "A mapping from each variable's name to its default value or fields.");
    byName.set(
        "additionalProperties",
        described(
            anyOf(ref("variable"), types("string", "number", "boolean", "null", "array")),
            "The variable's fields ({description, required, default}), or its default value."));
    ObjectNode item =
        described(
            anyOf(ref("variable"), types("string", "number", "boolean")),
            "A variable: {name, description, required, default}, or just its name.");
    return described(
        anyOf(arrayOf(item), byName, types("null")), PromptFileKeys.VARIABLES.description());
  }

  private ObjectNode variable() {
    ObjectNode s = NODES.objectNode();
    s.put("description", "A declared variable.");
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    for (PromptFileKeys.Key key : PromptFileKeys.VARIABLE_FIELDS) {
      ObjectNode value =
          switch (key.name()) {
            case "required" -> ref("boolean");
            case "default" -> NODES.objectNode();
            default -> ref("text");
          };
      spell(props, key, value);
    }
    return s;
  }

  private ObjectNode message() {
    ObjectNode s = NODES.objectNode();
    s.put("description", "One message: who speaks, and what.");
    s.put("type", "object");
    s.set("required", strings(names(PromptFileKeys.MESSAGE_FIELDS)));
    ObjectNode props = s.putObject("properties");
    for (PromptFileKeys.Key key : PromptFileKeys.MESSAGE_FIELDS) {
      ObjectNode value;
      if (key.name().equals("role")) {
        List<String> roles = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (Role r : Role.values()) {
          roles.add(r.id());
          patterns.add(anyCase(r.id()));
        }
        ObjectNode exact = NODES.objectNode();
        exact.set("enum", strings(roles));
        value = anyOf(exact, pattern("^\\s*(?:" + String.join("|", patterns) + ")\\s*$"));
      } else {
        ObjectNode part = NODES.objectNode();
        part.put(
            "description",
            "A content part: {type: text, text}, {type: image, file|url}, OpenAI's {type:"
                + " image_url, image_url: {url}}, or a text. Images are promptcheck's: gh models"
                + " reads content as a plain string.");
        ObjectNode partMap = NODES.objectNode();
        partMap.put("type", "object");
        partMap.set("required", strings(List.of("text")));
        ObjectNode partProps = partMap.putObject("properties");
        partProps.set("type", described(ref("text"), "The part's type: text."));
        partProps.set("text", described(ref("text"), "The part's text."));
        ObjectNode image = NODES.objectNode();
        image.put("type", "object");
        image.set("required", strings(List.of("type")));
        ObjectNode imageProps = image.putObject("properties");
        ObjectNode imageType = NODES.objectNode();
        imageType.set("enum", strings(List.of("image")));
        imageProps.set("type", described(imageType, "An image part."));
        imageProps.set(
            "file",
            described(
                types("string"),
                "A .png, .jpg/.jpeg, .gif or .webp file, relative to this file and inside the"
                    + " suite root; {{name}} placeholders allowed. Sent as a data URL."));
        imageProps.set(
            "url",
            described(types("string"), "An https:// URL of an image; placeholders allowed."));
        ObjectNode needFile = NODES.objectNode();
        needFile.set("required", strings(List.of("file")));
        ObjectNode needUrl = NODES.objectNode();
        needUrl.set("required", strings(List.of("url")));
        image.set("oneOf", array(needFile, needUrl));
        ObjectNode imageUrl = NODES.objectNode();
        imageUrl.put("type", "object");
        imageUrl.set("required", strings(List.of("type", "image_url")));
        ObjectNode imageUrlProps = imageUrl.putObject("properties");
        ObjectNode imageUrlType = NODES.objectNode();
        imageUrlType.set("enum", strings(List.of("image_url")));
        imageUrlProps.set("type", described(imageUrlType, "OpenAI's spelling of an image part."));
        ObjectNode urlHolder = NODES.objectNode();
        urlHolder.put("type", "object");
        urlHolder.set("required", strings(List.of("url")));
        urlHolder
            .putObject("properties")
            .set("url", described(types("string"), "An https:// URL of an image."));
        imageUrlProps.set(
            "image_url", described(anyOf(urlHolder, types("string")), "{url: https://...}"));
        part.set("anyOf", array(partMap, image, imageUrl, ref("text")));
        value = anyOf(ref("text"), arrayOf(part));
      }
      spell(props, key, value);
    }
    return s;
  }

  /**
   * One entry of {@code tools}: OpenAI's {type: function, function: {...}}, or the bare function.
   */
  private ObjectNode tool() {
    ObjectNode wrapped = NODES.objectNode();
    wrapped.put("type", "object");
    wrapped.set("required", strings(List.of("function")));
    ObjectNode props = wrapped.putObject("properties");
    for (PromptFileKeys.Key key : PromptFileKeys.TOOL_FIELDS) {
      ObjectNode value = NODES.objectNode();
      if (key.name().equals("type")) {
        value.set("enum", strings(List.of("function")));
      } else {
        value = ref("function");
      }
      spell(props, key, value);
    }
    return described(
        anyOf(wrapped, ref("function")),
        "A tool: {type: function, function: {name, description, parameters}}, or the function"
            + " itself.");
  }

  private ObjectNode function() {
    ObjectNode s = NODES.objectNode();
    s.put("description", "A function the model may call.");
    s.put("type", "object");
    s.set("required", strings(List.of("name")));
    ObjectNode props = s.putObject("properties");
    for (PromptFileKeys.Key key : PromptFileKeys.FUNCTION_FIELDS) {
      ObjectNode value;
      if (key.name().equals("name")) {
        value = pattern("^[A-Za-z0-9_-]{1,64}$");
      } else if (key.name().equals("description")) {
        value = ref("text");
      } else {
        ObjectNode object = types("object");
        object.set("properties", NODES.objectNode().set("type", typeObject()));
        value = anyOf(object, types("string"));
      }
      spell(props, key, value);
    }
    return s;
  }

  private static ObjectNode typeObject() {
    ObjectNode type = NODES.objectNode();
    type.put("description", "A tool's parameters describe an object.");
    type.set("const", NODES.textNode("object"));
    return type;
  }

  private ObjectNode toolChoice() {
    ObjectNode choices = NODES.objectNode();
    choices.set("enum", strings(names(PromptFileKeys.TOOL_CHOICES)));
    StringBuilder described = new StringBuilder("One of:");
    PromptFileKeys.TOOL_CHOICES.forEach(
        k ->
            described
                .append(' ')
                .append(k.name())
                .append(" (")
                .append(k.description())
                .append(')'));
    choices.put("description", described.toString());
    ObjectNode name = pattern("^[A-Za-z0-9_-]{1,64}$");
    name.put("description", "The name of the tool the model must call.");
    ObjectNode named = NODES.objectNode();
    named.put("type", "object");
    named.put("description", "OpenAI's form: {type: function, function: {name: ...}}.");
    return described(
        anyOf(choices, name, named, types("null")), PromptFileKeys.TOOL_CHOICE.description());
  }

  private ObjectNode testData() {
    ObjectNode path = NODES.objectNode();
    path.put("type", "string");
    path.put(
        "description",
        "A path, relative to this file, to a .jsonl, .csv or .yaml file of test cases.");
    return described(
        anyOf(arrayOf(ref("testCase")), path, types("null")),
        PromptFileKeys.TEST_DATA.description());
  }

  private ObjectNode testCase() {
    ObjectNode row = NODES.objectNode();
    row.put("type", "object");
    row.put(
        "description",
        "A test case: every key is also a template variable ({{key}}), besides what the keys"
            + " below mean.");
    ObjectNode props = row.putObject("properties");
    for (PromptFileKeys.Key key : PromptFileKeys.CASE_VAR_GROUPS) {
      spell(props, key, NODES.objectNode());
    }
    spell(props, PromptFileKeys.CASE_EXPECTED, NODES.objectNode());
    spell(props, PromptFileKeys.CASE_EVALUATORS, ref("evaluators"));
    spell(props, PromptFileKeys.CASE_ID, NODES.objectNode());
    ObjectNode text =
        described(
            types("string", "number", "boolean"),
            "A test case written as a text: the input variable (or the one declared variable).");
    return described(anyOf(row, text), "One test case.");
  }

  private ObjectNode evaluators() {
    return described(
        anyOf(arrayOf(ref("evaluator")), types("null")), PromptFileKeys.EVALUATORS.description());
  }

  /** One entry: a criterion text, or a mapping in a kind's keyed or typed form, or a uses:. */
  private ObjectNode evaluator() {
    List<ObjectNode> forms = new ArrayList<>();
    ObjectNode criterion = types("string", "number", "boolean");
    criterion.put("title", "criterion");
    criterion.put("minLength", 1);
    criterion.put(
        "description",
        "A criterion in plain words, judged by an LLM (skipped, with a reason, when no judge model"
            + " is configured).");
    forms.add(criterion);
    for (EvaluatorSyntax<?> kind : kinds.all()) {
      for (String key : kind.keys()) {
        ObjectNode form = entry(kind, kind.name() + " (" + key + ":)");
        form.set("required", strings(List.of(key)));
        ObjectNode body = fields(kind);
        if (!kind.refusedNearMissesOf().isEmpty()) {
          // string: {contians: x} is refused by the parser (StringKind), so flagged here too
          List<String> allowed = new ArrayList<>(kind.fields());
          allowed.addAll(kind.refusedNearMissesOf());
          body.set(
              "propertyNames",
              nearMissesRefused(kind.refusedNearMissesOf(), allowed.stream().distinct().toList()));
        }
        body.put(
            "description",
            kindDescription(kind)
                + " Written as "
                + key
                + ": followed by its value or a mapping of its fields.");
        ((ObjectNode) form.get("properties")).set(key, body);
        forms.add(form);
      }
    }
    ObjectNode uses = NODES.objectNode();
    uses.put("title", "uses");
    uses.put("description", PromptFileKeys.USES.description());
    uses.put("type", "object");
    uses.set("required", strings(List.of(PromptFileKeys.USES.name())));
    ObjectNode usesProps = uses.putObject("properties");
    common(usesProps);
    ObjectNode ref = ref("text");
    ref.set("examples", strings(BuiltinJudges.names()));
    spell(usesProps, PromptFileKeys.USES, ref);
    spell(usesProps, PromptFileKeys.USES_WITH, types("object"));
    forms.add(uses);
    for (EvaluatorSyntax<?> kind : kinds.all()) {
      if (kind.typeAliases().isEmpty()) {
        continue;
      }
      ObjectNode form = entry(kind, kind.name() + " (type:)");
      form.set("required", strings(List.of("type")));
      ObjectNode type = NODES.objectNode();
      type.put(
          "description",
          kindDescription(kind)
              + " Named by type: "
              + String.join(", ", kind.typeAliases())
              + " (case is ignored).");
      type.set("enum", strings(kind.typeAliases()));
      ((ObjectNode) form.get("properties")).set("type", type);
      forms.add(form);
    }
    for (String typeKey : List.of("type", "evaluator")) {
      ObjectNode any = NODES.objectNode();
      any.put("title", "other " + typeKey + ":");
      any.put(
          "description",
          "An entry with a "
              + typeKey
              + ": that no kind above names (in another case, or unknown): an unknown type is"
              + " skipped with a warning.");
      any.put("type", "object");
      any.set("required", strings(List.of(typeKey)));
      common(any.putObject("properties"));
      forms.add(any);
    }
    ObjectNode s = NODES.objectNode();
    s.put(
        "description",
        "One check: a criterion text, or a mapping whose key (regex:, string:, llm:, uses:, ...)"
            + " or type: names its kind. Several entries can share a kind.");
    s.set("anyOf", array(forms.toArray(ObjectNode[]::new)));
    return s;
  }

  /** A mapping form of {@code kind}: the common fields and the kind's fields beside them. */
  private ObjectNode entry(EvaluatorSyntax<?> kind, String title) {
    ObjectNode form = NODES.objectNode();
    form.put("title", title);
    form.put("description", kindDescription(kind));
    form.put("type", "object");
    ObjectNode props = form.putObject("properties");
    common(props);
    ObjectNode beside = (ObjectNode) fields(kind).get("properties");
    beside.properties().forEach(f -> props.putIfAbsent(f.getKey(), f.getValue()));
    return form;
  }

  /** The kind's fields as properties, for a mapping written under its key or beside type:. */
  private ObjectNode fields(EvaluatorSyntax<?> kind) {
    ObjectNode body = NODES.objectNode();
    ObjectNode props = body.putObject("properties");
    for (String field : kind.fields()) {
      ObjectNode f = NODES.objectNode();
      f.put("description", "A field of the " + kind.name() + " evaluator.");
      props.set(field, f);
    }
    return body;
  }

  private static void common(ObjectNode props) {
    for (PromptFileKeys.Key key : PromptFileKeys.EVALUATOR_FIELDS) {
      spell(props, key, NODES.objectNode());
    }
  }

  private static String kindDescription(EvaluatorSyntax<?> kind) {
    String d = kind.description();
    return d == null || d.isBlank() ? "The " + kind.name() + " evaluator." : d;
  }

  /** Adds every spelling of {@code key} to {@code props}, each with the key's description. */
  private static void spell(ObjectNode props, PromptFileKeys.Key key, ObjectNode value) {
    for (String spelling : key.spellings()) {
      ObjectNode v = value.deepCopy();
      String description =
          spelling.equals(key.name())
              ? key.description()
              : "Same as " + key.name() + ". " + key.description();
      if (!key.aliases().isEmpty() && spelling.equals(key.name())) {
        description += " Also spelled " + String.join(", ", key.aliases()) + ".";
      }
      ObjectNode described = NODES.objectNode();
      described.put("description", description);
      described.setAll(v);
      described.put("description", description);
      props.set(spelling, described);
    }
  }

  private static String anyCase(String word) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      char up = Character.toUpperCase(c);
      char low = Character.toLowerCase(c);
      sb.append(up == low ? String.valueOf(c) : "[" + up + low + "]");
    }
    return sb.toString();
  }

  private static List<String> names(List<PromptFileKeys.Key> table) {
    return table.stream().map(PromptFileKeys.Key::name).toList();
  }

  private static ObjectNode ref(String def) {
    ObjectNode s = NODES.objectNode();
    s.put("$ref", "#/$defs/" + def);
    return s;
  }

  private static ObjectNode types(String... types) {
    ObjectNode s = NODES.objectNode();
    if (types.length == 1) {
      s.put("type", types[0]);
    } else {
      s.set("type", strings(List.of(types)));
    }
    return s;
  }

  private static ObjectNode pattern(String regex) {
    ObjectNode s = types("string");
    s.put("pattern", regex);
    return s;
  }

  private static ObjectNode arrayOf(ObjectNode items) {
    ObjectNode s = types("array");
    s.set("items", items);
    return s;
  }

  private static ObjectNode anyOf(ObjectNode... forms) {
    ObjectNode s = NODES.objectNode();
    s.set("anyOf", array(forms));
    return s;
  }

  private static ObjectNode described(ObjectNode s, String description) {
    ObjectNode out = NODES.objectNode();
    out.put("description", description);
    out.setAll(s);
    out.put("description", description);
    return out;
  }

  private static ArrayNode array(ObjectNode... items) {
    ArrayNode a = NODES.arrayNode();
    for (ObjectNode i : items) {
      a.add(i);
    }
    return a;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = NODES.arrayNode();
    values.forEach(a::add);
    return a;
  }
}
