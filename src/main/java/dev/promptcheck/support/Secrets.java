package dev.promptcheck.support;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps secrets out of everything promptcheck writes (journal, reports, cache, recordings): the
 * values of environment variables named like keys, tokens, secrets or passwords are replaced by
 * {@code ***} wherever they appear, whichever way they got into the text.
 */
public final class Secrets {
  private static volatile List<String> values = fromEnvironment(System.getenv());

  /** What a secret is replaced by. */
  public static final String MASK = "***";

  private Secrets() {}

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

  static List<String> fromEnvironment(Map<String, String> env) {
    return env.entrySet().stream()
        .filter(
            e -> {
              String k = e.getKey().toUpperCase(Locale.ROOT);
              return k.contains("KEY")
                  || k.contains("TOKEN")
                  || k.contains("SECRET")
                  || k.contains("PASSWORD");
            })
        .map(Map.Entry::getValue)
        .filter(v -> v != null && v.length() >= 8)
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  public static String scrub(String text) {
    return scrub(text, values);
  }

  static String scrub(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, "***");
      }
    }
    return out;
  }

  /** A writer that scrubs what passes through it, for files written as a stream. */
  public static java.io.Writer scrubbing(java.io.Writer out) {
    List<String> now = values;
    return now.isEmpty() ? out : new ScrubbingWriter(out, now);
  }

  public static List<String> scrub(List<String> texts) {
    return texts.stream().map(Secrets::scrub).toList();
  }
}
