package dev.promptcheck.support;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@link Secrets#scrub} for text written piece by piece: it holds back the last (longest secret −
 * 1) characters until more text or the end shows they are not the start of a secret, so a secret
 * split across two writes is still replaced, and a streamed report holds no more than one chunk.
 * What a secret is replaced with is the caller's: the mask, or (for encoded data that must stay
 * decodable) the secret broken by a character the decoder ignores.
 */
final class ScrubbingWriter extends Writer {
  private static final int CHUNK = 64 * 1024;
  private final Writer out;
  private final List<String> secrets;
  private final int keep;
  private final UnaryOperator<String> replacement;
  private final StringBuilder pending = new StringBuilder(CHUNK + 256);
  private boolean closed;

  ScrubbingWriter(Writer out, List<String> secrets) {
    this(out, secrets, secret -> Secrets.MASK);
  }

  ScrubbingWriter(Writer out, List<String> secrets, UnaryOperator<String> replacement) {
    this.out = out;
    this.replacement = replacement;
    this.secrets = List.copyOf(secrets);
    this.keep = this.secrets.stream().mapToInt(String::length).max().orElse(1) - 1;
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    pending.append(cbuf, off, len);
    if (pending.length() >= CHUNK + keep) {
      drain(false);
    }
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    pending.append(str, off, off + len);
    if (pending.length() >= CHUNK + keep) {
      drain(false);
    }
  }

  @Override
  public void write(int c) throws IOException {
    pending.append((char) c);
    if (pending.length() >= CHUNK + keep) {
      drain(false);
    }
  }

  /**
   * Every secret that starts before the held-back tail lies wholly in {@code pending}, so it is
   * replaced here; one starting inside the tail is replaced once the rest of it arrives.
   */
  private void drain(boolean all) throws IOException {
    String text = pending.toString();
    for (String s : secrets) {
      if (text.contains(s)) {
        text = text.replace(s, replacement.apply(s));
      }
    }
    int emit = all ? text.length() : Math.max(0, text.length() - keep);
    out.write(text, 0, emit);
    pending.setLength(0);
    pending.append(text, emit, text.length());
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return; // a JSON generator closes its target, then the file's try-with-resources does
    }
    closed = true;
    try {
      drain(true);
    } finally {
      out.close();
    }
  }
}
