package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSpec.StringCheck;
import dev.promptcheck.suite.EvaluatorSpec.StringOp;
import dev.promptcheck.suite.FieldReader;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.PromptFileParser;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.support.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * String comparisons ({@link StringEvaluator}): {@code string: {contains|equals|startsWith|
 * endsWith|notContains}} and their synonyms, {@code string: "text"} (contains), and the {@code
 * type: contains|equals|...} spellings with {@code value}. A {@code regex:} inside {@code string:}
 * is a regex check.
 */
final class StringKind implements EvaluatorKind<EvaluatorSpec.Text> {

  /** The keys inside {@code string:} and the comparison each means. */
  private static final Map<String, StringOp> STRING_KEYS = new LinkedHashMap<>();

  /** The {@code type:} values and the comparison each means. */
  private static final Map<String, StringOp> TYPE_ALIASES = new LinkedHashMap<>();

  /**
   * The order in which gh models tries the fields of {@code string:}; only the first one given is
   * checked (github/gh-models cmd/eval/eval.go:462-490).
   */
  private static final List<StringOp> GH_PRECEDENCE =
      List.of(StringOp.EQUALS, StringOp.CONTAINS, StringOp.STARTS_WITH, StringOp.ENDS_WITH);

  private static final List<String> REGEX_KEYS = List.of("regex", "matches", "match");
  private static final List<String> MODIFIERS = List.of("flags", "negate", "invert", "ignoreCase");
  private static final List<String> OPERAND_KEYS =
      List.of(
          "value",
          "values",
          "text",
          "expected",
          "match",
          "pattern",
          "patterns",
          "string",
          "strings");

  static {
    put(STRING_KEYS, StringOp.CONTAINS, "contains", "includes", "contain", "containsAll");
    put(STRING_KEYS, StringOp.EQUALS, "equals", "equal", "exact", "is");
    put(STRING_KEYS, StringOp.STARTS_WITH, "startsWith", "starts_with", "startswith", "prefix");
    put(STRING_KEYS, StringOp.ENDS_WITH, "endsWith", "ends_with", "endswith", "suffix");
    put(
        STRING_KEYS,
        StringOp.NOT_CONTAINS,
        "notContains",
        "not_contains",
        "doesNotContain",
        "does_not_contain",
        "excludes");
    put(
        TYPE_ALIASES,
        StringOp.CONTAINS,
        "contains",
        "includes",
        "icontains",
        "string_contains",
        "assert_contains",
        "string",
        "string_match",
        "contains_all",
        "includes_all",
        "contains-all",
        "icontains-all");
    put(
        TYPE_ALIASES,
        StringOp.NOT_CONTAINS,
        "not_contains",
        "not-contains",
        "excludes",
        "not_includes");
    put(TYPE_ALIASES, StringOp.EQUALS, "equals", "exact_match", "equal");
    put(TYPE_ALIASES, StringOp.STARTS_WITH, "starts_with", "startswith", "starts-with");
    put(TYPE_ALIASES, StringOp.ENDS_WITH, "ends_with", "endswith", "ends-with");
  }

  private static void put(Map<String, StringOp> table, StringOp op, String... words) {
    for (String w : words) {
      table.put(w, op);
    }
  }

  @Override
  public String name() {
    return "string";
  }

  @Override
  public String description() {
    return "A text comparison with the trimmed output: equals (exact), contains, startsWith,"
        + " endsWith, notContains (case ignored), and their synonyms; with several, the"
        + " first of equals, contains, startsWith, endsWith counts.";
  }

  @Override
  public Class<EvaluatorSpec.Text> specType() {
    return EvaluatorSpec.Text.class;
  }

  @Override
  public List<String> keys() {
    return List.of("string");
  }

  @Override
  public List<String> typeAliases() {
    return List.copyOf(TYPE_ALIASES.keySet());
  }

  @Override
  public List<String> fields() {
    List<String> out = new ArrayList<>(STRING_KEYS.keySet());
    out.addAll(REGEX_KEYS);
    out.addAll(MODIFIERS);
    out.addAll(OPERAND_KEYS);
    out.addAll(List.of("match_type", "options"));
    return out.stream().distinct().toList();
  }

  @Override
  public List<EvaluatorSpec.Text> parse(EvaluatorEntry entry) {
    return entry.typed() ? typed(entry) : keyed(entry);
  }

  /** "did you mean ...?" when {@code key} is a near miss of a key {@code string:} knows. */
  @Override
  public List<String> refusedNearMissesOf() {
    List<String> known = new ArrayList<>(STRING_KEYS.keySet());
    known.addAll(REGEX_KEYS);
    known.addAll(MODIFIERS);
    return known;
  }

  private Optional<String> meant(String key) {
    return Suggestions.didYouMean(key, refusedNearMissesOf());
  }

