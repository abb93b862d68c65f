package dev.promptcheck.suite;

import dev.promptcheck.suite.EvaluatorSpec.Choice;
import dev.promptcheck.suite.EvaluatorSpec.LimitKind;
import dev.promptcheck.suite.EvaluatorSpec.StringCheck;
import dev.promptcheck.suite.EvaluatorSpec.StringOp;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import dev.promptcheck.support.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one evaluator entry, in any of the spellings real prompt files use, into {@link
 * EvaluatorSpec}s. One entry can yield several specs ({@code contains_all}, a {@code uses:} of a
 * reusable definition) or none (a broken entry, reported).
 */
final class EvaluatorSpecParser {
  static final List<String> KINDS =
      List.of(
          "regex", "string", "headers", "json", "llm", "uses", "rule", "python", "latency", "cost",
          "tokens");

  private static final Map<String, String> TYPE_ALIASES =
      Map.ofEntries(
          Map.entry("regex", "regex"),
          Map.entry("regex_match", "regex"),
          Map.entry("regex-match", "regex"),
          Map.entry("matches", "regex"),
          Map.entry("match", "regex"),
          Map.entry("contains", "contains"),
          Map.entry("includes", "contains"),
          Map.entry("icontains", "contains"),
          Map.entry("string_contains", "contains"),
          Map.entry("assert_contains", "contains"),
          Map.entry("string", "contains"),
          Map.entry("string_match", "contains"),
          Map.entry("contains_all", "contains"),
          Map.entry("includes_all", "contains"),
          Map.entry("contains-all", "contains"),
          Map.entry("icontains-all", "contains"),
          Map.entry("not_contains", "notContains"),
          Map.entry("not-contains", "notContains"),
          Map.entry("excludes", "notContains"),
          Map.entry("not_includes", "notContains"),
          Map.entry("equals", "equals"),
          Map.entry("exact_match", "equals"),
          Map.entry("equal", "equals"),
          Map.entry("starts_with", "startsWith"),
          Map.entry("startswith", "startsWith"),
          Map.entry("starts-with", "startsWith"),
          Map.entry("ends_with", "endsWith"),
          Map.entry("endswith", "endsWith"),
          Map.entry("ends-with", "endsWith"),
          Map.entry("model_graded", "llm"),
          Map.entry("model", "llm"),
          Map.entry("llm", "llm"),
          Map.entry("llm_eval", "llm"),
          Map.entry("llm-rubric", "llm"),
          Map.entry("llm_rubric", "llm"),
          Map.entry("prompt_evaluator", "llm"),
          Map.entry("llm_judge", "llm"),
          Map.entry("rubric", "llm"),
          Map.entry("model-graded", "llm"),
          Map.entry("json", "json"),
          Map.entry("is_json", "json"),
          Map.entry("is-json", "json"),
          Map.entry("json_schema", "json"),
          Map.entry("json-schema", "json"),
          Map.entry("headers", "headers"),
          Map.entry("markdown_headers", "headers"),
          Map.entry("expected_output", "similarity"),
          Map.entry("similarity", "similarity"),
          Map.entry("python", "python"),
          Map.entry("javascript", "javascript"));

  private static final Set<String> OUTPUT_TARGETS =
      Set.of("output", "message.content", "message", "content", "response", "completion", "text");

  private final FieldReader read;
  private final EvaluatorLibrary library;

  EvaluatorSpecParser(FieldReader read, EvaluatorLibrary library) {
    this.read = read;
    this.library = library;
  }

  private Diagnostics diagnostics() {
    return read.diagnostics();
  }

  List<EvaluatorSpec> parseList(YNode node, String field) {
    List<EvaluatorSpec> out = new ArrayList<>();
    if (node instanceof YScalar s && s.isNull()) {
      return out;
    }
    if (!(node instanceof YSeq seq)) {
      read.wrongShape(node, field, "a list of evaluators");
      return out;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      out.addAll(parse(seq.items().get(i), i));
    }
    return out;
  }

