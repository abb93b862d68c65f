package dev.promptcheck.eval;

import dev.promptcheck.suite.CompiledRegex;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.RegexDialect;
import dev.promptcheck.template.Template;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Searches the output for a pattern (unanchored). A pattern with {@code {{var}}} slots is filled
 * per case and compiled once per distinct text.
 */
final class RegexEvaluator extends SpecEvaluator<EvaluatorSpec.Regex> {
  static final Duration BUDGET = Duration.ofMillis(250);

  private final Template template;
  private final CompiledRegex fixed;
  private final Map<String, CompiledRegex> byText = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException when a slot-free pattern does not compile
   */
  RegexEvaluator(EvaluatorSpec.Regex spec) {
    super(spec);
    this.template = Template.parse(spec.pattern());
    this.fixed =
        template.variables().isEmpty() ? RegexDialect.compile(spec.pattern(), spec.flags()) : null;
  }

  @Override
  public Verdict evaluate(EvaluationInput input) {
    String source = fixed != null ? spec.pattern() : template.renderLenient(input::lookup);
    CompiledRegex regex;
    try {
      regex =
          fixed != null
              ? fixed
              : byText.computeIfAbsent(source, p -> RegexDialect.compile(p, spec.flags()));
    } catch (IllegalArgumentException e) {
      return new Verdict.Error(
          name(),
          kind(),
          "pattern " + Explain.quote(source, 80) + " does not compile: " + e.getMessage());
    }
    Optional<CompiledRegex.Match> match;
    try {
      match = regex.find(input.output(), BUDGET);
    } catch (CompiledRegex.RegexTimeoutException e) {
      return new Verdict.Error(
          name(),
          kind(),
          "pattern /"
              + source
              + "/ needs backtracking and "
              + e.getMessage()
              + " (budget "
              + BUDGET.toMillis()
              + " ms); no verdict");
    }
    String shown = "/" + source + "/" + (spec.flags() == null ? "" : spec.flags());
    if (match.isPresent()) {
      String found = input.output().substring(match.get().start(), match.get().end());
      return spec.negate()
          ? new Verdict.Fail(
              name(),
              kind(),
              0,
              "pattern " + shown + " must not match but found " + Explain.quote(found, 80))
          : new Verdict.Pass(
              name(), kind(), 1, "pattern " + shown + " matched " + Explain.quote(found, 80));
    }
    if (spec.negate()) {
      return new Verdict.Pass(name(), kind(), 1, "pattern " + shown + " is absent, as required");
    }
    return new Verdict.Fail(
        name(), kind(), 0, "pattern " + shown + " not found" + nearest(source, input.output()));
  }

  private static String nearest(String pattern, String output) {
    String literal = Explain.literalOf(pattern);
    String line = Explain.nearestLine(output, literal);
    if (line == null) {
      return "";
    }
    String why = pattern.contains("|") ? null : Explain.firstDifference(literal.strip(), line);
    return "; nearest line " + Explain.quote(line, 100) + (why == null ? "" : " (" + why + ")");
  }
}
