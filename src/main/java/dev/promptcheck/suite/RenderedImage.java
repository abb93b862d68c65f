package dev.promptcheck.suite;

/**
 * An image ready to send: a file's bytes as base64 with its media type, or an https URL. {@code
 * identity} is what a request's key holds instead of the bytes: {@code sha256:<hex>} of the file's
 * bytes, or the URL itself.
 */
public record RenderedImage(String mimeType, String base64, String url, String identity) {
  public RenderedImage {
    if ((base64 == null) == (url == null) || identity == null) {
      throw new IllegalArgumentException("an image is either data or a URL, with an identity");
    }
  }

  public static RenderedImage ofUrl(String url) {
    return new RenderedImage(null, null, url, url);
  }

  /** {@code data:<type>;base64,...} for data, else the URL. */
  public String dataUrl() {
    return url != null ? url : "data:" + mimeType + ";base64," + base64;
  }
}
