package dev.promptcheck.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML (or JSON, CSV) value that remembers where it was written, so every later check can point
 * at the exact line and column. Only three shapes exist: mapping, sequence, scalar.
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

  SourceRef where();

  /** A short human name of the shape, for messages such as "expected text, found a list". */
  String shape();

  enum ScalarType {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  /**
   * A scalar keeps its text exactly as the parser produced it and the code-point span it occupies
   * in the source, which is what {@code lint --fix} rewrites.
   */
  record YScalar(String text, ScalarType type, SourceRef where, int startIndex, int endIndex)
      implements YNode {
    public boolean isNull() {
      return type == ScalarType.NULL;
    }

    @Override
    public String shape() {
      return isNull() ? "nothing (null)" : "text";
    }
  }

  record YSeq(List<YNode> items, SourceRef where) implements YNode {
    @Override
    public String shape() {
      return "a list";
    }
  }

  record YMap(LinkedHashMap<String, Entry> entries, SourceRef where) implements YNode {
    public record Entry(YScalar key, YNode value) {}

    public Optional<YNode> get(String key) {
      Entry e = entries.get(key);
      return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** The first of several spellings of one field that is present, e.g. maxTokens / max_tokens. */
    public Optional<Entry> first(String... keys) {
      for (String k : keys) {
        Entry e = entries.get(k);
        if (e != null) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
    }

    public boolean has(String key) {
      return entries.containsKey(key);
    }

    public Set<String> keys() {
      return entries.keySet();
    }

    public List<Entry> list() {
      return new ArrayList<>(entries.values());
    }

    @Override
    public String shape() {
      return "a mapping";
    }
  }

  static YScalar text(String value, SourceRef where) {
    return new YScalar(value, ScalarType.STRING, where, -1, -1);
  }

  /**
   * A JSON value (a JSON text a YAML file holds as a string) as YAML nodes, every one placed at
   * {@code where}, the string's place: what reads it then reads YAML and JSON alike.
   */
  static YNode fromJson(JsonNode json, SourceRef where) {
    if (json.isObject()) {
      LinkedHashMap<String, YMap.Entry> entries = new LinkedHashMap<>();
      json.properties()
          .forEach(
              e ->
                  entries.put(
                      e.getKey(),
                      new YMap.Entry(text(e.getKey(), where), fromJson(e.getValue(), where))));
      return new YMap(entries, where);
    }
    if (json.isArray()) {
      List<YNode> items = new ArrayList<>();
      json.forEach(i -> items.add(fromJson(i, where)));
      return new YSeq(items, where);
    }
    ScalarType type =
        json.isNull()
            ? ScalarType.NULL
            : json.isBoolean()
                ? ScalarType.BOOL
                : json.isIntegralNumber()
                    ? ScalarType.INT
                    : json.isNumber() ? ScalarType.FLOAT : ScalarType.STRING;
    return new YScalar(json.isNull() ? "" : json.asText(), type, where, -1, -1);
  }

  /** Plain Java view of a value (maps, lists, strings, numbers, booleans, null) for JSON output. */
  static Object toPlain(YNode node) {
    if (node instanceof YScalar s) {
      return switch (s.type()) {
        case NULL -> null;
        case BOOL -> Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
        case INT -> {
          try {
            yield Long.parseLong(s.text().replace("_", ""));
          } catch (NumberFormatException e) {
            yield s.text();
          }
        }
        case FLOAT -> {
          try {
            yield Double.parseDouble(s.text().replace("_", ""));
          } catch (NumberFormatException e) {
            yield s.text();
          }
        }
        case STRING -> s.text();
      };
    }
    if (node instanceof YSeq q) {
      List<Object> out = new ArrayList<>();
      q.items().forEach(i -> out.add(toPlain(i)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((YMap) node).entries().forEach((k, e) -> out.put(k, toPlain(e.value())));
    return out;
  }
}
