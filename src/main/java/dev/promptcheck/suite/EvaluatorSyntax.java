package dev.promptcheck.suite;

import dev.promptcheck.suite.YNode.YMap;
import java.util.List;
import java.util.Optional;

/**
 * How one evaluator kind is written in a prompt file and read into its spec: the keys that select
 * it ({@code regex: ...}), the {@code type:} values that name it ({@code type: regex_match}), the
 * fields it reads, and its parser. The words are data so that lint, validate and the JSON Schema
 * use the same tables as the parser.
 *
 * <p>The kinds live in {@code eval}, each one class that also compiles its spec ({@code
 * eval.EvaluatorKind}); this package sees them only through this interface, so it stays below
 * {@code eval}. A kind reads only its own spec type ({@code S}): whatever reaches the compiler was
 * made by a registered kind, which compiles it.
 */
public interface EvaluatorSyntax<S extends EvaluatorSpec> {

  /** The kind's name in messages and in the registry: {@code regex}, {@code levenshtein}. */
  String name();

  /**
   * What the kind checks, in a sentence or two, for the JSON Schema of the prompt file ({@code
   * promptcheck schema}); empty when the kind does not say.
   */
  default String description() {
    return "";
  }

  /** The spec type this kind reads into and compiles: exactly one kind per type. */
  Class<S> specType();

  /** Mapping keys that select this kind, most common first: {@code regex: {pattern: ...}}. */
  List<String> keys();

  /**
   * {@code type:} (or {@code evaluator:}) values that name this kind, in lower case: {@code type:
   * regex_match}. Empty when the kind has no typed form.
   */
  List<String> typeAliases();

  /**
   * The fields the kind reads inside its mapping ({@code regex: {pattern, flags}}) or beside {@code
   * type:} ({@code type: regex, pattern: ...}), for schemas and "unknown key" messages.
   */
  List<String> fields();

  /**
   * The fields whose near misses (one edit, case aside) the kind's parser refuses inside its keyed
   * mapping, as {@code string: {contians: x}} is refused; the JSON Schema flags the same keys.
   * Empty when the kind only warns about unknown fields.
   */
  default List<String> refusedNearMissesOf() {
    return List.of();
  }

  /**
   * The key that selects this kind in {@code entry}, if any; the first of {@link #keys()} present
   * unless the kind says otherwise (e.g. {@code json:} beside a {@code type:} is the type's value).
   */
  default Optional<YMap.Entry> selectingKey(YMap entry) {
    return entry.first(keys().toArray(String[]::new));
  }

  /**
   * Reads one entry written in this kind's keyed or typed form. Problems are located diagnostics on
   * {@code entry.diagnostics()}; an entry that cannot be read yields no spec.
   */
  List<S> parse(EvaluatorEntry entry);
}
