package dev.promptcheck.suite;

import java.util.Locale;
import java.util.Optional;

public enum Role {
  SYSTEM,
  USER,
  ASSISTANT;

  public static Optional<Role> parse(String text) {
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
