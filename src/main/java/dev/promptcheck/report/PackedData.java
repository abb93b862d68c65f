package dev.promptcheck.report;

import dev.promptcheck.support.Secrets;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The grid's data as it travels inside report.html: JSON (with every {@code <}, {@code >}, {@code
 * &} and JavaScript line separator written as a JSON escape), scrubbed of secrets, gzipped and
 * base64-encoded. Base64 has no character that could end the {@code <script>} element or open a
 * comment, and gzip makes 100,000 trials of model output small enough for a browser to read in a
 * second (the page inflates it with the built-in {@code DecompressionStream}). The bytes are
 * deterministic: the gzip header carries no time or name.
 */
final class PackedData extends Writer {
  private final Writer json;
  private final Writer utf8;
  private final GZIPOutputStream gzip;
  private final OutputStream base64;

  /** A writer for the JSON; {@link #close} finishes the encoding but leaves {@code page} open. */
  PackedData(Writer page, Secrets secrets) throws IOException {
    base64 = Base64.getEncoder().wrap(new SecretSafeAscii(page, secrets));
    gzip =
        new GZIPOutputStream(base64, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
    utf8 = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
    json = new ScriptData(secrets.scrubbing(new Unclosed(utf8)));
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    json.write(cbuf, off, len);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    json.write(str, off, len);
  }

  @Override
  public void flush() {
    // the encoding is finished by close; flushing a deflater midway would only cost size
  }

  @Override
  public void close() throws IOException {
    json.close(); // the scrubber writes out what it held back
    utf8.flush();
    gzip.finish();
    base64.close(); // the last base64 quantum; SecretSafeAscii writes it out, not closing the page
  }

  /**
   * Inside the JSON only strings hold {@code <}, {@code >}, {@code &} and the line separators; as
   * JSON escapes they mean the same characters, and the JSON is safe wherever it is pasted.
   */
  static final class ScriptData extends Writer {
    private final Writer out;

    ScriptData(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      int from = off;
      for (int i = off; i < off + len; i++) {
        String escape =
            switch (cbuf[i]) {
              case '<' -> "\\u003c";
              case '>' -> "\\u003e";
              case '&' -> "\\u0026";
              case '\u2028' -> "\\u2028";
              case '\u2029' -> "\\u2029";
              default -> null;
            };
        if (escape != null) {
          out.write(cbuf, from, i - from);
          out.write(escape);
          from = i + 1;
        }
      }
      out.write(cbuf, from, off + len - from);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Flushes instead of closing, so the scrubber's close leaves the encoder open. */
  private static final class Unclosed extends Writer {
    private final Writer out;

    Unclosed(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      out.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      out.write(str, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /**
   * Base64's bytes, which are all ASCII, as characters of the page, with a line break inside every
   * run that spells a secret ({@link Secrets#breaking}). The whole page is scrubbed of secrets when
   * it is written; without the break, a short secret that base64 happens to spell (a 4-letter one
   * turns up about once in 16 M characters) would be masked there and corrupt the data. {@code
   * atob} ignores the line breaks.
   */
  static final class SecretSafeAscii extends OutputStream {
    private final Writer page;
    private final char[] chars = new char[1 << 14];

    SecretSafeAscii(Writer page, Secrets secrets) {
      this.page = secrets.breaking(new Unclosed(page));
    }

    /** With the given secret forms instead of the run's. */
    SecretSafeAscii(Writer page, List<String> secretForms) {
      this.page = Secrets.breaking(new Unclosed(page), secretForms);
    }

    @Override
    public void write(int b) throws IOException {
      page.write((char) (b & 0xff));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n = Math.min(len, chars.length);
        for (int i = 0; i < n; i++) {
          chars[i] = (char) (b[off + i] & 0xff);
        }
        page.write(chars, 0, n);
        off += n;
        len -= n;
      }
    }

    @Override
    public void close() throws IOException {
      page.close(); // writes out what the breaker held back; the page itself stays open
    }
  }
}
