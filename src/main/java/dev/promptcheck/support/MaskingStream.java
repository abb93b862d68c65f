package dev.promptcheck.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A byte stream through {@link Secrets}, for {@code System.out} and {@code System.err}: what a
 * library prints is masked like promptcheck's own output. Bytes are held until a line ends (or a
 * flush), then decoded as UTF-8, masked and passed on.
 */
public final class MaskingStream extends OutputStream {
  private final OutputStream out;
  private final Secrets secrets;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public MaskingStream(OutputStream out, Secrets secrets) {
    this.out = out;
    this.secrets = secrets;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  private void emit() throws IOException {
    if (line.size() > 0) {
      out.write(
          secrets.scrub(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      line.reset();
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
