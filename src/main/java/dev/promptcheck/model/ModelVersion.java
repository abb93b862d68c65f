package dev.promptcheck.model;

/**
 * The model as the provider says it answered: the response's {@code model} field (a dated version
 * such as {@code gpt-4o-mini-2024-07-18} where the request named an alias) and OpenAI's {@code
 * system_fingerprint} (the backend configuration). Providers change a model behind the same name;
 * the run history uses these to tell a model's change from a prompt's edit. Either may be null.
 */
public record ModelVersion(String name, String fingerprint) {

  /** The version, or null when the provider reported neither part. */
  public static ModelVersion of(String name, String fingerprint) {
    name = blankToNull(name);
    fingerprint = blankToNull(fingerprint);
    return name == null && fingerprint == null ? null : new ModelVersion(name, fingerprint);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /**
   * {@code name} with the fingerprint after a slash when both are known: one label for a report.
   */
  public String label() {
    if (fingerprint == null) {
      return name;
    }
    return name == null ? fingerprint : name + "/" + fingerprint;
  }
}
