package dev.promptcheck.suite;

import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.support.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluator entry of a prompt file as a kind's parser sees it: the whole mapping, the value
 * under the key that selected the kind (keyed form, {@code regex: {...}}) or the mapping itself
 * (typed form, {@code type: regex}), the entry's name, and typed, located reads.
 */
public final class EvaluatorEntry {
  private final YMap map;
  private final String key;
  private final YNode body;
  private final String type;
  private final String name;
  private final String description;
  private final int index;
  private final FieldReader read;
  private final EvaluatorSpecParser parser;
  private final List<EvaluatorSpec> also = new ArrayList<>();

  EvaluatorEntry(
      YMap map,
      String key,
      YNode body,
      String type,
      String name,
      String description,
      int index,
      FieldReader read,
      EvaluatorSpecParser parser) {
    this.map = map;
    this.key = key;
    this.body = body;
    this.type = type;
    this.name = name;
    this.description = description;
    this.index = index;
    this.read = read;
    this.parser = parser;
  }

  /** The whole entry: fields beside the selecting key (e.g. {@code flags:} next to a regex). */
  public YMap map() {
    return map;
  }

  /** The key that selected the kind ({@code regex}, {@code latency}), or null in typed form. */
  public String key() {
    return key;
  }

  /** The value under the selecting key; in typed form, the entry itself. */
  public YNode body() {
    return body;
  }

  /** The {@code type:} value as written, or null in keyed form. */
  public String type() {
    return type;
  }

  public boolean typed() {
    return type != null;
  }

  /** The entry's {@code name:} (or {@code id:}), or null when it has none. */
  public String name() {
    return name;
  }

  /** The name shown for this check, numbered after the {@code type:} or the selecting key. */
  public String label() {
    return label(typed() ? type : key);
  }

  /**
   * The name shown for this check: its {@code name:}, else its {@code description:} cut to one
   * line, else {@code word #N} with the entry's position.
   */
  public String label(String word) {
    if (name != null && !name.isBlank()) {
      return name;
    }
    if (description != null && !description.isBlank()) {
      return abbreviate(description);
    }
    return word + " #" + (index + 1);
  }

  public SourceRef where() {
    return map.where();
  }

  public FieldReader read() {
    return read;
  }

  public Diagnostics diagnostics() {
    return read.diagnostics();
  }

  /**
   * Reads {@code body} as the registered kind {@code kind} would read it under {@code owner}, with
   * this entry's label (e.g. {@code string: {regex: ...}} is a regex check); its specs follow this
   * kind's own. Returns them, so the caller can tell whether anything came of it.
   */
  public List<EvaluatorSpec> also(String kind, YMap owner, YNode body) {
    List<EvaluatorSpec> specs =
        parser.parseAs(
            kind, new EvaluatorEntry(owner, kind, body, null, label(), null, index, read, parser));
    also.addAll(specs);
    return specs;
  }

  List<EvaluatorSpec> alsoParsed() {
    return also;
  }

  /** Text cut to one line of at most 60 characters, for names made from criteria and prose. */
  public static String abbreviate(String text) {
    return Texts.oneLine(text, 60);
  }
}
