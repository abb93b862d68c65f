package dev.promptcheck.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
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

  /** A file's content, written as a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code content} with secrets scrubbed (see {@link Secrets}). */
  public static Path write(Path target, String content) throws IOException {
    return write(target, out -> out.write(content));
  }

  /**
   * Writes, as UTF-8 with secrets scrubbed, what {@code content} writes; never more of it in memory
   * than a buffer, so a report of 100,000 trials costs no more memory than one of ten.
   */
  public static Path write(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      readableByAll(tmp);
      try (Writer out =
          Secrets.scrubbing(
              new BufferedWriter(
                  new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                  1 << 16))) {
        content.writeTo(out);
      }
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

  /**
   * Removes temporary files a killed writer left in {@code dir} ({@code .NAME*.tmp}); a missing or
   * unreadable folder is left alone.
   */
  public static void removeStale(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().startsWith("."))
          .filter(f -> f.getFileName().toString().endsWith(".tmp"))
          .forEach(
              f -> {
                try {
                  Files.deleteIfExists(f);
                } catch (IOException e) {
                  // another process may hold it; the next run tries again
                }
              });
    } catch (IOException | java.io.UncheckedIOException e) {
      // nothing to clean that we can see
    }
  }
}