  private List<EvaluatorSpec.Text> keyed(EvaluatorEntry entry) {
    String name = entry.label();
    YNode node = entry.body();
    FieldReader read = entry.read();
    if (node instanceof YScalar s && !s.isNull()) {
      return List.of(
          new EvaluatorSpec.Text(
              name, List.of(new StringCheck(StringOp.CONTAINS, s.text())), node.where()));
    }
    YMap m = read.map(node, "string");
    if (m == null) {
      return List.of();
    }
    Map<StringOp, List<StringCheck>> byOp = new LinkedHashMap<>();
    Map<StringOp, YMap.Entry> written = new LinkedHashMap<>();
    boolean regexes = false;
    for (YMap.Entry e : m.list()) {
      String key = e.key().text();
      StringOp op = STRING_KEYS.get(key);
      if (op != null) {
        for (String operand : read.texts(e.value(), "string." + key)) {
          // an empty operand is no check: gh models falls through to the next field
          // (github/gh-models cmd/eval/eval.go:462-490 tests each field for != "")
          if (!operand.isEmpty()) {
            byOp.computeIfAbsent(op, o -> new ArrayList<>()).add(new StringCheck(op, operand));
            written.putIfAbsent(op, e);
          }
        }
      } else if (REGEX_KEYS.contains(key)) {
        regexes |= !entry.also("regex", m, e.value()).isEmpty();
      } else if (!MODIFIERS.contains(key) && meant(key).isPresent()) {
        // `contians:` would leave the evaluator with no check: refused, not a warning
        entry
            .diagnostics()
            .error(
                e.key().where(),
                PromptFileParser.MISSPELT_KEY,
                "'"
                    + key
                    + "' is not a string check: "
                    + meant(key).get()
                    + " (the file is refused: this check would not run)");
      } else if (!MODIFIERS.contains(key)) {
        entry
            .diagnostics()
            .warning(
                e.key().where(),
                PromptFileParser.UNKNOWN_KEY,
                "unknown string check '"
                    + key
                    + "' (known: contains, equals, startsWith, endsWith, notContains, regex)");
      }
    }
    List<StringCheck> checks = new ArrayList<>();
    StringOp chosen = null;
    for (StringOp op : GH_PRECEDENCE) {
      if (byOp.containsKey(op)) {
        if (chosen == null) {
          chosen = op;
          checks.addAll(byOp.get(op));
        } else {
          YMap.Entry shadowed = written.get(op);
          entry
              .diagnostics()
              .warning(
                  shadowed.key().where(),
                  "shadowed-check",
                  "'"
                      + shadowed.key().text()
                      + "' is not checked: with several string fields only the first of equals,"
                      + " contains, startsWith, endsWith counts (here '"
                      + written.get(chosen).key().text()
                      + "'), as in gh models eval");
        }
      }
    }
    // promptcheck's own checks (notContains) are not in gh's chain and always apply
    byOp.forEach(
        (op, list) -> {
          if (!GH_PRECEDENCE.contains(op)) {
            checks.addAll(list);
          }
        });
    if (checks.isEmpty()) {
      if (!regexes) {
        entry
            .diagnostics()
            .error(
                m.where(),
                "bad-evaluator",
                "string evaluator '"
                    + name
                    + "' has no check"
                    + (m.list().isEmpty()
                        ? ""
                        : ": every field is empty, and an empty field checks nothing (gh models"
                            + " stops at it: no string evaluation criteria); for a non-empty"
                            + " output write regex: '\\S'"));
      }
      return List.of();
    }
    return List.of(new EvaluatorSpec.Text(name, checks, m.where()));
  }

  private List<EvaluatorSpec.Text> typed(EvaluatorEntry entry) {
    YMap m = entry.map();
    FieldReader read = entry.read();
    String label = entry.label();
    StringOp op = TYPE_ALIASES.get(entry.type().trim().toLowerCase(Locale.ROOT));
    if (m.get("match_type")
        .map(v -> read.text(v, "match_type"))
        .filter("equals"::equalsIgnoreCase)
        .isPresent()) {
      op = StringOp.EQUALS;
    }
    List<String> operands = operands(m, read);
    if (operands.isEmpty() && targetsExpected(m, read)) {
      // `target: expected` names what to look for: the case's expected text
      operands = List.of("{{expected}}");
    }
    if (operands.isEmpty()) {
      entry
          .diagnostics()
          .error(
              entry.where(),
              "bad-evaluator",
              "'"
                  + entry.type()
                  + "' evaluator '"
                  + label
                  + "' has nothing to look for (value, text, expected, pattern or strings)");
      return List.of();
    }
    List<StringCheck> checks = new ArrayList<>();
    for (String o : operands) {
      checks.add(new StringCheck(op, o));
    }
    return List.of(new EvaluatorSpec.Text(label, checks, entry.where()));
  }

  /** {@code target: expected} (or {@code expected_output}): compare with the case's expected. */
  static boolean targetsExpected(YMap m, FieldReader read) {
    return m.get("target")
        .map(t -> read.text(t, "target"))
        .map(t -> EXPECTED_TARGETS.contains(t.trim()))
        .orElse(false);
  }

  private static final List<String> EXPECTED_TARGETS =
      List.of("expected", "expectedOutput", "expected_output", "{{expected}}");

  private static List<String> operands(YMap m, FieldReader read) {
    List<String> out = new ArrayList<>();
    for (String k : OPERAND_KEYS) {
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

  @Override
  public Evaluator compile(EvaluatorSpec.Text spec, PromptFile file) {
    return new StringEvaluator(spec);
  }
}
