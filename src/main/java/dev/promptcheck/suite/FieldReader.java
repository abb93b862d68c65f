package dev.promptcheck.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import dev.promptcheck.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Typed reads of YAML values; a value of the wrong shape is a located error and reads as null. */
public final class FieldReader {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final Diagnostics diagnostics;

  public FieldReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public Diagnostics diagnostics() {
    return diagnostics;
  }

  public String text(YNode node, String field) {
    if (node instanceof YScalar s) {
      return s.isNull() ? null : s.text();
    }
    wrongShape(node, field, "text");
    return null;
  }

  public Double number(YNode node, String field) {
    if (node instanceof YScalar s && !s.isNull()) {
      try {
        return Double.parseDouble(s.text().trim().replace("_", ""));
      } catch (NumberFormatException e) {
        diagnostics.error(
            node.where(),
            "bad-value",
            "'" + field + "' must be a number, found '" + s.text() + "'");
        return null;
      }
    }
    if (node instanceof YScalar) {
      return null;
    }
    wrongShape(node, field, "a number");
    return null;
  }

  public Integer integer(YNode node, String field) {
    Double d = number(node, field);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      diagnostics.error(
          node.where(), "bad-value", "'" + field + "' must be a whole number, found " + d);
      return null;
    }
    return d.intValue();
  }

  public Boolean bool(YNode node, String field) {
    if (node instanceof YScalar s && !s.isNull()) {
      return switch (s.text().trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "y" -> true;
        case "false", "no", "off", "n" -> false;
        default -> {
          diagnostics.error(
              node.where(),
              "bad-value",
              "'" + field + "' must be true or false, found '" + s.text() + "'");
          yield null;
        }
      };
    }
    if (!(node instanceof YScalar)) {
      wrongShape(node, field, "true or false");
    }
    return null;
  }

  /** A single text or a list of texts. */
  public List<String> texts(YNode node, String field) {
    List<String> out = new ArrayList<>();
    if (node instanceof YSeq q) {
      for (YNode item : q.items()) {
        String t = text(item, field);
        if (t != null) {
          out.add(t);
        }
      }
    } else {
      String t = text(node, field);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** A variable's value as a prompt sees it: text as is, structures as compact JSON. */
  static String valueText(YNode node) {
    if (node instanceof YScalar s) {
      return s.isNull() ? "" : s.text();
    }
    try {
      return JSON.writeValueAsString(YNode.toPlain(node));
    } catch (JsonProcessingException e) {
      return String.valueOf(YNode.toPlain(node));
    }
  }

  public YMap map(YNode node, String field) {
    if (node instanceof YMap m) {
      return m;
    }
    wrongShape(node, field, "a mapping");
    return null;
  }

  public void wrongShape(YNode node, String field, String expected) {
    diagnostics.error(
        node.where(),
        "bad-shape",
        "'" + field + "' must be " + expected + ", found " + node.shape());
  }
}
