package dev.promptcheck.template;

import dev.promptcheck.spec.Role;

/** A message ready to send: every slot filled. */
public record RenderedMessage(Role role, String content) {}
