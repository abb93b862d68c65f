package dev.promptcheck.suite;

import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one evaluator entry, in any of the spellings real prompt files use, into {@link
 * EvaluatorSpec}s. The entry's shape is read here (a criterion text, a {@code uses:} reference, a
 * mapping with a name); what a mapping checks is read by the kind it names, found in the {@link
 * EvaluatorSyntaxes} table by key ({@code regex: ...}) or by {@code type:}. One entry can yield
 * several specs ({@code contains_all}, a {@code uses:} of a reusable definition) or none (a broken
 * entry, reported).
 */
final class EvaluatorSpecParser {
  private static final Set<String> OUTPUT_TARGETS =
      Set.of(
          "output",
          "message.content",
          "message",
          "content",
          "response",
          "completion",
          "text",
          // what to look for rather than where: the case's expected text (StringKind)
          "expected",
          "expectedoutput",
          "expected_output",
          "{{expected}}");

  /** gh models' evaluator methods, in the order it tries them (cmd/eval/eval.go:446-455). */
  private static final List<String> GH_METHODS = List.of("string", "llm", "uses");

  private final FieldReader read;
  private final EvaluatorLibrary library;
  private final EvaluatorSyntaxes kinds;

  EvaluatorSpecParser(FieldReader read, EvaluatorLibrary library, EvaluatorSyntaxes kinds) {
    this.read = read;
    this.library = library;
    this.kinds = kinds;
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

    warnShadowedMethods(m);
    // string and llm are kinds' keys, tried before uses: gh models checks string, then llm, then
    // uses (github/gh-models cmd/eval/eval.go:446-455)
    for (EvaluatorSyntax<?> kind : kinds.all()) {
      Optional<YMap.Entry> key = kind.selectingKey(m);
      if (key.isPresent()) {
        String k = key.get().key().text();
        return parseAs(
            kind,
            new EvaluatorEntry(
                m, k, key.get().value(), null, name, description, index, read, this));
      }
    }
    if (m.has("uses")) {
      return uses(m, name);
    }
    Optional<YMap.Entry> typeEntry = m.first("type", "evaluator");
    if (typeEntry.isPresent()) {
      return typed(m, typeEntry.get(), name, description, index);
    }
    // gh models stops the whole evaluation at such an entry ("no evaluation method specified",
    // cmd/eval/eval.go:453-454); promptcheck refuses the file before any call, in run as in
    // validate
    diagnostics()
        .error(
            where,
            "unknown-evaluator",
            "evaluator "
                + (name != null ? "'" + name + "' " : "")
                + "has no method promptcheck knows: its keys are "
                + m.keys()
                + ", expected one of "
                + String.join(", ", kinds.selectingKeys())
                + " or a 'type:'");
    return List.of();
  }

  /**
   * One entry with several of gh's methods is checked by the first of string, llm, uses (as gh
   * does); the others are ignored, which the author should know.
   */
  private void warnShadowedMethods(YMap m) {
    List<String> present = GH_METHODS.stream().filter(m::has).toList();
    for (String ignored : present.subList(Math.min(1, present.size()), present.size())) {
      diagnostics()
          .warning(
              m.get(ignored).get().where(),
              "shadowed-method",
              "'"
                  + ignored
                  + "' is ignored: this entry also has '"
                  + present.get(0)
                  + "', and one entry is checked by the first of string, llm, uses, as in gh"
                  + " models eval");
    }
  }

  private List<EvaluatorSpec> typed(
      YMap m, YMap.Entry typeEntry, String name, String description, int index) {
    String type = read.text(typeEntry.value(), "type");
    if (type == null) {
      return List.of();
    }
    Optional<EvaluatorSyntax<?>> kind = kinds.byTypeAlias(type);
    if (kind.isEmpty()) {
      diagnostics()
          .warning(
              typeEntry.value().where(),
              "unknown-evaluator",
              "unknown evaluator type '"
                  + type
                  + "' (kinds: "
                  + String.join(", ", kinds.selectingKeys())
                  + "); it will be skipped");
      EvaluatorEntry entry =
          new EvaluatorEntry(m, null, m, type, name, description, index, read, this);
      return List.of(
          new EvaluatorSpec.Unsupported(
              entry.label(type), type, "unknown evaluator type '" + type + "'", m.where()));
    }
    if (m.has("property")) {
      diagnostics()
          .warning(
              m.get("property").get().where(),
              "unsupported-target",
              "'property' is not supported: the check applies to the whole output");
    }
    return parseAs(
        kind.get(), new EvaluatorEntry(m, null, m, type, name, description, index, read, this));
  }

  /**
   * Reads an entry as the kind named {@code kind}; used when one kind's spelling holds another's.
   */
  List<EvaluatorSpec> parseAs(String kind, EvaluatorEntry entry) {
    return parseAs(
        kinds
            .byName(kind)
            .orElseThrow(() -> new IllegalStateException("no evaluator kind '" + kind + "'")),
        entry);
  }

  private List<EvaluatorSpec> parseAs(EvaluatorSyntax<?> kind, EvaluatorEntry entry) {
    List<EvaluatorSpec> out = new ArrayList<>(kind.parse(entry));
    out.addAll(entry.alsoParsed());
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
        m.first(PromptFileKeys.USES_WITH.spellingArray())
            .map(e -> read.map(e.value(), "with"))
            .orElse(null);
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

  private static String abbreviate(String text) {
    return EvaluatorEntry.abbreviate(text);
  }
}
