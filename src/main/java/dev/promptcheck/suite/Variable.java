package dev.promptcheck.suite;

/** A declared input of a prompt. {@code defaultValue} is null when the file gives none. */
public record Variable(
    String name, String description, boolean required, String defaultValue, SourceRef where) {}
