package dev.promptcheck.suite;

import java.util.List;

/**
 * A message ready to send: every slot filled. {@code images} follow the text (empty for a text-only
 * message, which is keyed, hashed and reported exactly as before images existed).
 */
public record RenderedMessage(Role role, String content, List<RenderedImage> images) {
  public RenderedMessage {
    images = List.copyOf(images);
  }

  public RenderedMessage(Role role, String content) {
    this(role, content, List.of());
  }
}
