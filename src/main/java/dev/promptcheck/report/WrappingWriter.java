package dev.promptcheck.report;

import dev.promptcheck.support.Texts;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's lines fitted to the terminal's width: a line wider than {@code width} columns is
 * broken at spaces, its continuation indented two columns past the line's own indentation, so a
 * long failure reason reads as one indented paragraph instead of the terminal's half-rows. A word
 * wider than the line is cut. Colour codes take no columns and are never cut. Lines are passed on
 * whole, when their line break is written.
 */
public final class WrappingWriter extends Writer {
  private static final int HANG = 2;

  private final Writer out;
  private final int width;
  private final StringBuilder line = new StringBuilder();

  /**
   * @param width the terminal's columns, at least 20
   */
  public WrappingWriter(Writer out, int width) {
    if (width < 20) {
      throw new IllegalArgumentException("width " + width + " is below 20 columns");
    }
    this.out = out;
    this.width = width;
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (c == '\n') {
        String text = line.toString();
        boolean crlf = text.endsWith("\r");
        for (String part : wrap(crlf ? text.substring(0, text.length() - 1) : text, width)) {
          out.write(part);
          out.write(crlf ? "\r\n" : "\n");
        }
        line.setLength(0);
      } else {
        line.append(c);
      }
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (line.length() > 0) {
      for (String part : wrap(line.toString(), width)) {
        out.write(part);
      }
      line.setLength(0);
    }
    out.close();
  }

  /** {@code text} as lines of at most {@code width} columns, broken at spaces where it can be. */
  public static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    if (Texts.columns(text) <= width) {
      lines.add(text);
      return lines;
    }
    int indent = 0;
    while (indent < text.length() && text.charAt(indent) == ' ') {
      indent++;
    }
    indent = Math.min(indent, width / 2);
    String hang = " ".repeat(Math.min(indent + HANG, width / 2));
    StringBuilder current = new StringBuilder(text.substring(0, indent));
    int prefix = indent; // the columns of current's indentation: a line holding no word yet
    int i = indent;
    while (i < text.length()) {
      int gapEnd = i;
      while (gapEnd < text.length() && text.charAt(gapEnd) == ' ') {
        gapEnd++;
      }
      int wordEnd = gapEnd;
      while (wordEnd < text.length() && text.charAt(wordEnd) != ' ') {
        wordEnd++;
      }
      String gap = text.substring(i, gapEnd);
      String word = text.substring(gapEnd, wordEnd);
      i = wordEnd;
      if (word.isEmpty()) {
        break; // trailing spaces
      }
      boolean empty = Texts.columns(current.toString()) == prefix;
      if (!empty && Texts.columns(current + gap + word) <= width) {
        current.append(gap).append(word);
        continue;
      }
      if (!empty) {
        lines.add(current.toString());
        current = new StringBuilder(hang);
        prefix = hang.length();
      }
      // a word wider than a whole line is cut into pieces that fill lines
      while (Texts.columns(current + word) > width) {
        int room = width - Texts.columns(current.toString());
        int cut = Texts.fitting(word, room);
        if (cut == 0) {
          cut = Character.charCount(word.codePointAt(0));
        }
        lines.add(current + word.substring(0, cut));
        word = word.substring(cut);
        current = new StringBuilder(hang);
        prefix = hang.length();
      }
      current.append(word);
    }
    if (Texts.columns(current.toString()) > prefix || lines.isEmpty()) {
      lines.add(current.toString());
    }
    return lines;
  }
}
