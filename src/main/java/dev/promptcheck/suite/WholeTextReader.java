package dev.promptcheck.suite;

import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's reader over a text held whole in memory. SnakeYAML's own {@link StreamReader} reads
 * 1,024 characters at a time and copies its whole look-ahead window on every read, so a scalar with
 * no break in it (a 5 MB base64 value, minified JSON) costs time quadratic in its length: 8-13 s
 * for 3 MB. Here the text is decoded to code points once and every operation is constant time. The
 * position is also what locates errors SnakeYAML reports without a mark (alias and nesting limits).
 */
final class WholeTextReader extends StreamReader {
  private final int[] text;
  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  /**
   * @throws ReaderException at the first character YAML does not allow (a control character)
   */
  WholeTextReader(String source) {
    super(new StringReader(""));
    this.text = source.codePoints().toArray();
    for (int i = 0; i < text.length; i++) {
      if (!isPrintable(text[i])) {
        throw new ReaderException("'reader'", i, text[i], "special characters are not allowed");
      }
    }
  }

  @Override
  public Mark getMark() {
    return new Mark("'reader'", index, line, column, text, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  /** As SnakeYAML counts: a line break (or a lone CR) starts a new line; a BOM takes no column. */
  @Override
  public void forward(int length) {
    for (int i = 0; i < length && pointer < text.length; i++) {
      int c = text[pointer++];
      index++;
      documentIndex++;
      if (Constant.LINEBR.has(c) || (c == '\r' && pointer < text.length && text[pointer] != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return pointer < text.length ? text[pointer] : '\0';
  }

  @Override
  public int peek(int offset) {
    return pointer + offset < text.length ? text[pointer + offset] : '\0';
  }

  @Override
  public String prefix(int length) {
    if (length == 0) {
      return "";
    }
    return new String(text, pointer, Math.min(length, text.length - pointer));
  }

  @Override
  public String prefixForward(int length) {
    String prefix = prefix(length);
    pointer += length;
    index += length;
    documentIndex += length;
    column += length;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getLine() {
    return line;
  }
}
