package dev.promptcheck.cli;

import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.support.Json;
import dev.promptcheck.support.Texts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints diagnostics as {@code path:line:col: severity: message [code]} lines or as JSON. */
final class DiagnosticPrinter {
  private final Path base;

  DiagnosticPrinter(Path base) {
    this.base = base.toAbsolutePath().normalize();
  }

  String relative(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : p.toString();
  }

  void printText(List<Diagnostic> diagnostics, PrintWriter out) {
    for (Diagnostic d : diagnostics) {
      out.println(
          Texts.printable(relative(d.where().file()))
              + ":"
              + d.where().line()
              + ":"
              + d.where().column()
              + ": "
              + d.severity().label()
              + ": "
              + Texts.printable(d.message())
              + " ["
              + d.code()
              + "]");
      if (d.excerpt() != null) {
        printExcerpt(d.excerpt(), d.where().line(), d.where().column(), out);
      }
    }
  }

  /**
   * The file's line under a diagnostic, with a caret under its column, as compilers show it: {@code
   * 4 | evaluators: []} then {@code | ^}. The caret's padding copies the line's tabs, so it lands
   * under the column however wide the terminal draws a tab.
   */
  static void printExcerpt(String line, int lineNumber, int column, PrintWriter out) {
    String shown = Texts.printable(line.stripTrailing());
    String gutter = String.valueOf(lineNumber);
    StringBuilder pad = new StringBuilder();
    int cp = 0;
    for (int i = 0; i < shown.length() && cp < column - 1; cp++) {
      int c = shown.codePointAt(i);
      pad.append(c == '\t' ? "\t" : " ".repeat(Texts.columns(Character.toString(c))));
      i += Character.charCount(c);
    }
    pad.append(" ".repeat(Math.max(0, column - 1 - cp))); // past the end of the line
    out.println("  " + gutter + " | " + shown);
    out.println("  " + " ".repeat(gutter.length()) + " | " + pad + "^");
  }

  void printJson(Map<String, Object> summary, List<Diagnostic> diagnostics, PrintWriter out) {
    Map<String, Object> doc = new LinkedHashMap<>(summary);
    doc.put(
        "diagnostics",
        diagnostics.stream()
            .map(
                d -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("file", relative(d.where().file()));
                  m.put("line", d.where().line());
                  m.put("column", d.where().column());
                  m.put("severity", d.severity().label());
                  m.put("code", d.code());
                  m.put("message", d.message());
                  return m;
                })
            .toList());
    try {
      out.println(Json.pretty().writeValueAsString(doc));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Integer> countByCode(List<Diagnostic> diagnostics, boolean errors) {
    Map<String, Integer> out = new TreeMap<>();
    diagnostics.stream()
        .filter(d -> d.isError() == errors)
        .forEach(d -> out.merge(d.code(), 1, Integer::sum));
    return out;
  }
}