  List<EvaluatorSpec> parse(YNode node, int index) {
    SourceRef where = node.where();
    if (node instanceof YScalar s) {
      if (s.isNull() || s.text().isBlank()) {
        diagnostics().error(where, "bad-evaluator", "empty evaluator entry");
        return List.of();
      }
      return List.of(BuiltinJudges.rule(abbreviate(s.text()), s.text(), where));
    }
    if (!(node instanceof YMap m)) {
      diagnostics()
          .error(
              where,
              "bad-evaluator",
              "an evaluator must be a mapping or a criterion text, found " + node.shape());
      return List.of();
    }
    String name = m.first("name", "id").map(e -> read.text(e.value(), "name")).orElse(null);
    String description = m.get("description").map(v -> read.text(v, "description")).orElse(null);
    checkTarget(m);

    if (m.has("uses")) {
      return uses(m, name);
    }
    if (m.has("regex")) {
      return regex(m, m.get("regex").get(), nameOr(name, description, "regex", index));
    }
    if (m.has("string")) {
      return string(m.get("string").get(), nameOr(name, description, "string", index));
    }
    if (m.has("headers")) {
      return headers(m.get("headers").get(), nameOr(name, description, "headers", index));
    }
    if (m.has("json") && !m.has("type")) {
      return json(m.get("json").get(), nameOr(name, description, "json", index), where);
    }
    if (m.has("llm")) {
      return llm(m.get("llm").get(), nameOr(name, description, "llm", index), "llm");
    }
    if (m.has("model_graded")
        || (m.has("model") && m.get("model").get() instanceof YMap && !m.has("type"))) {
      YNode spec = m.get("model_graded").orElseGet(() -> m.get("model").get());
      return llm(spec, nameOr(name, description, "llm", index), "llm");
    }
    if (m.has("rule") || m.has("criterion")) {
      String rule = read.text(m.first("rule", "criterion").get().value(), "rule");
      return rule == null
          ? List.of()
          : List.of(BuiltinJudges.rule(name != null ? name : abbreviate(rule), rule, where));
    }
    if (m.has("python")) {
      return List.of(
          new EvaluatorSpec.Unsupported(
              nameOr(name, description, "python", index),
              "python",
              "python expressions cannot run in promptcheck; rewrite as regex/string checks or an llm judge",
              where));
    }
    for (LimitKind limit : LimitKind.values()) {
      if (m.has(limit.id)) {
        return limit(m.get(limit.id).get(), limit, nameOr(name, description, limit.id, index));
      }
    }
    Optional<YMap.Entry> typeEntry = m.first("type", "evaluator");
    if (typeEntry.isPresent()) {
      return typed(m, typeEntry.get(), name, description, index);
    }
    diagnostics()
        .warning(
            where,
            "unknown-evaluator",
            "evaluator with keys "
                + m.keys()
                + " has no kind promptcheck knows (kinds: "
                + String.join(", ", KINDS)
                + "); it will be skipped");
    return List.of(
        new EvaluatorSpec.Unsupported(
            nameOr(name, description, "evaluator", index),
            "unknown",
            "no known evaluator kind",
            where));
  }

  private List<EvaluatorSpec> typed(
      YMap m, YMap.Entry typeEntry, String name, String description, int index) {
    String type = read.text(typeEntry.value(), "type");
    if (type == null) {
      return List.of();
    }
    String kind = TYPE_ALIASES.get(type.trim().toLowerCase(Locale.ROOT));
    SourceRef where = m.where();
    String label = nameOr(name, description, type, index);
    if (kind == null) {
      diagnostics()
          .warning(
              typeEntry.value().where(),
              "unknown-evaluator",
              "unknown evaluator type '"
                  + type
                  + "' (kinds: "
                  + String.join(", ", KINDS)
                  + "); it will be skipped");
      return List.of(
          new EvaluatorSpec.Unsupported(
              label, type, "unknown evaluator type '" + type + "'", where));
    }
    if (m.has("property")) {
      diagnostics()
          .warning(
              m.get("property").get().where(),
              "unsupported-target",
              "'property' is not supported: the check applies to the whole output");
    }
    switch (kind) {
      case "regex":
        {
          Optional<YMap.Entry> p = m.first("pattern", "regex", "value", "expected");
          if (p.isEmpty()) {
            diagnostics()
                .error(where, "bad-evaluator", "regex evaluator '" + label + "' has no 'pattern'");
            return List.of();
          }
          return regex(m, p.get().value(), label);
        }
      case "llm":
        {
          return llm(m, label, "llm");
        }
      case "json":
        {
          return json(m.first("schema", "value").map(YMap.Entry::value).orElse(null), label, where);
        }
      case "headers":
        {
          return headers(m, label);
        }
      case "similarity":
        {
          return List.of(BuiltinJudges.lookup("github/similarity", label, where).orElseThrow());
        }
      case "python":
      case "javascript":
        return List.of(
            new EvaluatorSpec.Unsupported(
                label,
                kind,
                kind
                    + " code cannot run in promptcheck; rewrite as regex/string checks or an llm judge",
                where));
      default:
        {
          StringOp op =
              switch (kind) {
                case "notContains" -> StringOp.NOT_CONTAINS;
                case "equals" -> StringOp.EQUALS;
                case "startsWith" -> StringOp.STARTS_WITH;
                case "endsWith" -> StringOp.ENDS_WITH;
                default -> StringOp.CONTAINS;
              };
          if (m.get("match_type")
              .map(v -> read.text(v, "match_type"))
              .filter("equals"::equalsIgnoreCase)
              .isPresent()) {
            op = StringOp.EQUALS;
          }
          List<String> operands = operands(m);
          if (operands.isEmpty()) {
            diagnostics()
                .error(
                    where,
                    "bad-evaluator",
                    "'"
                        + type
                        + "' evaluator '"
                        + label
                        + "' has nothing to look for (value, text, expected, pattern or strings)");
            return List.of();
          }
          List<StringCheck> checks = new ArrayList<>();
          for (String o : operands) {
            checks.add(new StringCheck(op, o));
          }
          return List.of(new EvaluatorSpec.Text(label, checks, where));
        }
    }
  }

