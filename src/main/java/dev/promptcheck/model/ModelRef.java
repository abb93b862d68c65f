package dev.promptcheck.model;

import java.util.Locale;

/**
 * A model named {@code provider:model}, e.g. {@code openai:gpt-4o-mini} or {@code
 * github:openai/gpt-4.1}. A bare GitHub Models id {@code publisher/model} (what {@code .prompt.yml}
 * files write) means {@code github:}; any other bare name means {@code openai:}.
 */
public record ModelRef(String provider, String model) {

  public static ModelRef parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    if (colon > 0 && !t.substring(0, colon).contains("/")) {
      return new ModelRef(t.substring(0, colon).toLowerCase(Locale.ROOT), t.substring(colon + 1));
    }
    if (t.contains("/")) {
      return new ModelRef("github", t);
    }
    return new ModelRef("openai", t);
  }

  public String id() {
    return provider + ":" + model;
  }

  @Override
  public String toString() {
    return id();
  }
}
