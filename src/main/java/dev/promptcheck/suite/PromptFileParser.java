package dev.promptcheck.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import dev.promptcheck.support.Suggestions;
import dev.promptcheck.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one prompt file into a {@link PromptFile}, accepting the spellings of docs/prompt-file.md:
 * camelCase and snake_case parameters, test cases as flat keys or under {@code vars}/{@code
 * inputs}/{@code variables}, {@code expected}/{@code expectedOutput}, inline or file test data, and
 * every evaluator form {@link EvaluatorSpecParser} knows.
 */
public final class PromptFileParser {
  // the spelling tables live in PromptFileKeys, with descriptions, so `promptcheck schema`
  // describes exactly what this parser reads
  /** The diagnostic code of a key that is a near miss of a known one: an error, not a warning. */
  public static final String MISSPELT_KEY = "misspelt-key";

  /** The diagnostic code of a key promptcheck does not read: a warning, in validate and run. */
  public static final String UNKNOWN_KEY = "unknown-key";

  private static final Set<String> KNOWN_KEYS = PromptFileKeys.spellings(PromptFileKeys.TOP_LEVEL);
  private static final Set<String> PARAMETER_KEYS =
      PromptFileKeys.spellings(PromptFileKeys.PARAMETERS);
  private static final Set<String> RESPONSE_FORMATS =
      PromptFileKeys.spellings(PromptFileKeys.RESPONSE_FORMATS);
  private static final Set<String> CASE_VAR_GROUPS =
      PromptFileKeys.spellings(PromptFileKeys.CASE_VAR_GROUPS);
  private static final List<String> CASE_EXPECTED = PromptFileKeys.CASE_EXPECTED.spellings();
  private static final Set<String> CASE_EVALUATORS =
      Set.copyOf(PromptFileKeys.CASE_EVALUATORS.spellings());

  private final Path file;
  private final Path suiteRoot;
  private final Diagnostics diagnostics;
  private final FieldReader read;
  private final EvaluatorSpecParser evaluators;
  private Set<String> declared = Set.of();
  private String source = "";
  private int[] lineStarts;
  private Boolean sourceIsBmp;

  private PromptFileParser(
      Path file,
      Path suiteRoot,
      EvaluatorLibrary library,
      EvaluatorSyntaxes kinds,
      Diagnostics diagnostics) {
    this.file = file;
    this.suiteRoot = suiteRoot;
    this.diagnostics = diagnostics;
    this.read = new FieldReader(diagnostics);
    this.evaluators = new EvaluatorSpecParser(read, library, kinds);
  }

  /** Parses with the installed evaluator kinds. */
  public static Optional<PromptFile> parse(
      Path file, String text, Path suiteRoot, EvaluatorLibrary library, Diagnostics diagnostics) {
    return parse(file, text, suiteRoot, library, EvaluatorSyntaxes.installed(), diagnostics);
  }

  public static Optional<PromptFile> parse(
      Path file,
      String text,
      Path suiteRoot,
      EvaluatorLibrary library,
      EvaluatorSyntaxes kinds,
      Diagnostics diagnostics) {
    return new PromptFileParser(file, suiteRoot, library, kinds, diagnostics).parse(text);
  }

