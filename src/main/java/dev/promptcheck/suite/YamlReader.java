package dev.promptcheck.suite;

import dev.promptcheck.suite.YNode.ScalarType;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into {@link YNode}s with their positions. SnakeYAML composes the node graph only, so
 * no object of an arbitrary type is ever constructed; duplicate keys, foreign tags, alias bombs and
 * oversized files become located diagnostics.
 */
public final class YamlReader {
  public static final int MAX_FILE_CODE_POINTS = 16 * 1024 * 1024;
  private static final int MAX_NODES = 200_000;
  private static final Set<Tag> STANDARD_TAGS =
      Set.of(
          Tag.STR,
          Tag.INT,
          Tag.FLOAT,
          Tag.BOOL,
          Tag.NULL,
          Tag.TIMESTAMP,
          Tag.BINARY,
          Tag.SEQ,
          Tag.MAP,
          Tag.SET,
          Tag.OMAP,
          Tag.PAIRS);

  private final Path file;
  private final Diagnostics diagnostics;
  private int nodes;

  private YamlReader(Path file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  public static Optional<YNode> read(Path file, String text, Diagnostics diagnostics) {
    return new YamlReader(file, diagnostics).read(text);
  }

  /**
   * Settings and the tag resolver, built once and shared: both are only read while composing, and
   * building them costs more than composing a small file.
   */
  private static final LoaderOptions OPTIONS = loaderOptions();

  private static final Resolver RESOLVER = new Resolver();

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(64);
    options.setCodePointLimit(MAX_FILE_CODE_POINTS);
    return options;
  }

  private Optional<YNode> read(String text) {
    Node root;
    WholeTextReader reader = null;
    try {
      reader = new WholeTextReader(text);
      root = new Composer(new ParserImpl(reader, OPTIONS), RESOLVER, OPTIONS).getSingleNode();
    } catch (MarkedYAMLException e) {
      if (e.getProblem() != null && e.getProblem().contains("found duplicate key")) {
        Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        diagnostics.error(at(m), "yaml-syntax", e.getProblem());
        return Optional.empty();
      }
      YamlSyntax syntax = YamlSyntax.explain(text, e);
      diagnostics.error(
          new SourceRef(file, syntax.line(), syntax.column()),
          "yaml-syntax",
          syntax.message(),
          text.lines().skip(syntax.line() - 1L).findFirst().orElse(""));
      return Optional.empty();
    } catch (ReaderException e) {
      diagnostics.error(
          atCodePoint(text, e.getPosition()),
          "encoding",
          "character U+"
              + String.format("%04X", e.getCodePoint())
              + " is not allowed in YAML (a control character); remove it or write it escaped in"
              + " a double-quoted string");
      return Optional.empty();
    } catch (YAMLException e) {
      // alias, nesting and size limits come without a mark: where the reader stopped is the place
      SourceRef where =
          reader == null
              ? SourceRef.of(file)
              : new SourceRef(file, reader.getLine() + 1, reader.getColumn() + 1);
      diagnostics.error(where, "yaml-limit", firstLine(e.getMessage()));
      return Optional.empty();
    }
    if (root == null) {
      // gh models loads an empty file as an empty prompt (yaml.Unmarshal of nothing is no error,
      // github/gh-models pkg/prompt/prompt.go:111-114) and eval passes it with 0 tests
      diagnostics.warning(
          SourceRef.of(file), "empty-file", "the file is empty: nothing to check or run");
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(convert(root));
    } catch (TooLarge e) {
      diagnostics.error(
          SourceRef.of(file),
          "yaml-limit",
          "the document expands to more than " + MAX_NODES + " nodes (aliases?)");
      return Optional.empty();
    }
  }

  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  private YNode convert(Node node) {
    if (++nodes > MAX_NODES) {
      throw new TooLarge();
    }
    SourceRef where = at(node.getStartMark());
    if (node instanceof ScalarNode s) {
      return scalar(s, where);
    }
    if (node instanceof SequenceNode q) {
      checkTag(node, Tag.SEQ, where);
      List<YNode> items = new ArrayList<>();
      for (Node child : q.getValue()) {
        YNode c = convert(child);
        if (c != null) {
          items.add(c);
        }
      }
      return new YSeq(items, where);
    }
    MappingNode m = (MappingNode) node;
    checkTag(node, Tag.MAP, where);
    LinkedHashMap<String, YMap.Entry> entries = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node keyNode = t.getKeyNode();
      if (Tag.MERGE.equals(keyNode.getTag()) && convert(t.getValueNode()) instanceof YMap merged) {
        merged.entries().forEach(entries::putIfAbsent);
        continue;
      }
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        diagnostics.error(
            at(keyNode.getStartMark()),
            "yaml-key",
            "a mapping key must be plain text; a value that starts with '{{' is read by YAML as a"
                + " mapping: quote it, e.g. \"{{input}}\"");
        continue;
      }
      YScalar key = scalar(keyScalar, at(keyNode.getStartMark()));
      if (entries.containsKey(key.text())) {
        SourceRef first = entries.get(key.text()).key().where();
        diagnostics.error(
            key.where(),
            "duplicate-key",
            "duplicate key '" + key.text() + "' (first defined at line " + first.line() + ")");
        continue;
      }
      entries.put(key.text(), new YMap.Entry(key, convert(t.getValueNode())));
    }
    return new YMap(entries, where);
  }

  private YScalar scalar(ScalarNode s, SourceRef where) {
    Tag tag = s.getTag();
    ScalarType type;
    if (Tag.NULL.equals(tag)) {
      type = ScalarType.NULL;
    } else if (Tag.BOOL.equals(tag)) {
      type = ScalarType.BOOL;
    } else if (Tag.INT.equals(tag)) {
      type = ScalarType.INT;
    } else if (Tag.FLOAT.equals(tag)) {
      type = ScalarType.FLOAT;
    } else {
      // timestamps, binary and plain strings are all text to a prompt file
      if (!STANDARD_TAGS.contains(tag)) {
        diagnostics.error(where, "yaml-tag", "unsupported YAML tag " + tag.getValue());
      }
      type = ScalarType.STRING;
    }
    return new YScalar(
        s.getValue(), type, where, s.getStartMark().getIndex(), s.getEndMark().getIndex());
  }

  private void checkTag(Node node, Tag expected, SourceRef where) {
    if (!node.getTag().equals(expected) && !STANDARD_TAGS.contains(node.getTag())) {
      diagnostics.error(where, "yaml-tag", "unsupported YAML tag " + node.getTag().getValue());
    }
  }

  /** The line and column of the {@code index}-th code point of {@code text}. */
  private SourceRef atCodePoint(String text, int index) {
    int line = 1;
    int column = 1;
    int cp = 0;
    for (int i = 0;
        i < text.length() && cp < index;
        i += Character.charCount(text.codePointAt(i))) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      cp++;
    }
    return new SourceRef(file, line, column);
  }

  private SourceRef at(Mark m) {
    return m == null ? SourceRef.of(file) : new SourceRef(file, m.getLine() + 1, m.getColumn() + 1);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable YAML";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
