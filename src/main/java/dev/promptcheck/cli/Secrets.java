package dev.promptcheck.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Keeps secret values out of what promptcheck writes: any argument holding a key or token from the environment is masked. */
final class Secrets {
  private Secrets() {}

  static List<String> redact(List<String> args) {
    return redact(args, System.getenv());
  }

  static List<String> redact(List<String> args, Map<String, String> env) {
    List<String> secrets = env.entrySet().stream()
        .filter(e -> {
          String k = e.getKey().toUpperCase(Locale.ROOT);
          return k.contains("KEY") || k.contains("TOKEN") || k.contains("SECRET") || k.contains("PASSWORD");
        })
        .map(Map.Entry::getValue)
        .filter(v -> v != null && v.length() >= 8)
        .toList();
    return args.stream().map(a -> {
      String out = a;
      for (String s : secrets) {
        out = out.replace(s, "***");
      }
      return out;
    }).toList();
  }
}
