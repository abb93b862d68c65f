package dev.promptcheck.model;

import java.util.Locale;

/**
 * A model named {@code provider:model}, e.g. {@code openai:gpt-4o-mini} or {@code
 * github:openai/gpt-4.1}. A bare GitHub Models id {@code publisher/model} (what {@code .prompt.yml}
 * files write) means {@code github:}, as gh models reads it (github/gh-models
 * internal/modelkey/modelkey.go:29, two parts: publisher and name). A name with neither a provider
 * nor a publisher names no model: gh refuses it too (modelkey.go:43), and promptcheck never guesses
 * a provider for it.
 */
public record ModelRef(String provider, String model) {

  /** True when {@code text} says where the model is: {@code provider:model} or {@code a/b}. */
  public static boolean isQualified(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    return (colon > 0 && !t.substring(0, colon).contains("/")) || t.contains("/");
  }

  /**
   * @throws IllegalArgumentException for a bare name such as {@code gpt-4o}: a promptcheck.yaml
   *     name or nothing
   */
  public static ModelRef parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    if (colon > 0 && !t.substring(0, colon).contains("/")) {
      return new ModelRef(t.substring(0, colon).toLowerCase(Locale.ROOT), t.substring(colon + 1));
    }
    if (t.contains("/")) {
      return new ModelRef("github", t);
    }
    throw new IllegalArgumentException(
        "'" + t + "' names no provider: write provider:model, e.g. openai:" + t);
  }

  public String id() {
    return provider + ":" + model;
  }

  @Override
  public String toString() {
    return id();
  }
}
