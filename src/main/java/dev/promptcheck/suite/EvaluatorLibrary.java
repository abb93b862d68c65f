package dev.promptcheck.suite;

import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import dev.promptcheck.template.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reusable evaluator definitions in a suite's {@code evaluators/} folder, one per file, used from
 * prompt files as {@code uses: NAME} (with optional {@code with:} parameters):
 *
 * <pre>
 * name: markdown-sections          # defaults to the file name
 * parameters: [{name: sections, default: [Summary]}]
 * evaluators:
 *   - headers: {expect: "{{sections}}", order: true}
 * </pre>
 *
 * A scalar that is exactly {@code {{param}}} takes the parameter's value whole (so a list stays a
 * list); inside longer text the value is substituted as text.
 */
public final class EvaluatorLibrary {
  private static final int MAX_DEPTH = 4;

  private record Definition(
      String name, Map<String, YNode> defaults, YNode evaluators, Path file) {}

  private final Path folder;
  private final Diagnostics loadDiagnostics = new Diagnostics();
  private Map<String, Definition> definitions;
  private int depth;

  public EvaluatorLibrary(Path folder) {
    this.folder = folder;
  }

  public static EvaluatorLibrary empty() {
    return new EvaluatorLibrary(null);
  }

  /** Problems in the definition files themselves, reported once per suite. */
  public synchronized Diagnostics loadDiagnostics() {
    definitions();
    return loadDiagnostics;
  }

  public synchronized List<String> names() {
    return new ArrayList<>(definitions().keySet());
  }

  synchronized List<EvaluatorSpec> expand(
      String uses,
      YMap params,
      String name,
      SourceRef where,
      EvaluatorSpecParser parser,
      Diagnostics diagnostics) {
    Definition def = definitions().get(uses);
    if (def == null) {
      List<String> known = new ArrayList<>(definitions().keySet());
      known.addAll(BuiltinJudges.names());
      String reason =
          "evaluator '"
              + uses
              + "' not found (known: "
              + String.join(", ", known)
              + ")"
              + (folder == null ? "" : "; reusable definitions live in " + folder);
      // gh models fails such a check with score 0 and goes on (cmd/eval/eval.go:574-579)
      diagnostics.warning(
          where, "unknown-evaluator", reason + ": it fails every case, as in gh models eval");
      return List.of(new EvaluatorSpec.NotFound(name != null ? name : uses, uses, reason, where));
    }
    if (depth >= MAX_DEPTH) {
      diagnostics.error(
          where, "unknown-evaluator", "evaluator '" + uses + "' uses itself too deeply");
      return List.of();
    }
    Map<String, YNode> values = new HashMap<>(def.defaults());
    if (params != null) {
      params.entries().forEach((k, e) -> values.put(k, e.value()));
    }
    for (var e : values.entrySet()) {
      if (e.getValue() == null) {
        diagnostics.error(
            where,
            "missing-parameter",
            "evaluator '" + uses + "' needs parameter '" + e.getKey() + "'");
        return List.of();
      }
    }
    YNode body = substitute(def.evaluators(), values);
    depth++;
    try {
      List<EvaluatorSpec> specs = parser.parseList(body, "evaluators");
      if (name != null && specs.size() == 1) {
        return List.of(specs.get(0).withName(name));
      }
      return specs;
    } finally {
      depth--;
    }
  }

  private static YNode substitute(YNode node, Map<String, YNode> values) {
    if (node instanceof YScalar s) {
      if (s.type() != YNode.ScalarType.STRING || !s.text().contains("{{")) {
        return s;
      }
      Template t = Template.parse(s.text());
      if (t.variables().size() == 1
          && s.text().strip().equals("{{" + t.variables().iterator().next() + "}}")) {
        YNode whole = values.get(t.variables().iterator().next());
        if (whole != null) {
          return whole;
        }
      }
      String text =
          t.renderLenient(n -> values.containsKey(n) ? FieldReader.valueText(values.get(n)) : null);
      return new YScalar(text, s.type(), s.where(), s.startIndex(), s.endIndex());
    }
    if (node instanceof YSeq q) {
      return new YSeq(q.items().stream().map(i -> substitute(i, values)).toList(), q.where());
    }
    YMap m = (YMap) node;
    LinkedHashMap<String, YMap.Entry> out = new LinkedHashMap<>();
    m.entries()
        .forEach((k, e) -> out.put(k, new YMap.Entry(e.key(), substitute(e.value(), values))));
    return new YMap(out, m.where());
  }

  private Map<String, Definition> definitions() {
    if (definitions != null) {
      return definitions;
    }
    definitions = new TreeMap<>();
    if (folder == null || !Files.isDirectory(folder)) {
      return definitions;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      loadDiagnostics.error(
          SourceRef.of(folder), "io", "cannot list evaluator definitions: " + e.getMessage());
      return definitions;
    }
    for (Path file : files) {
      load(file);
    }
    return definitions;
  }

  private void load(Path file) {
    var escape = SuitePaths.outside(file, folder.getParent() != null ? folder.getParent() : folder);
    if (escape.isPresent()) {
      loadDiagnostics.error(
          SourceRef.of(file), "path-escape", "evaluator definition " + escape.get() + "; not read");
      return;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      loadDiagnostics.error(SourceRef.of(file), "io", "cannot read: " + e.getMessage());
      return;
    }
    var root = YamlReader.read(file, text, loadDiagnostics);
    if (root.isEmpty()) {
      return;
    }
    FieldReader read = new FieldReader(loadDiagnostics);
    YMap m = read.map(root.get(), "evaluator definition");
    if (m == null) {
      return;
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String name = m.get("name").map(v -> read.text(v, "name")).orElse(stem);
    YNode evaluators = m.get("evaluators").orElse(null);
    if (evaluators == null) {
      loadDiagnostics.error(
          m.where(),
          "bad-evaluator",
          "evaluator definition '" + name + "' has no 'evaluators' list");
      return;
    }
    Map<String, YNode> defaults = new HashMap<>();
    m.get("parameters")
        .ifPresent(
            p -> {
              if (p instanceof YSeq seq) {
                for (YNode item : seq.items()) {
                  if (item instanceof YMap pm && pm.has("name")) {
                    defaults.put(
                        read.text(pm.get("name").get(), "name"), pm.get("default").orElse(null));
                  } else {
                    read.wrongShape(item, "parameters", "a mapping with 'name'");
                  }
                }
              } else if (p instanceof YMap pm) {
                pm.entries()
                    .forEach(
                        (k, e) ->
                            defaults.put(
                                k,
                                e.value() instanceof YScalar s && s.isNull() ? null : e.value()));
              }
            });
    definitions.put(name, new Definition(name, defaults, evaluators, file));
  }
}
