package dev.promptcheck.suite;

/**
 * An image part whose filled-in file or url cannot be sent (missing, outside the suite root, not an
 * image): the trial is an error with these words, located at the part, and nothing is called.
 */
public final class ImageRenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageRenderException(String message) {
    super(message, null, false, false);
  }
}
