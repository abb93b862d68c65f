package dev.promptcheck.suite;

/** A message ready to send: every slot filled. */
public record RenderedMessage(Role role, String content) {}
