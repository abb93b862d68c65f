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
  PackedData(Writer page) throws IOException {
    base64 = Base64.getEncoder().wrap(new SecretSafeAscii(page, Secrets.forms()));
    gzip =
        new GZIPOutputStream(base64, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
    utf8 = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
    json = new ScriptData(Secrets.scrubbing(new Unclosed(utf8)));
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
   * run that spells a secret. The whole page is scrubbed of secrets when it is written; without the
   * break, a short secret that base64 happens to spell (a 4-letter one turns up about once in 16 M
   * characters) would be masked there and corrupt the data. {@code atob} ignores the line breaks.
   */
  static final class SecretSafeAscii extends OutputStream {
    private static final int CHUNK = 1 << 16;
    private final Writer page;
    private final List<String> spellable;
    private final int carry;
    private final StringBuilder pending = new StringBuilder(CHUNK + 64);

    SecretSafeAscii(Writer page, List<String> secretForms) {
      this.page = page;
      this.spellable = secretForms.stream().filter(SecretSafeAscii::isBase64).toList();
      this.carry = spellable.stream().mapToInt(String::length).max().orElse(1) - 1;
    }

    private static boolean isBase64(String s) {
      return s.chars()
          .allMatch(
              c ->
                  (c >= 'A' && c <= 'Z')
                      || (c >= 'a' && c <= 'z')
                      || (c >= '0' && c <= '9')
                      || c == '+'
                      || c == '/'
                      || c == '=');
    }

    @Override
    public void write(int b) throws IOException {
      pending.append((char) (b & 0xff));
      if (pending.length() >= CHUNK) {
        drain(false);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        pending.append((char) (b[i] & 0xff));
        if (pending.length() >= CHUNK) {
          drain(false);
        }
      }
    }

    /**
     * Breaks every secret in what is pending, then writes it out, keeping back the last characters
     * that could begin a secret the next bytes complete (unless {@code all}).
     */
    private void drain(boolean all) throws IOException {
      for (String secret : spellable) {
        for (int i = pending.indexOf(secret); i >= 0; i = pending.indexOf(secret, i + 2)) {
          pending.insert(i + 1, '\n');
        }
      }
      int emit = all ? pending.length() : Math.max(0, pending.length() - carry);
      page.append(pending, 0, emit);
      pending.delete(0, emit);
    }

    @Override
    public void close() throws IOException {
      drain(true); // the page goes on after the data: it is not closed
    }
  }
}
