package dev.promptcheck.support;

import java.io.IOException;
import java.io.Writer;

/**
 * stdout and stderr through {@link Secrets}: text is held until a line ends (or a flush), so a
 * secret split across two writes is still masked whole.
 */
public final class MaskingWriter extends Writer {
  private final Writer out;
  private final Secrets secrets;
  private final StringBuilder line = new StringBuilder();

  public MaskingWriter(Writer out, Secrets secrets) {
    this.out = out;
    this.secrets = secrets;
  }

  @Override
  public synchronized void write(char[] buf, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      line.append(buf[i]);
      if (buf[i] == '\n') {
        emit();
      }
    }
  }

  private void emit() throws IOException {
    if (line.length() > 0) {
      out.write(secrets.scrub(line.toString()));
      line.setLength(0);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    out.close();
  }
}
