package dev.promptcheck.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes to a temporary sibling and renames, so a reader never sees half a file; the content has
 * its secrets scrubbed on the way. Every file promptcheck writes whole goes through here.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Temporary files start private; a report is an ordinary file once in place. */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // the platform's default permissions apply
    }
  }

  /** Writes {@code content} with secrets scrubbed (see {@link Secrets}). */
  public static Path write(Path target, String content) throws IOException {
    byte[] bytes = Secrets.scrub(content).getBytes(StandardCharsets.UTF_8);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      readableByAll(tmp);
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }
}