  private List<String> operands(YMap m) {
    List<String> out = new ArrayList<>();
    for (String k :
        List.of(
            "value", "values", "text", "expected", "pattern", "patterns", "string", "strings")) {
      m.get(k).ifPresent(v -> out.addAll(read.texts(v, k)));
    }
    m.get("options")
        .filter(YMap.class::isInstance)
        .map(YMap.class::cast)
        .flatMap(o -> o.first("strings", "values", "value"))
        .ifPresent(e -> out.addAll(read.texts(e.value(), "options.strings")));
    out.removeIf(String::isEmpty);
    return out;
  }

  private List<EvaluatorSpec> regex(YMap owner, YNode node, String name) {
    String pattern;
    String flags = owner.get("flags").map(v -> read.text(v, "flags")).orElse(null);
    Boolean negate =
        owner
            .first("negate", "invert", "not")
            .map(e -> read.bool(e.value(), e.key().text()))
            .orElse(null);
    SourceRef where = node.where();
    if (node instanceof YMap r) {
      Optional<YMap.Entry> p = r.first("pattern", "regex", "value");
      if (p.isEmpty()) {
        diagnostics()
            .error(r.where(), "bad-evaluator", "regex evaluator '" + name + "' has no 'pattern'");
        return List.of();
      }
      pattern = read.text(p.get().value(), "pattern");
      where = p.get().value().where();
      flags = r.get("flags").map(v -> read.text(v, "flags")).orElse(flags);
      Boolean inner =
          r.first("negate", "invert", "not")
              .map(e -> read.bool(e.value(), e.key().text()))
              .orElse(null);
      negate = inner != null ? inner : negate;
    } else {
      pattern = read.text(node, "regex");
    }
    if (pattern == null || pattern.isEmpty()) {
      diagnostics()
          .error(where, "bad-evaluator", "regex evaluator '" + name + "' has an empty pattern");
      return List.of();
    }
    return List.of(
        new EvaluatorSpec.Regex(name, pattern, flags, Boolean.TRUE.equals(negate), where));
  }

  private static final Map<String, StringOp> STRING_KEYS =
      Map.ofEntries(
          Map.entry("contains", StringOp.CONTAINS),
          Map.entry("includes", StringOp.CONTAINS),
          Map.entry("contain", StringOp.CONTAINS),
          Map.entry("containsAll", StringOp.CONTAINS),
          Map.entry("equals", StringOp.EQUALS),
          Map.entry("equal", StringOp.EQUALS),
          Map.entry("exact", StringOp.EQUALS),
          Map.entry("is", StringOp.EQUALS),
          Map.entry("startsWith", StringOp.STARTS_WITH),
          Map.entry("starts_with", StringOp.STARTS_WITH),
          Map.entry("startswith", StringOp.STARTS_WITH),
          Map.entry("prefix", StringOp.STARTS_WITH),
          Map.entry("endsWith", StringOp.ENDS_WITH),
          Map.entry("ends_with", StringOp.ENDS_WITH),
          Map.entry("endswith", StringOp.ENDS_WITH),
          Map.entry("suffix", StringOp.ENDS_WITH),
          Map.entry("notContains", StringOp.NOT_CONTAINS),
          Map.entry("not_contains", StringOp.NOT_CONTAINS),
          Map.entry("doesNotContain", StringOp.NOT_CONTAINS),
          Map.entry("does_not_contain", StringOp.NOT_CONTAINS),
          Map.entry("excludes", StringOp.NOT_CONTAINS));

