package dev.promptcheck.suite;

import java.util.Map;

/**
 * A message template of a prompt file; {@code content} still holds its {@code {{var}}} slots.
 * {@code placeholders} says where each variable is first written in the source file, so a
 * diagnostic about a variable points at the placeholder itself, also inside block scalars.
 */
public record Message(
    Role role, String content, SourceRef where, Map<String, SourceRef> placeholders) {
  public Message {
    placeholders = Map.copyOf(placeholders);
  }

  public Message(Role role, String content, SourceRef where) {
    this(role, content, where, Map.of());
  }

  /** Where {@code variable} is first written in this message, else where the content starts. */
  public SourceRef where(String variable) {
    return placeholders.getOrDefault(variable, where);
  }
}
