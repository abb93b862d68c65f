package dev.promptcheck.model;

/**
 * A model cannot be set up (unknown provider, missing API key): one line, raised before any call.
 */
public final class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message, null, false, false);
  }
}
