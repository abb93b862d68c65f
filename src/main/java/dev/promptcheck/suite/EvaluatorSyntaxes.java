package dev.promptcheck.suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The table the parser dispatches on: the evaluator kinds in the order their keys are tried (the
 * first kind whose key an entry has wins), and their {@code type:} aliases. The table is checked
 * when it is built, so a clash or a gap fails at startup and in tests, never in the middle of a
 * run: two kinds may not share a name, a key, an alias or a spec type, and the spec types this
 * package makes itself ({@link #MADE_BY_PARSER}) must each have a kind that compiles them.
 *
 * <p>The kinds live in {@code eval} ({@code eval.EvaluatorKinds}, one registration line per kind).
 * {@link #installed()} reaches them through {@link ServiceLoader}, the JDK's plug-in mechanism, so
 * that this package does not depend on the one above it; a caller that wants other kinds passes its
 * own table to {@link SuiteLoader}.
 */
public final class EvaluatorSyntaxes {

  /**
   * Supplies the installed table; {@code eval.EvaluatorKinds} registers one in META-INF/services.
   */
  public interface Source {
    EvaluatorSyntaxes syntaxes();
  }

  /**
   * Spec types the parser makes without a kind's parser: criteria ({@code rule:}, a bare string)
   * and {@code uses: github/*} become LLM judges; an entry of an unknown {@code type:} is
   * unsupported; a {@code uses:} of no known evaluator is not found.
   */
  public static final List<Class<? extends EvaluatorSpec>> MADE_BY_PARSER =
      List.of(
          EvaluatorSpec.Llm.class, EvaluatorSpec.Unsupported.class, EvaluatorSpec.NotFound.class);

  /** Fields any entry may have whatever its kind. */
  public static final List<String> COMMON_FIELDS =
      List.copyOf(PromptFileKeys.spellings(PromptFileKeys.EVALUATOR_FIELDS));

  /** The reference to a reusable or built-in evaluator, and its parameters. */
  public static final List<String> USES_FIELDS =
      List.copyOf(PromptFileKeys.spellings(PromptFileKeys.USES_FIELDS));

  private final List<EvaluatorSyntax<?>> kinds;
  private final Map<String, EvaluatorSyntax<?>> byName = new LinkedHashMap<>();
  private final Map<String, EvaluatorSyntax<?>> byAlias = new HashMap<>();

  /**
   * @throws IllegalStateException when two kinds clash or a spec type the parser makes has no kind
   */
  public EvaluatorSyntaxes(List<? extends EvaluatorSyntax<?>> kinds) {
    this.kinds = List.copyOf(kinds);
    Map<String, String> keys = new HashMap<>();
    Map<Class<?>, String> types = new HashMap<>();
    for (EvaluatorSyntax<?> k : this.kinds) {
      claim(byName, k.name(), k, "name");
      for (String key : k.keys()) {
        String other = keys.putIfAbsent(key, k.name());
        if (other != null) {
          throw clash("key '" + key + "'", other, k.name());
        }
      }
      for (String alias : k.typeAliases()) {
        claim(byAlias, alias.toLowerCase(Locale.ROOT), k, "type alias");
      }
      String other = types.putIfAbsent(k.specType(), k.name());
      if (other != null) {
        throw clash("spec type " + k.specType().getSimpleName(), other, k.name());
      }
    }
    for (Class<? extends EvaluatorSpec> made : MADE_BY_PARSER) {
      if (!types.containsKey(made)) {
        throw new IllegalStateException(
            "no evaluator kind compiles "
                + made.getName()
                + ", which the prompt file parser makes itself; register one in eval.EvaluatorKinds");
      }
    }
    for (String key : USES_FIELDS) {
      if (keys.containsKey(key)) {
        throw clash("key '" + key + "'", "uses", keys.get(key));
      }
    }
  }

  private void claim(
      Map<String, EvaluatorSyntax<?>> table, String word, EvaluatorSyntax<?> k, String what) {
    EvaluatorSyntax<?> other = table.putIfAbsent(word, k);
    if (other != null) {
      throw clash(what + " '" + word + "'", other.name(), k.name());
    }
  }

  private static IllegalStateException clash(String what, String a, String b) {
    return new IllegalStateException(
        "evaluator kinds '" + a + "' and '" + b + "' both claim the " + what);
  }

  /** The table of the kinds installed with promptcheck ({@code eval.EvaluatorKinds}). */
  public static EvaluatorSyntaxes installed() {
    return Installed.TABLE;
  }

  private static final class Installed {
    static final EvaluatorSyntaxes TABLE = load();

    private static EvaluatorSyntaxes load() {
      List<Source> sources = new ArrayList<>();
      ServiceLoader.load(Source.class, EvaluatorSyntaxes.class.getClassLoader())
          .forEach(sources::add);
      if (sources.size() != 1) {
        throw new IllegalStateException(
            "expected one evaluator kind table in META-INF/services/"
                + Source.class.getName()
                + ", found "
                + sources.size());
      }
      return sources.get(0).syntaxes();
    }
  }

  /** The kinds, in the order their keys are tried. */
  public List<EvaluatorSyntax<?>> all() {
    return kinds;
  }

  public Optional<EvaluatorSyntax<?>> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The kind a {@code type:} value names, ignoring case and surrounding space. */
  public Optional<EvaluatorSyntax<?>> byTypeAlias(String type) {
    return Optional.ofNullable(byAlias.get(type.trim().toLowerCase(Locale.ROOT)));
  }

  /** Every key that selects a kind, {@code uses} included, for "kinds: ..." messages. */
  public List<String> selectingKeys() {
    List<String> out = new ArrayList<>();
    kinds.forEach(k -> out.addAll(k.keys()));
    out.add("uses");
    return out;
  }
}