  private List<EvaluatorSpec> string(YNode node, String name) {
    if (node instanceof YScalar s && !s.isNull()) {
      return List.of(
          new EvaluatorSpec.Text(
              name, List.of(new StringCheck(StringOp.CONTAINS, s.text())), node.where()));
    }
    YMap m = read.map(node, "string");
    if (m == null) {
      return List.of();
    }
    List<EvaluatorSpec> out = new ArrayList<>();
    List<StringCheck> checks = new ArrayList<>();
    for (YMap.Entry e : m.list()) {
      String key = e.key().text();
      StringOp op = STRING_KEYS.get(key);
      if (op != null) {
        for (String operand : read.texts(e.value(), "string." + key)) {
          checks.add(new StringCheck(op, operand));
        }
      } else if (key.equals("regex") || key.equals("matches") || key.equals("match")) {
        out.addAll(regex(m, e.value(), name));
      } else if (!Set.of("flags", "negate", "invert", "ignoreCase").contains(key)) {
        diagnostics()
            .warning(
                e.key().where(),
                "unknown-key",
                "unknown string check '"
                    + key
                    + "' (known: contains, equals, startsWith, endsWith, notContains, regex)");
      }
    }
    if (!checks.isEmpty()) {
      out.add(0, new EvaluatorSpec.Text(name, checks, m.where()));
    }
    if (out.isEmpty()) {
      diagnostics()
          .error(m.where(), "bad-evaluator", "string evaluator '" + name + "' has no check");
    }
    return out;
  }

  private List<EvaluatorSpec> headers(YNode node, String name) {
    if (node instanceof YSeq || node instanceof YScalar) {
      List<String> expect = read.texts(node, "headers");
      return List.of(new EvaluatorSpec.Headers(name, expect, null, false, false, node.where()));
    }
    YMap m = read.map(node, "headers");
    if (m == null) {
      return List.of();
    }
    List<String> expect =
        m.first("expect", "headers", "sections")
            .map(e -> read.texts(e.value(), "expect"))
            .orElse(List.of());
    Integer level = m.get("level").map(v -> read.integer(v, "level")).orElse(null);
    boolean order =
        m.first("order", "ordered", "inOrder").map(e -> read.bool(e.value(), "order")).orElse(false)
            == Boolean.TRUE;
    boolean fromPrompt =
        m.get("fromPrompt").map(v -> read.bool(v, "fromPrompt")).orElse(false) == Boolean.TRUE;
    if (expect.isEmpty() && !fromPrompt) {
      diagnostics()
          .error(
              m.where(),
              "bad-evaluator",
              "headers evaluator '"
                  + name
                  + "' expects no heading: give 'expect' or 'fromPrompt: true'");
      return List.of();
    }
    if (level != null && (level < 1 || level > 6)) {
      diagnostics()
          .error(
              m.get("level").get().where(),
              "bad-value",
              "heading level must be 1 to 6, found " + level);
      return List.of();
    }
    return List.of(new EvaluatorSpec.Headers(name, expect, level, order, fromPrompt, m.where()));
  }

  private List<EvaluatorSpec> json(YNode node, String name, SourceRef owner) {
    SourceRef where = node == null ? owner : node.where();
    Object schema = null;
    if (node instanceof YMap m) {
      YNode s = m.get("schema").orElse(m);
      schema = SchemaText.parse(s, read);
    } else if (node instanceof YScalar sc && !sc.isNull() && sc.text().trim().startsWith("{")) {
      schema = SchemaText.parse(node, read);
    }
    return List.of(new EvaluatorSpec.Json(name, schema, where));
  }

  private List<EvaluatorSpec> limit(YNode node, LimitKind kind, String name) {
    Double max;
    if (node instanceof YMap m) {
      Optional<YMap.Entry> e = m.first("max", "maxMs", "maxOutput", "maxTokens", "maxUsd");
      max = e.map(x -> read.number(x.value(), kind.id + ".max")).orElse(null);
    } else {
      max = read.number(node, kind.id);
    }
    if (max == null || max < 0) {
      diagnostics()
          .error(
              node.where(),
              "bad-evaluator",
              kind.id + " limit needs a non-negative maximum (e.g. {max: 2000})");
      return List.of();
    }
    return List.of(new EvaluatorSpec.Limit(name, kind, max, node.where()));
  }

