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

  // made once: every trial's JSON and every report line asks for it
  private final String id = name().toLowerCase(Locale.ROOT);

  public String id() {
    return id;
  }
}
