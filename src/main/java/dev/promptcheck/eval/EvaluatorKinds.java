package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSyntax;
import dev.promptcheck.suite.EvaluatorSyntaxes;
import dev.promptcheck.suite.PromptFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of evaluator kinds: the parser in {@code suite} dispatches on their keys and {@code
 * type:} aliases ({@link #syntaxes()}), the compiler on their spec types ({@link #compile}). The
 * table is checked when it is built (see {@link EvaluatorSyntaxes}), so a clash fails at startup.
 */
public final class EvaluatorKinds {

  /**
   * The kinds promptcheck knows, in the order an entry's keys are tried: the first kind whose key
   * the entry has reads it. A new kind is one class and one line here.
   */
  public static final EvaluatorKinds STANDARD =
      new EvaluatorKinds(
          List.of(
              new RegexKind(),
              new StringKind(),
              new HeadersKind(),
              new JsonKind(),
              new LlmKind(),
              new UnsupportedKind(),
              new NotFoundKind(),
              new LimitsKind(),
              new LevenshteinKind(),
              new ToolCallKind(),
              new ToolCallsKind(),
              new NoToolCallKind()));

  private final List<EvaluatorKind<?>> kinds;
  private final EvaluatorSyntaxes syntaxes;
  private final Map<Class<?>, EvaluatorKind<?>> bySpecType = new HashMap<>();

  /**
   * @throws IllegalStateException when two kinds clash, or the parser's own spec types lack a kind
   */
  public EvaluatorKinds(List<? extends EvaluatorKind<?>> kinds) {
    this.kinds = List.copyOf(kinds);
    this.syntaxes = new EvaluatorSyntaxes(this.kinds);
    this.kinds.forEach(k -> bySpecType.put(k.specType(), k));
  }

  /** The parse side, for {@code suite.SuiteLoader}. */
  public EvaluatorSyntaxes syntaxes() {
    return syntaxes;
  }

  public List<EvaluatorKind<?>> all() {
    return kinds;
  }

  /** The kind that compiles {@code spec}, by its exact type. */
  public Optional<EvaluatorKind<?>> forSpec(EvaluatorSpec spec) {
    return Optional.ofNullable(bySpecType.get(spec.getClass()));
  }

  /**
   * Checks that every kind of a parse table is one this registry compiles, for callers that load
   * suites with a table of their own.
   *
   * @throws IllegalStateException naming each kind that has no compile side here
   */
  public void requireCompiles(EvaluatorSyntaxes parsing) {
    List<String> missing =
        parsing.all().stream()
            .filter(s -> !bySpecType.containsKey(s.specType()))
            .map(EvaluatorSyntax::name)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "evaluator kinds without a compile side: "
              + String.join(", ", missing)
              + " (a kind is an eval.EvaluatorKind registered in eval.EvaluatorKinds)");
    }
  }

  /**
   * Compiles {@code spec} with {@code kind}, found by {@link #forSpec}.
   *
   * @throws IllegalArgumentException from the kind, when the spec cannot become a check
   */
  static <S extends EvaluatorSpec> Evaluator compile(
      EvaluatorKind<S> kind, EvaluatorSpec spec, PromptFile file) {
    // forSpec found the kind by the spec's exact type, so this checked cast always holds
    return kind.compile(kind.specType().cast(spec), file);
  }

  /** The installed table, found by {@code suite.EvaluatorSyntaxes#installed()}. */
  public static final class Installed implements EvaluatorSyntaxes.Source {
    @Override
    public EvaluatorSyntaxes syntaxes() {
      return STANDARD.syntaxes();
    }
  }
}
