package dev.promptcheck.support;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The secrets of one run, and the one masking step for everything that run writes or prints
 * (journal, reports, cache, recordings, stdout, stderr): the values of environment variables named
 * like keys, tokens, secrets or passwords (4 characters or more), the values of variables so named,
 * and what is added while the run goes (a password in a base URL), replaced by {@code ***} wherever
 * they appear, raw or in the escaped forms the writers produce (JSON strings, HTML and XML text and
 * attributes, the HTML report's script-safe JSON, URL encoding).
 *
 * <p>An instance belongs to a run and travels with it (in its {@code RunOptions}, its console, its
 * reports' summary), so two runs in one JVM each mask their own secrets and nobody else's.
 */
public final class Secrets {
  /** What a secret is replaced by. */
  public static final String MASK = "***";

  /** Shorter values would mask ordinary words; 4 still covers short PINs and test keys. */
  static final int MIN_LENGTH = 4;

  private static final Set<String> TRIVIAL = Set.of("true", "false", "null", "none", "yes");
  private final Set<String> values = new LinkedHashSet<>();
  private volatile List<String> forms = List.of();

  private Secrets() {}

  /** The secret-named values of {@code environment}, masked from the start. */
  public static Secrets of(Map<String, String> environment) {
    Secrets secrets = new Secrets();
    secrets.addSecretNamed(environment);
    return secrets;
  }

  /** The secrets of the process's own environment, for what is written outside any run. */
  public static Secrets ofProcess() {
    return of(System.getenv());
  }

  /** A name like a key, token, secret or password ({@code OPENAI_API_KEY}, {@code db_password}). */
  public static boolean isSecretName(String name) {
    String k = name.toUpperCase(Locale.ROOT);
    return k.contains("KEY")
        || k.contains("TOKEN")
        || k.contains("SECRET")
        || k.contains("PASSWORD")
        || k.contains("PASSWD")
        || k.contains("CREDENTIAL");
  }

  private static boolean worthMasking(String v) {
    return v != null && v.length() >= MIN_LENGTH && !TRIVIAL.contains(v.toLowerCase(Locale.ROOT));
  }

  /** The values masked, as given (not their escaped forms). */
  synchronized List<String> values() {
    return List.copyOf(values);
  }

  /** Masks, from now on, the values in {@code named} whose names look secret. */
  public void addSecretNamed(Map<String, String> named) {
    named.forEach(
        (name, value) -> {
          if (isSecretName(name)) {
            add(value);
          }
        });
  }

  /** Masks {@code value} from now on (a password found in a base URL, a secret variable). */
  public synchronized void add(String value) {
    if (worthMasking(value) && values.add(value)) {
      forms = formsOf(values);
    }
  }

  /** Each secret as the writers may have escaped it, longest first so no form is cut short. */
  static List<String> formsOf(Collection<String> values) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      out.add(v);
      String json = new String(JsonStringEncoder.getInstance().quoteAsString(v));
      out.add(json);
      out.add(
          json.replace("<", "\\u003c")
              .replace(">", "\\u003e")
              .replace("&", "\\u0026")); // the HTML report's embedded data
      String xml = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
      out.add(xml);
      out.add(xml.replace("\"", "&quot;"));
      out.add(xml.replace("\"", "&quot;").replace("'", "&#39;"));
      out.add(xml.replace("\"", "&quot;").replace("'", "&apos;"));
      String url = URLEncoder.encode(v, StandardCharsets.UTF_8);
      out.add(url);
      out.add(url.replace("+", "%20"));
    }
    return out.stream()
        .filter(f -> f.length() >= MIN_LENGTH)
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** {@code text} with every secret masked. */
  public String scrub(String text) {
    return scrub(text, forms);
  }

  static String scrub(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  /**
   * A writer that scrubs what passes through it, for files written as a stream (with the secrets
   * known when it is made; for the console see {@link MaskingWriter}).
   */
  public Writer scrubbing(Writer out) {
    List<String> now = forms;
    return now.isEmpty() ? out : new ScrubbingWriter(out, now);
  }

  /**
   * A writer that breaks every secret that passes through it with a line break after its first
   * character, for encoded data (base64) inside a file that is scrubbed as a whole: the scrub then
   * finds nothing to mask in it, and a decoder that skips line breaks (the browser's {@code atob})
   * reads the data unchanged. Closing it closes {@code out}.
   */
  public Writer breaking(Writer out) {
    return breaking(out, forms);
  }

  /** As {@link #breaking(java.io.Writer)}, for the given secret forms. */
  public static Writer breaking(Writer out, List<String> secretForms) {
    return secretForms.isEmpty()
        ? out
        : new ScrubbingWriter(out, secretForms, s -> s.charAt(0) + "\n" + s.substring(1));
  }

  public List<String> scrub(List<String> texts) {
    return texts.stream().map(this::scrub).toList();
  }
}