  private List<EvaluatorSpec> llm(YNode node, String name, String origin) {
    YMap m = read.map(node, "llm");
    if (m == null) {
      return List.of();
    }
    String modelId =
        m.first("modelId", "model", "judge")
            .map(e -> e.value() instanceof YScalar ? read.text(e.value(), "modelId") : null)
            .orElse(null);
    YNode nested = m.get("model").filter(YMap.class::isInstance).orElse(null);
    YMap source = nested != null ? (YMap) nested : m;
    String prompt =
        source
            .first(
                "prompt", "criteria", "instructions", "assertion", "rubric", "value", "description")
            .map(e -> read.text(e.value(), "prompt"))
            .orElse(null);
    if (prompt == null) {
      prompt =
          source
              .get("parameters")
              .filter(YMap.class::isInstance)
              .map(YMap.class::cast)
              .flatMap(p -> p.first("criteria", "prompt"))
              .map(e -> read.text(e.value(), "criteria"))
              .orElse(null);
    }
    if (prompt == null || prompt.isBlank()) {
      diagnostics().error(m.where(), "bad-evaluator", "llm evaluator '" + name + "' has no prompt");
      return List.of();
    }
    List<Choice> choices = source.get("choices").map(this::choices).orElse(List.of());
    double threshold =
        m.first("threshold", "passAt").map(e -> read.number(e.value(), "threshold")).orElse(0.5);
    String system =
        source
            .first("systemPrompt", "system")
            .map(e -> read.text(e.value(), "systemPrompt"))
            .orElse(null);
    if (choices.isEmpty()) {
      choices = BuiltinJudges.PASS_FAIL;
    }
    if (!prompt.contains("{{completion}}") && !prompt.contains("{{ completion }}")) {
      prompt = prompt + "\n\nRESPONSE:\n{{completion}}";
    }
    prompt =
        prompt
            + "\n\nEnd your reply with a last line that is exactly 'Answer: X' where X is one of: "
            + String.join(", ", choices.stream().map(Choice::choice).toList())
            + ".";
    return List.of(
        new EvaluatorSpec.Llm(
            name, modelId, prompt, system, choices, threshold, origin, m.where()));
  }

  private static final Set<String> POSITIVE =
      Set.of("pass", "yes", "true", "good", "correct", "y", "passed", "accept");
  private static final Set<String> NEGATIVE =
      Set.of("fail", "no", "false", "bad", "incorrect", "n", "failed", "reject");

  private List<Choice> choices(YNode node) {
    if (!(node instanceof YSeq seq)) {
      read.wrongShape(node, "choices", "a list");
      return List.of();
    }
    List<Choice> out = new ArrayList<>();
    int n = seq.items().size();
    for (int i = 0; i < n; i++) {
      YNode item = seq.items().get(i);
      if (item instanceof YMap cm) {
        String choice = cm.get("choice").map(v -> read.text(v, "choice")).orElse(null);
        Double score = cm.get("score").map(v -> read.number(v, "score")).orElse(null);
        if (choice == null || score == null) {
          diagnostics().error(cm.where(), "bad-evaluator", "a choice needs 'choice' and 'score'");
          continue;
        }
        out.add(new Choice(choice, score));
      } else {
        String choice = read.text(item, "choice");
        if (choice == null) {
          continue;
        }
        String key = choice.trim().toLowerCase(Locale.ROOT);
        double score =
            POSITIVE.contains(key)
                ? 1.0
                : NEGATIVE.contains(key) ? 0.0 : n == 1 ? 1.0 : 1.0 - (double) i / (n - 1);
        out.add(new Choice(choice, score));
      }
    }
    return out;
  }

  private List<EvaluatorSpec> uses(YMap m, String name) {
    YNode value = m.get("uses").get();
    String uses = read.text(value, "uses");
    if (uses == null) {
      return List.of();
    }
    Optional<EvaluatorSpec.Llm> builtin =
        BuiltinJudges.lookup(uses, name != null ? name : uses, value.where());
    if (builtin.isPresent()) {
      return List.of(builtin.get());
    }
    YMap params =
        m.first("with", "parameters", "params").map(e -> read.map(e.value(), "with")).orElse(null);
    return library.expand(uses, params, name, value.where(), this, diagnostics());
  }

  private void checkTarget(YMap m) {
    m.get("target")
        .ifPresent(
            t -> {
              String target = read.text(t, "target");
              if (target != null
                  && !OUTPUT_TARGETS.contains(target.trim().toLowerCase(Locale.ROOT))) {
                diagnostics()
                    .warning(
                        t.where(),
                        "unsupported-target",
                        "target '"
                            + target
                            + "' is not supported: evaluators check the model's output");
              }
            });
  }

  private static String nameOr(String name, String description, String kind, int index) {
    if (name != null && !name.isBlank()) {
      return name;
    }
    if (description != null && !description.isBlank()) {
      return abbreviate(description);
    }
    return kind + " #" + (index + 1);
  }

  static String abbreviate(String text) {
    return Texts.oneLine(text, 60);
  }
}