  private Optional<PromptFile> parse(String text) {
    this.source = text;
    Optional<SourceRef> jinja = jinjaDirective(text);
    if (jinja.isPresent()) {
      diagnostics.error(
          jinja.get(),
          "jinja-template",
          "this file is a Jinja template ({% ... %} directive), not plain YAML: render it with Jinja first"
              + " and run promptcheck on the output");
      return Optional.empty();
    }
    Optional<YNode> rootNode = YamlReader.read(file, text, diagnostics);
    if (rootNode.isEmpty()) {
      return Optional.empty();
    }
    if (!(rootNode.get() instanceof YMap root)) {
      diagnostics.error(
          rootNode.get().where(),
          "bad-shape",
          "a prompt file must be a mapping (name, messages, ...), found " + rootNode.get().shape());
      return Optional.empty();
    }
    for (YMap.Entry e : root.list()) {
      String key = e.key().text();
      if (!KNOWN_KEYS.contains(key) && !key.startsWith("_") && !key.startsWith("x-")) {
        Optional<String> meant = Suggestions.didYouMean(key, KNOWN_KEYS);
        if (meant.isPresent()) {
          // a near miss of a known key (`evaluator:`, `testdata:`) would drop what it holds and
          // leave a run that checks nothing, or nothing at all, green: refused, where gh ignores it
          diagnostics.error(
              e.key().where(),
              MISSPELT_KEY,
              "'"
                  + key
                  + "' is not a key of a prompt file: "
                  + meant.get()
                  + " (the file is refused: what this key holds would be ignored)");
          continue;
        }
        // gh models ignores unknown keys too (yaml.Unmarshal into its struct,
        // github/gh-models pkg/prompt/prompt.go:111-114): said, since the author meant something
        diagnostics.warning(
            e.key().where(),
            UNKNOWN_KEY,
            "unknown top-level key '" + key + "' is ignored" + misplaced(key));
      }
    }
    String name = root.get("name").map(v -> read.text(v, "name")).orElse(fileStem());
    String description = root.get("description").map(v -> read.text(v, "description")).orElse("");
    String version = root.get("version").map(v -> read.text(v, "version")).orElse(null);
    String model = root.get("model").map(v -> read.text(v, "model")).orElse(null);
    ModelParameters params =
        root.first(PromptFileKeys.MODEL_PARAMETERS.spellingArray())
            .map(e -> parameters(e.value()))
            .orElse(ModelParameters.NONE);
    Optional<YMap.Entry> formatEntry = root.first(PromptFileKeys.RESPONSE_FORMAT.spellingArray());
    String responseFormat = formatEntry.map(e -> responseFormat(e.value())).orElse(null);
    Optional<YMap.Entry> schemaEntry = root.first(PromptFileKeys.JSON_SCHEMA.spellingArray());
    JsonNode jsonSchema =
        schemaEntry.map(e -> SchemaText.parseObject(e.value(), read)).orElse(null);
    if ("json_schema".equals(responseFormat)) {
      checkResponseSchema(formatEntry.get(), schemaEntry.orElse(null), jsonSchema);
    }
    List<Variable> variables = root.get("variables").map(this::variables).orElse(List.of());
    List<Message> messages = root.get("messages").map(this::messages).orElse(List.of());
    if (!root.has("messages")) {
      diagnostics.error(
          root.where(),
          "no-messages",
          "a prompt file needs 'messages' (a list of {role, content})");
    }
    List<EvaluatorSpec> fileEvaluators =
        root.get("evaluators").map(v -> evaluators.parseList(v, "evaluators")).orElse(List.of());
    declared = variables.stream().map(Variable::name).collect(Collectors.toSet());
    // no test data (absent or empty) is a prompt whose variables come at run time (--var), as with
    // `gh models run` and actions/ai-inference: the run plans its one case (PromptFile#runTimeCase)
    List<TestCase> cases =
        root.first(PromptFileKeys.TEST_DATA.spellingArray())
            .map(e -> testData(e.value()))
            .orElse(List.of());
    Tools tools = new ToolsParser(read).parse(root);
    Map<String, Object> metadata = new LinkedHashMap<>();
    root.get("metadata")
        .filter(YMap.class::isInstance)
        .ifPresent(m -> metadata.putAll(castMap(YNode.toPlain(m))));
    for (String extra : List.of("authors", "author", "tags")) {
      root.get(extra).ifPresent(v -> metadata.putIfAbsent(extra, YNode.toPlain(v)));
    }
    return Optional.of(
        new PromptFile(
            file,
            name,
            description,
            version,
            // in the file's order: Map.copyOf iterates in an order that changes from run to run,
            // and reports print metadata in iteration order
            Collections.unmodifiableMap(new LinkedHashMap<>(nullSafe(metadata))),
            model,
            params,
            responseFormat,
            jsonSchema,
            variables,
            messages,
            cases,
            fileEvaluators,
            tools,
            null));
  }

