package dev.promptcheck.suite;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error in plain words. SnakeYAML names the parser's state ("expected &lt;block
 * end&gt;, but found '?'", where the file has no '?': a key is what it found) and marks where the
 * parser gave up, often the end of the file for a quote opened at the top. Here the shapes people
 * write are recognised from the file's own lines: a tab in the indentation, a quote or bracket
 * never closed (located where it opens), a line indented to no level of the blocks above it, a key
 * among list items or an item among keys, a value holding ': ', a line that is no {@code key:
 * value}. Anything else keeps SnakeYAML's words.
 *
 * @param line 1-based line of the place shown
 * @param column 1-based column (in code points) of the place shown
 * @param message the diagnostic's text, starting "YAML syntax: "
 */
record YamlSyntax(int line, int column, String message) {
  private static final String PREFIX = "YAML syntax: ";

  static YamlSyntax explain(String text, MarkedYAMLException e) {
    List<String> lines = text.lines().toList();
    Mark problem = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    Mark context = e.getContextMark();
    String what = e.getProblem() == null ? "" : e.getProblem();
    String during = e.getContext() == null ? "" : e.getContext();
    String snake = PREFIX + what + (during.isEmpty() ? "" : " (" + during + ")");
    if (problem == null) {
      return new YamlSyntax(1, 1, snake);
    }
    int pl = problem.getLine();
    int pc = problem.getColumn();
    String problemLine = pl < lines.size() ? lines.get(pl) : "";

    if (during.contains("expected a single document")) {
      return new YamlSyntax(
          pl + 1,
          pc + 1,
          PREFIX
              + "a second YAML document starts here ('---'): a prompt file is one document; remove"
              + " the '---' or split the file");
    }
    if (what.contains("(TAB)")) {
      return new YamlSyntax(
          pl + 1,
          pc + 1,
          PREFIX
              + "a tab in the indentation: YAML indents with spaces only; replace the tab with"
              + " spaces");
    }
    if (during.contains("quoted scalar") && context != null) {
      String opened = quoteAt(lines, context);
      if (what.contains("end of stream")) {
        return at(
            context,
            PREFIX
                + "the "
                + opened
                + "-quoted value that starts here is never closed: end it with "
                + opened
                + (opened.equals("'")
                    ? " (a ' inside it is written '')"
                    : " (a \" inside it is written \\\")"));
      }
      if (what.contains("unknown escape character")) {
        // SnakeYAML marks the letter after the backslash; the backslash is the mistake
        int at =
            pc > 0 && pc <= problemLine.length() && problemLine.charAt(pc - 1) == '\\'
                ? pc
                : pc + 1;
        return new YamlSyntax(
            pl + 1,
            at,
            PREFIX
                + "a backslash in a double-quoted value starts an escape, and this one is not"
                + " YAML's: for a regex or a Windows path use single quotes ('\\d+'), or double the"
                + " backslash (\"\\\\d+\")");
      }
    }
    if (during.contains("flow sequence") || during.contains("flow mapping")) {
      if (context != null && what.startsWith("expected ','")) {
        boolean seq = during.contains("sequence");
        return at(
            context,
            PREFIX
                + "the "
                + (seq ? "list" : "mapping")
                + " opened here with '"
                + (seq ? "[" : "{")
                + "' is not closed with '"
                + (seq ? "]" : "}")
                + (pl + 1 >= lines.size() && problemLine.isBlank()
                    ? "' before the end of the file"
                    : "' before line " + (pl + 1))
                + " (a value that holds "
                + (seq ? "'[' or ']'" : "'{' or '}'")
                + ", a ',' or ': ' must be quoted)");
      }
    }
    if (during.contains("simple key") && what.contains("could not find expected ':'")) {
      Mark at = context != null ? context : problem;
      String shown = at.getLine() < lines.size() ? lines.get(at.getLine()).strip() : "";
      return at(
          at,
          PREFIX
              + "'"
              + shorten(shown)
              + "' is not 'key: value': a key needs ': ' after it, a list item '- ' before it");
    }
    if (what.contains("mapping values are not allowed here")) {
      // a key's colon earlier on the line: this colon is inside its value
      int keyColon = problemLine.indexOf(": ");
      if (keyColon >= 0 && keyColon < pc) {
        String key = problemLine.substring(0, keyColon).strip();
        key = key.startsWith("- ") ? key.substring(2).strip() : key;
        return new YamlSyntax(
            pl + 1,
            pc + 1,
            PREFIX
                + "the value of '"
                + shorten(key)
                + "' holds ': ', which YAML reads as the start of another key: quote the whole"
                + " value ("
                + shorten(key)
                + ": '...')");
      }
      Above above = above(lines, pl);
      if (above != null && indent(problemLine) > above.indent) {
        return new YamlSyntax(
            pl + 1,
            indent(problemLine) + 1,
            PREFIX
                + "this line is indented under line "
                + (above.line + 1)
                + " ('"
                + shorten(above.text.strip())
                + "'), which already has a value: line it up with that key ("
                + above.indent
                + (above.indent == 1 ? " space" : " spaces")
                + ") or quote a value that goes on");
      }
    }
    if (what.startsWith("expected <block end>") && pl < lines.size()) {
      List<Level> open = levels(lines, pl);
      int i = indent(problemLine);
      boolean item = problemLine.strip().startsWith("-");
      Level same = open.stream().filter(l -> l.indent == i).findFirst().orElse(null);
      if (same == null) {
        return new YamlSyntax(
            pl + 1,
            i + 1,
            PREFIX
                + "inconsistent indentation: this line is indented "
                + i
                + (i == 1 ? " space" : " spaces")
                + ", but the blocks above it are indented "
                + spaces(open)
                + ": line it up with one of them");
      }
      if (same.list && !item) {
        return new YamlSyntax(
            pl + 1,
            i + 1,
            PREFIX
                + "a key among the items of the list that starts at line "
                + (same.line + 1)
                + ": make it an item with '- ', indent it "
                + (i + 2)
                + " spaces to put it in the item above, or less to end the list");
      }
      if (!same.list && item) {
        return new YamlSyntax(
            pl + 1,
            i + 1,
            PREFIX
                + "a list item among the keys of the mapping that starts at line "
                + (same.line + 1)
                + ": a list goes under a key, indented (key:, then '  - item')");
      }
    }
    return new YamlSyntax(pl + 1, pc + 1, snake);
  }

