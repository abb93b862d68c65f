package dev.promptcheck.suite;

/**
 * An image content part of a message template: {@code file} (relative to the prompt file, inside
 * the suite root) or {@code url} (https), exactly one set; either may hold {@code {{var}}} slots.
 * {@code identity} is the loaded image's ({@link RenderedImage#identity}) when the part has no
 * slots, else null: the file's content hash changes when the image's bytes do.
 */
public record ImagePart(String file, String url, SourceRef where, String identity) {
  public ImagePart {
    if ((file == null) == (url == null)) {
      throw new IllegalArgumentException("an image part has exactly one of file and url");
    }
  }

  /** What the part names as written, for messages. */
  public String reference() {
    return file != null ? file : url;
  }
}
