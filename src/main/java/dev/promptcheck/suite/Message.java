package dev.promptcheck.suite;

/** A message template of a prompt file; {@code content} still holds its {@code {{var}}} slots. */
public record Message(Role role, String content, SourceRef where) {}