  private static YamlSyntax at(Mark m, String message) {
    return new YamlSyntax(m.getLine() + 1, m.getColumn() + 1, message);
  }

  /** The quote character at {@code m}, {@code "} when it cannot be told. */
  private static String quoteAt(List<String> lines, Mark m) {
    if (m.getLine() < lines.size()) {
      String l = lines.get(m.getLine());
      int i = l.offsetByCodePoints(0, Math.min(m.getColumn(), l.codePointCount(0, l.length())));
      if (i < l.length() && l.charAt(i) == '\'') {
        return "'";
      }
    }
    return "\"";
  }

  private record Above(int line, int indent, String text) {}

  /** The nearest line above {@code line} that holds content (no blank or comment line). */
  private static Above above(List<String> lines, int line) {
    for (int j = line - 1; j >= 0; j--) {
      String l = lines.get(j);
      if (!l.isBlank() && !l.strip().startsWith("#")) {
        return new Above(j, indent(l), l);
      }
    }
    return null;
  }

  /** A block open at a line: its indentation, whether it is a list ('- ' items), where it began. */
  private record Level(int indent, boolean list, int line) {}

  /**
   * The blocks still open when line {@code until} starts, from the indentation of the lines above
   * it: a line pops the deeper ones and opens its own; a "- " opens a list at the dash and a
   * mapping after it.
   */
  private static List<Level> levels(List<String> lines, int until) {
    List<Level> open = new ArrayList<>();
    for (int j = 0; j < until && j < lines.size(); j++) {
      String l = lines.get(j);
      if (l.isBlank() || l.strip().startsWith("#")) {
        continue;
      }
      int i = indent(l);
      while (!open.isEmpty() && open.get(open.size() - 1).indent > i) {
        open.remove(open.size() - 1);
      }
      int at = i;
      String rest = l.substring(i);
      while (rest.equals("-") || rest.startsWith("- ")) {
        push(open, new Level(at, true, j));
        int after = 1;
        while (after < rest.length() && rest.charAt(after) == ' ') {
          after++;
        }
        at += after;
        rest = rest.substring(after);
      }
      if (!rest.isEmpty()) {
        push(open, new Level(at, false, j));
      }
    }
    return open;
  }

  private static void push(List<Level> open, Level level) {
    if (!open.isEmpty() && open.get(open.size() - 1).indent == level.indent) {
      Level top = open.get(open.size() - 1);
      if (top.list == level.list) {
        return; // the same block goes on
      }
      open.remove(open.size() - 1);
    }
    open.add(level);
  }

  /** "0, 2 or 4 spaces". */
  private static String spaces(List<Level> open) {
    List<Integer> at = open.stream().map(Level::indent).distinct().sorted().toList();
    if (at.isEmpty()) {
      return "0 spaces";
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < at.size(); k++) {
      if (k > 0) {
        sb.append(k == at.size() - 1 ? " or " : ", ");
      }
      sb.append(at.get(k));
    }
    return sb.append(at.get(at.size() - 1) == 1 ? " space" : " spaces").toString();
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
