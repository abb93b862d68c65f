package dev.promptcheck.suite;

import java.util.List;
import java.util.Map;

/**
 * A message template of a prompt file; {@code content} still holds its {@code {{var}}} slots.
 * {@code placeholders} says where each variable is first written in the source file, so a
 * diagnostic about a variable points at the placeholder itself, also inside block scalars. {@code
 * images} are its image parts (empty for a text-only message).
 */
public record Message(
    Role role,
    String content,
    SourceRef where,
    Map<String, SourceRef> placeholders,
    List<ImagePart> images) {
  public Message {
    placeholders = Map.copyOf(placeholders);
    images = List.copyOf(images);
  }

  public Message(Role role, String content, SourceRef where, Map<String, SourceRef> placeholders) {
    this(role, content, where, placeholders, List.of());
  }

  public Message(Role role, String content, SourceRef where) {
    this(role, content, where, Map.of(), List.of());
  }

  /** Where {@code variable} is first written in this message, else where the content starts. */
  public SourceRef where(String variable) {
    return placeholders.getOrDefault(variable, where);
  }
}