  /** Where a known key misplaced at the top level belongs, for the unknown-key warning. */
  private static String misplaced(String key) {
    if (PARAMETER_KEYS.contains(key)) {
      return ": model parameters go under 'modelParameters'";
    }
    if (Set.of("system", "user", "assistant", "prompt", "system_prompt", "user_prompt")
        .contains(key)) {
      return ": what the model is sent goes under 'messages' ({role, content})";
    }
    return "";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> nullSafe(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v == null ? "" : v));
    return out;
  }

  private String fileStem() {
    return file.getFileName().toString().replaceFirst("(\\.prompt)?\\.ya?ml$", "");
  }

  /**
   * Where the first Jinja directive is, when the file starts with one (after comments and blanks).
   */
  private Optional<SourceRef> jinjaDirective(String text) {
    String[] lines = text.split("\n", 50);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
        continue;
      }
      if (line.startsWith("{%")) {
        return Optional.of(new SourceRef(file, i + 1, lines[i].indexOf("{%") + 1));
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private ModelParameters parameters(YNode node) {
    YMap m = read.map(node, "modelParameters");
    if (m == null) {
      return ModelParameters.NONE;
    }
    for (YMap.Entry e : m.list()) {
      String key = e.key().text();
      if (!PARAMETER_KEYS.contains(key)) {
        diagnostics.warning(
            e.key().where(),
            UNKNOWN_KEY,
            "unknown model parameter '"
                + key
                + "' is ignored"
                + (KNOWN_KEYS.contains(key)
                    ? ": '" + key + "' belongs at the top level of the file"
                    : ""));
      }
    }
    Double temperature = m.get("temperature").map(v -> read.number(v, "temperature")).orElse(null);
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      diagnostics.warning(
          m.get("temperature").get().where(),
          "bad-value",
          "temperature " + temperature + " is outside 0..2");
    }
    Integer maxTokens =
        m.first(PromptFileKeys.MAX_TOKENS.spellingArray())
            .map(e -> read.integer(e.value(), "maxTokens"))
            .orElse(null);
    if (maxTokens != null && maxTokens <= 0) {
      diagnostics.error(
          m.first(PromptFileKeys.MAX_TOKENS.spellingArray())
              .map(e -> e.value().where())
              .orElse(m.where()),
          "bad-value",
          "maxTokens must be positive, found " + maxTokens);
      maxTokens = null;
    }
    return new ModelParameters(
        temperature,
        maxTokens,
        m.first(PromptFileKeys.TOP_P.spellingArray())
            .map(e -> read.number(e.value(), "topP"))
            .orElse(null),
        m.get("stop").map(v -> read.texts(v, "stop")).orElse(List.of()),
        m.get("seed").map(v -> read.integer(v, "seed")).orElse(null),
        m.first(PromptFileKeys.PRESENCE_PENALTY.spellingArray())
            .map(e -> read.number(e.value(), "presencePenalty"))
            .orElse(null),
        m.first(PromptFileKeys.FREQUENCY_PENALTY.spellingArray())
            .map(e -> read.number(e.value(), "frequencyPenalty"))
            .orElse(null));
  }

  /**
   * {@code text}, {@code json_object} or {@code json_schema}, as gh models allows (github/gh-models
   * pkg/prompt/prompt.go:144-148); anything else is an error, since the provider would refuse it or
   * the output would not be what the file's checks expect.
   */
  private String responseFormat(YNode node) {
    String format =
        node instanceof YMap m
            ? m.get("type").map(v -> read.text(v, "type")).orElse(null)
            : read.text(node, "responseFormat");
    if (format != null && !RESPONSE_FORMATS.contains(format)) {
      diagnostics.error(
          node.where(),
          "bad-response-format",
          "responseFormat '" + format + "' is not one of text, json_object, json_schema");
      return null;
    }
    return format;
  }

  /**
   * {@code json_schema} needs a {@code jsonSchema} with a {@code name} and a {@code schema}, the
   * object gh models sends to the provider (github/gh-models pkg/prompt/prompt.go:150-163).
   */
  private void checkResponseSchema(YMap.Entry format, YMap.Entry schemaEntry, JsonNode schema) {
    if (schemaEntry == null) {
      diagnostics.error(
          format.value().where(),
          "bad-response-format",
          "responseFormat json_schema needs a 'jsonSchema' ({name, strict, schema})");
      return;
    }
    if (schema == null) {
      return; // unreadable: already reported
    }
    for (String field : List.of("name", "schema")) {
      if (!schema.has(field)) {
        diagnostics.error(
            schemaEntry.value().where(),
            "bad-response-format",
            "jsonSchema for responseFormat json_schema needs a '"
                + field
                + "' ({name, strict, schema}, as the provider receives it)");
      }
    }
  }

  private List<Variable> variables(YNode node) {
    List<Variable> out = new ArrayList<>();
    if (node instanceof YScalar s && s.isNull()) {
      return out;
    }
    if (node instanceof YMap m) {
      for (YMap.Entry e : m.list()) {
        if (e.value() instanceof YMap vm) {
          out.add(variable(e.key().text(), vm, e.key().where()));
        } else {
          out.add(
              new Variable(
                  e.key().text(), "", false, FieldReader.valueText(e.value()), e.key().where()));
        }
      }
      return out;
    }
    if (!(node instanceof YSeq seq)) {
      read.wrongShape(node, "variables", "a list of {name, description, required, default}");
      return out;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YScalar s && !s.isNull()) {
        out.add(new Variable(s.text(), "", false, null, s.where()));
      } else if (item instanceof YMap vm && vm.has("name")) {
        String name = read.text(vm.get("name").get(), "name");
        if (name != null) {
          out.add(variable(name, vm, vm.where()));
        }
      } else {
        diagnostics.error(item.where(), "bad-variable", "a variable needs a 'name'");
      }
    }
    return out;
  }

  private Variable variable(String name, YMap vm, SourceRef where) {
    String description = vm.get("description").map(v -> read.text(v, "description")).orElse("");
    boolean required =
        Boolean.TRUE.equals(vm.get("required").map(v -> read.bool(v, "required")).orElse(false));
    String defaultValue =
        vm.first(PromptFileKeys.VARIABLE_DEFAULT.spellingArray())
            .map(e -> FieldReader.valueText(e.value()))
            .orElse(null);
    return new Variable(
        name, description == null ? "" : description, required, defaultValue, where);
  }

  private List<Message> messages(YNode node) {
    List<Message> out = new ArrayList<>();
    if (!(node instanceof YSeq seq)) {
      read.wrongShape(node, "messages", "a list of {role, content}");
      return out;
    }
    for (YNode item : seq.items()) {
      if (!(item instanceof YMap m)) {
        diagnostics.error(
            item.where(),
            "bad-message",
            "a message must be a mapping with 'role' and 'content', found " + item.shape());
        continue;
      }
      YNode roleNode = m.get("role").orElse(null);
      if (roleNode == null) {
        diagnostics.error(
            m.where(), "bad-message", "message has no 'role' (system, user or assistant)");
        continue;
      }
      String roleText = read.text(roleNode, "role");
      Optional<Role> role = roleText == null ? Optional.empty() : Role.parse(roleText);
      if (role.isEmpty()) {
        diagnostics.error(
            roleNode.where(),
            "bad-role",
            "role '" + roleText + "' is not one of system, user, assistant");
        continue;
      }
      YNode contentNode = m.get("content").orElse(null);
      if (contentNode == null) {
        diagnostics.error(m.where(), "bad-message", "message has no 'content'");
        continue;
      }
      List<ImagePart> images = new ArrayList<>();
      String content = content(contentNode, images);
      if (!images.isEmpty() && role.get() != Role.USER) {
        diagnostics.error(
            images.get(0).where(),
            "bad-message",
            "only user messages may hold images; this is a " + role.get().id() + " message");
        continue;
      }
      if (content != null) {
        out.add(
            new Message(
                role.get(),
                content,
                contentNode.where(),
                placeholders(content, contentNode),
                images));
      }
    }
    return out;
  }

  /**
   * Where each variable of {@code content} is first written in the source. A scalar's value can
   * differ from its source text (block, folded, quoted, escaped), so each placeholder is looked up,
   * in order, as written within the scalar's source span; one not found there (split by folding,
   * escaped) falls back to where the scalar starts.
   */
  private Map<String, SourceRef> placeholders(String content, YNode node) {
    if (!(node instanceof YScalar s) || s.startIndex() < 0 || s.endIndex() < s.startIndex()) {
      return Map.of();
    }
    List<Template.SlotUse> uses = Template.parse(content).slotUses();
    if (uses.isEmpty()) {
      return Map.of();
    }
    int from = charOffset(s.startIndex());
    int to = charOffset(s.endIndex());
    Map<String, SourceRef> out = new LinkedHashMap<>();
    int cursor = from;
    for (Template.SlotUse use : uses) {
      int at = source.indexOf(use.written(), cursor);
      if (at < 0 || at + use.written().length() > to) {
        continue;
      }
      cursor = at + use.written().length();
      out.putIfAbsent(use.name(), positionOf(at));
    }
    return out;
  }

  /** The char offset of a code point offset (SnakeYAML marks count code points). */
  private int charOffset(int codePoints) {
    if (sourceIsBmp == null) {
      sourceIsBmp = source.codePointCount(0, source.length()) == source.length();
    }
    return sourceIsBmp ? codePoints : source.offsetByCodePoints(0, codePoints);
  }

  /** Line and column (1-based, in code points) of a char offset into the source. */
  private SourceRef positionOf(int offset) {
    if (lineStarts == null) {
      List<Integer> starts = new ArrayList<>(List.of(0));
      for (int i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) {
        starts.add(i + 1);
      }
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }
    int found = Arrays.binarySearch(lineStarts, offset);
    int line = found >= 0 ? found : -found - 2; // the last line start at or before offset
    return new SourceRef(file, line + 1, source.codePointCount(lineStarts[line], offset) + 1);
  }

  /**
   * Plain text, or a list of parts: text ones joined into the content, image ones ({@code {type:
   * image, file|url}}, or OpenAI's {@code {type: image_url, image_url: {url}}}) added to {@code
   * images}, each checked here when it has no {@code {{var}}} (else when a case fills it).
   */
  private String content(YNode node, List<ImagePart> images) {
    if (node instanceof YSeq parts) {
      StringBuilder sb = new StringBuilder();
      for (YNode p : parts.items()) {
        if (p instanceof YScalar s) {
          sb.append(s.text());
          continue;
        }
        if (!(p instanceof YMap pm)) {
          diagnostics.error(
              p.where(), "bad-message", "a content part must be a mapping, found " + p.shape());
          continue;
        }
        String type =
            pm.get("type").map(t -> read.text(t, "type")).orElse(pm.has("text") ? "text" : null);
        if ("text".equals(type)) {
          String text = pm.get("text").map(t -> read.text(t, "text")).orElse(null);
          if (text == null) {
            diagnostics.error(pm.where(), "bad-message", "a text part needs 'text'");
          } else {
            sb.append(text);
          }
        } else if ("image".equals(type) || "image_url".equals(type)) {
          imagePart(pm, type).ifPresent(images::add);
        } else {
          SourceRef at = pm.get("type").map(YNode::where).orElse(pm.where());
          diagnostics.error(
              at,
              "bad-message",
              (type == null
                      ? "a content part has no 'type'"
                      : "unknown content part type '" + type + "'")
                  + " (text, image or image_url)");
        }
      }
      return sb.toString();
    }
    String text = read.text(node, "content");
    return text == null && node instanceof YScalar ? "" : text;
  }

  private Optional<ImagePart> imagePart(YMap pm, String type) {
    YNode fileNode = null;
    YNode urlNode = null;
    if ("image_url".equals(type)) {
      YNode inner = pm.get("image_url").orElse(null);
      urlNode = inner instanceof YMap im ? im.get("url").orElse(null) : inner;
    } else {
      fileNode = pm.get("file").orElse(null);
      urlNode = pm.get("url").orElse(null);
    }
    if ((fileNode == null) == (urlNode == null)) {
      diagnostics.error(
          pm.where(),
          "bad-message",
          "image_url".equals(type)
              ? "an image_url part needs image_url: {url: https://...}"
              : "an image part needs one of 'file' (a path inside the suite) or 'url' (https://...)");
      return Optional.empty();
    }
    YNode at = fileNode != null ? fileNode : urlNode;
    String value = read.text(at, fileNode != null ? "file" : "url");
    if (value == null) {
      return Optional.empty();
    }
    String identity = null;
    if (Template.parse(value).constant()) {
      try {
        identity =
            (fileNode != null ? ImageFiles.file(value, file, suiteRoot) : ImageFiles.url(value))
                .identity();
      } catch (ImageFiles.BadImage e) {
        diagnostics.error(at.where(), "bad-image", e.getMessage());
        return Optional.empty();
      }
    }
    ImagePart part =
        fileNode != null
            ? new ImagePart(value, null, at.where(), identity)
            : new ImagePart(null, value, at.where(), identity);
    return Optional.of(part);
  }

  private List<TestCase> testData(YNode node) {
    List<YNode> rows;
    if (node instanceof YScalar s && s.isNull()) {
      return List.of();
    }
    if (node instanceof YScalar s) {
      rows = TestDataReader.read(s.text(), s.where(), suiteRoot, diagnostics);
    } else if (node instanceof YSeq q) {
      rows = q.items();
    } else {
      read.wrongShape(node, "testData", "a list of cases or a path to a .jsonl/.csv/.yaml file");
      return List.of();
    }
    List<TestCase> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      TestCase c = testCase(rows.get(i), i);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * One row. Every key of the row is a template variable, as in gh models, which templates with the
   * whole row (github/gh-models cmd/eval/eval.go:343-368); {@code id}/{@code name} also label the
   * case, and {@code expected}/{@code expectedOutput} also are the case's expected output.
   */
  private TestCase testCase(YNode node, int index) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (node instanceof YScalar s && !s.isNull()) {
      vars.put(textVariable(s, "test case"), s.text());
      return new TestCase(index, null, vars, List.of(), s.where());
    }
    if (!(node instanceof YMap m)) {
      diagnostics.error(
          node.where(),
          "bad-testcase",
          "a test case must be a mapping of variables, found " + node.shape());
      return null;
    }
    String id = null;
    List<EvaluatorSpec> caseEvaluators = List.of();
    Map<String, Object> typed = new LinkedHashMap<>();
    for (YMap.Entry e : m.list()) {
      String key = e.key().text();
      YNode value = e.value();
      if (CASE_VAR_GROUPS.contains(key) && !declared.contains(key)) {
        groupVars(value, key, vars);
        if (value instanceof YMap vm) {
          vm.entries().forEach((k, ve) -> typed.put(k, YNode.toPlain(ve.value())));
        }
      } else if (CASE_EVALUATORS.contains(key)) {
        caseEvaluators = evaluators.parseList(value, key);
      } else {
        vars.put(key, FieldReader.valueText(value));
        typed.put(key, YNode.toPlain(value));
        if (key.equals("id") || key.equals("name")) {
          id = vars.get(key);
        }
      }
    }
    if (!vars.containsKey("expected")) {
      CASE_EXPECTED.stream()
          .filter(vars::containsKey)
          .findFirst()
          .ifPresent(k -> vars.put("expected", vars.get(k)));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    vars.forEach((k, v) -> values.put(k, typed.containsKey(k) ? typed.get(k) : v));
    return new TestCase(index, id, vars, caseEvaluators, m.where(), values);
  }

  /**
   * The variable a bare text stands for: the one declared variable when the file declares exactly
   * one (with a warning, since the file does not say so), else {@code input}.
   */
  private String textVariable(YScalar text, String what) {
    if (declared.size() == 1 && !declared.contains("input")) {
      String only = declared.iterator().next();
      diagnostics.warning(
          text.where(),
          "vars-as-text",
          what
              + " is a text, not a mapping of variables: it is used as '"
              + only
              + "', the one declared variable (write it as "
              + only
              + ": ...)");
      return only;
    }
    return "input";
  }

  /**
   * A {@code vars: "a: 1\nb: 2"} text whose lines name declared variables was meant as a mapping; a
   * plain text is the {@code input} variable.
   */
  private Optional<YMap> embeddedMapping(YScalar s) {
    if (!s.text().contains(":") || declared.contains("input")) {
      return Optional.empty();
    }
    Diagnostics quiet = new Diagnostics();
    return YamlReader.read(file, s.text(), quiet)
        .filter(YMap.class::isInstance)
        .map(YMap.class::cast)
        .filter(m -> !quiet.hasErrors() && m.keys().stream().anyMatch(declared::contains));
  }

  private void groupVars(YNode value, String key, Map<String, String> vars) {
    if (value instanceof YScalar s) {
      if (s.isNull()) {
        return;
      }
      Optional<YMap> embedded = embeddedMapping(s);
      if (embedded.isPresent()) {
        diagnostics.warning(
            s.where(),
            "vars-as-text",
            "'"
                + key
                + "' is a text that reads as a YAML mapping of variables; it is used as one (write it as a mapping)");
        embedded.get().entries().forEach((k, e) -> vars.put(k, FieldReader.valueText(e.value())));
      } else {
        vars.put(textVariable(s, "'" + key + "'"), s.text());
      }
    } else if (value instanceof YMap vm) {
      vm.entries()
          .forEach(
              (k, e) -> {
                if (CASE_VAR_GROUPS.contains(k)
                    && !(e.value() instanceof YScalar)
                    && !declared.contains(k)) {
                  groupVars(e.value(), k, vars); // inputs: {variables: {...}}
                } else {
                  vars.put(k, FieldReader.valueText(e.value()));
                }
              });
    } else if (value instanceof YSeq q) {
      for (YNode item : q.items()) {
        if (item instanceof YMap im && im.has("name")) {
          String name = read.text(im.get("name").get(), "name");
          if (name != null) {
            vars.put(name, im.get("value").map(FieldReader::valueText).orElse(""));
          }
        } else if (item instanceof YMap im) {
          im.entries().forEach((k, e) -> vars.put(k, FieldReader.valueText(e.value())));
        } else {
          diagnostics.error(
              item.where(),
              "bad-testcase",
              "'" + key + "' list items must be {name, value} mappings");
        }
      }
    }
  }
}
