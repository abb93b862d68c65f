package dev.promptcheck.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an image part's filled-in reference into what is sent. A file is taken relative to the
 * prompt file and must stay inside the suite root, symlinks followed, as testData files ({@link
 * SuitePaths}); its type is told from its first bytes, not its name, so a renamed text file is not
 * sent as an image.
 */
final class ImageFiles {
  private static final Map<String, String> EXTENSIONS =
      Map.of(
          "png", "image/png",
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "gif", "image/gif",
          "webp", "image/webp");

  private ImageFiles() {}

  /** Why an image cannot be sent: the words of a located error. */
  static final class BadImage extends Exception {
    private static final long serialVersionUID = 1L;

    BadImage(String message) {
      super(message, null, false, false);
    }
  }

  /** {@code reference} is the part's file or url with every slot filled. */
  static RenderedImage load(ImagePart part, String reference, Path promptFile, Path suiteRoot)
      throws BadImage {
    return part.file() != null ? file(reference, promptFile, suiteRoot) : url(reference);
  }

  static RenderedImage url(String url) throws BadImage {
    if (!url.startsWith("https://")) {
      throw new BadImage("image url '" + url + "' is not an https:// URL");
    }
    return RenderedImage.ofUrl(url);
  }

  static RenderedImage file(String reference, Path promptFile, Path suiteRoot) throws BadImage {
    Path file = promptFile.toAbsolutePath().getParent().resolve(reference).normalize();
    var escape = SuitePaths.outside(file, suiteRoot);
    if (escape.isPresent()) {
      throw new BadImage(
          "image file '" + reference + "' " + escape.get() + "; keep images inside it");
    }
    if (!Files.isRegularFile(file)) {
      throw new BadImage("image file not found: " + file);
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String declared =
        dot < 0 ? null : EXTENSIONS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (declared == null) {
      throw new BadImage(
          "image file '" + reference + "' is not a .png, .jpg/.jpeg, .gif or .webp file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadImage("cannot read image file " + file + ": " + e.getMessage());
    }
    String sniffed = sniff(bytes);
    if (sniffed == null) {
      throw new BadImage(
          "image file '" + reference + "' is not a PNG, JPEG, GIF or WebP image (its first bytes)");
    }
    return new RenderedImage(
        sniffed, Base64.getEncoder().encodeToString(bytes), null, "sha256:" + sha256(bytes));
  }

  private static String sniff(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E') {
      return "image/webp";
    }
    return null;
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
