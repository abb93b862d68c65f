package dev.promptcheck.suite;

import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reports mis-decoded UTF-8 in a file's text values and, with {@code fix}, rewrites only those
 * characters in place: every other byte of the file stays as it was.
 */
public final class MojibakeLinter {

  private record Edit(int start, int end, String replacement) {}

  private MojibakeLinter() {}

  /**
   * @return how many damaged stretches were repaired in the file (0 without {@code fix})
   */
  public static int lint(Path file, boolean fix, Diagnostics diagnostics) {
    String text = SuiteLoader.readText(file, new Diagnostics());
    if (text == null) {
      return 0;
    }
    Diagnostics ignored = new Diagnostics();
    if (text.stripLeading().startsWith("{%")) {
      return 0; // Jinja templates are reported by the loader
    }
    var root = YamlReader.read(file, text, ignored);
    if (root.isEmpty()) {
      return 0;
    }
    List<YScalar> scalars = new ArrayList<>();
    collect(root.get(), scalars);
    List<Edit> edits = new ArrayList<>();
    for (YScalar s : scalars) {
      for (Mojibake.Damage d : Mojibake.find(s.text())) {
        int sourceStart = s.startIndex() < 0 ? -1 : text.offsetByCodePoints(0, s.startIndex());
        int sourceEnd = s.endIndex() < 0 ? -1 : text.offsetByCodePoints(0, s.endIndex());
        int at = sourceStart < 0 ? -1 : text.indexOf(d.damaged(), sourceStart);
        boolean literal = at >= 0 && at + d.damaged().length() <= sourceEnd;
        SourceRef where = literal ? refAt(file, text, at) : s.where();
        if (d.repairable()) {
          String how =
              d.inferredBytes() > 0
                  ? "decoded as cp1252, which dropped "
                      + d.inferredBytes()
                      + " byte(s) it cannot represent; the only repair that fits"
                  : "decoded as " + d.codePage() + "; repaired";
          diagnostics.warning(
              where,
              "mojibake",
              "'"
                  + d.damaged()
                  + "' is UTF-8 text "
                  + how
                  + ": '"
                  + d.repair()
                  + "' ("
                  + codePoints(d.repair())
                  + ")"
                  + (fix && !literal ? "; cannot fix in place (escaped or folded text)" : ""));
          if (fix && literal) {
            edits.add(new Edit(at, at + d.damaged().length(), d.repair()));
          }
        } else {
          diagnostics.warning(
              where,
              "mojibake",
              "'"
                  + d.damaged()
                  + "' looks like UTF-8 text decoded as "
                  + d.codePage()
                  + " with bytes lost; "
                  + d.candidates().size()
                  + " repairs fit, so none is applied: "
                  + d.candidates().stream()
                      .map(c -> "'" + c + "' (" + codePoints(c) + ")")
                      .collect(Collectors.joining(", ")));
        }
      }
    }
    if (!fix || edits.isEmpty()) {
      return 0;
    }
    edits.sort(Comparator.comparingInt(Edit::start).reversed());
    StringBuilder out = new StringBuilder(text);
    int last = Integer.MAX_VALUE;
    int applied = 0;
    for (Edit e : edits) {
      if (e.end() <= last) {
        out.replace(e.start(), e.end(), e.replacement());
        last = e.start();
        applied++;
      }
    }
    try {
      byte[] original = Files.readAllBytes(file);
      boolean bom =
          original.length >= 3
              && (original[0] & 0xFF) == 0xEF
              && (original[1] & 0xFF) == 0xBB
              && (original[2] & 0xFF) == 0xBF;
      Path tmp = file.resolveSibling(file.getFileName() + ".promptcheck-tmp");
      Files.writeString(tmp, (bom ? "\uFEFF" : "") + out, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      diagnostics.error(SourceRef.of(file), "io", "cannot rewrite file: " + e.getMessage());
      return 0;
    }
    return applied;
  }

  static String codePoints(String s) {
    return s.codePoints()
        .mapToObj(cp -> String.format("U+%04X", cp))
        .collect(Collectors.joining(" "));
  }

  private static SourceRef refAt(Path file, String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourceRef(file, line, text.codePointCount(lineStart, offset) + 1);
  }

  private static void collect(YNode node, List<YScalar> out) {
    if (node instanceof YScalar s) {
      if (s.type() == YNode.ScalarType.STRING) {
        out.add(s);
      }
    } else if (node instanceof YSeq q) {
      q.items().forEach(i -> collect(i, out));
    } else {
      ((YMap) node)
          .entries()
          .values()
          .forEach(
              e -> {
                collect(e.key(), out);
                collect(e.value(), out);
              });
    }
  }
}
