package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.FieldReader;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import java.util.List;
import java.util.Optional;

/**
 * {@code regex: {pattern, flags, negate}}, {@code regex: "pattern"}, {@code type: regex} with
 * {@code pattern}: a pattern searched anywhere in the output ({@link RegexEvaluator}).
 */
final class RegexKind implements EvaluatorKind<EvaluatorSpec.Regex> {

  @Override
  public String name() {
    return "regex";
  }

  @Override
  public String description() {
    return "The output must match a regular expression (found anywhere, Python/JavaScript"
        + " syntax, flags i m s x); negate or invert: it must not. Written regex: PATTERN"
        + " or regex: {pattern, flags, negate}.";
  }

  @Override
  public Class<EvaluatorSpec.Regex> specType() {
    return EvaluatorSpec.Regex.class;
  }

  @Override
  public List<String> keys() {
    return List.of("regex");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("regex", "regex_match", "regex-match", "matches", "match");
  }

  @Override
  public List<String> fields() {
    return List.of("pattern", "regex", "value", "expected", "flags", "negate", "invert", "not");
  }

  @Override
  public List<EvaluatorSpec.Regex> parse(EvaluatorEntry entry) {
    String label = entry.label();
    if (!entry.typed()) {
      return regex(entry.read(), entry.map(), entry.body(), label);
    }
    Optional<YMap.Entry> p = entry.map().first("pattern", "regex", "value", "expected");
    if (p.isEmpty()) {
      entry
          .diagnostics()
          .error(
              entry.where(), "bad-evaluator", "regex evaluator '" + label + "' has no 'pattern'");
      return List.of();
    }
    return regex(entry.read(), entry.map(), p.get().value(), label);
  }

  /** A pattern given as text or as {@code {pattern, flags, negate}}; flags may sit in owner. */
  private static List<EvaluatorSpec.Regex> regex(
      FieldReader read, YMap owner, YNode node, String name) {
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
        read.diagnostics()
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
      read.diagnostics()
          .error(where, "bad-evaluator", "regex evaluator '" + name + "' has an empty pattern");
      return List.of();
    }
    return List.of(
        new EvaluatorSpec.Regex(name, pattern, flags, Boolean.TRUE.equals(negate), where));
  }

  @Override
  public Evaluator compile(EvaluatorSpec.Regex spec, PromptFile file) {
    return new RegexEvaluator(spec);
  }

  @Override
  public String compileErrorCode() {
    return "bad-regex";
  }
}
