package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import java.util.List;
import java.util.Locale;

/**
 * Checks promptcheck cannot run here ({@code python:}, {@code type: python|javascript}; the parser
 * adds entries of no known kind): always skipped with the reason, never a pass ({@link
 * SkippedEvaluator}).
 */
final class UnsupportedKind implements EvaluatorKind<EvaluatorSpec.Unsupported> {
  private static final String REWRITE = "rewrite as regex/string checks or an llm judge";

  @Override
  public String name() {
    return "unsupported";
  }

  @Override
  public String description() {
    return "Code that promptcheck cannot run (python:, type: javascript): reported as"
        + " skipped with a reason, never as passed.";
  }

  @Override
  public Class<EvaluatorSpec.Unsupported> specType() {
    return EvaluatorSpec.Unsupported.class;
  }

  @Override
  public List<String> keys() {
    return List.of("python");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("python", "javascript");
  }

  @Override
  public List<String> fields() {
    return List.of("value");
  }

  @Override
  public List<EvaluatorSpec.Unsupported> parse(EvaluatorEntry entry) {
    if (!entry.typed()) {
      return List.of(
          new EvaluatorSpec.Unsupported(
              entry.label(),
              entry.key(),
              "python expressions cannot run in promptcheck; " + REWRITE,
              entry.where()));
    }
    String language = entry.type().trim().toLowerCase(Locale.ROOT);
    return List.of(
        new EvaluatorSpec.Unsupported(
            entry.label(),
            language,
            language + " code cannot run in promptcheck; " + REWRITE,
            entry.where()));
  }

  @Override
  public Evaluator compile(EvaluatorSpec.Unsupported spec, PromptFile file) {
    return SkippedEvaluator.unsupported(spec);
  }
}
