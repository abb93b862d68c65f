package dev.promptcheck.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes to a temporary sibling and renames, so a reader never sees half a file; the content has
 * its secrets scrubbed on the way. Every file promptcheck writes whole goes through here.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Temporary files start private; a report is an ordinary file once in place. */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // the platform's default permissions apply
    }
  }

  /** A file's content, written as a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code content} with the process environment's secrets scrubbed, outside any run. */
  public static Path write(Path target, String content) throws IOException {
    return write(target, Secrets.ofProcess(), out -> out.write(content));
  }

  /** Writes {@code content} with a run's {@code secrets} scrubbed. */
  public static Path write(Path target, Secrets secrets, String content) throws IOException {
    return write(target, secrets, out -> out.write(content));
  }

  /**
   * Writes, as UTF-8 with secrets scrubbed, what {@code content} writes; never more of it in memory
   * than a buffer, so a report of 100,000 trials costs no more memory than one of ten.
   */
  public static Path write(Path target, Secrets secrets, Content content) throws IOException {
    try {
      return writeOrFail(target, secrets, content);
    } catch (Failure named) {
      throw named;
    } catch (IOException e) {
      throw new Failure(target, e);
    }
  }

  private static Path writeOrFail(Path target, Secrets secrets, Content content)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      readableByAll(tmp);
      try (Writer out =
          secrets.scrubbing(
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
   * A file that could not be written (a full disk, a folder in its place, no permission), naming
   * the file the user knows, not the temporary sibling; the temporary file is already removed.
   */
  public static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path target;
    private final String reason;

    Failure(Path target, IOException cause) {
      super("could not write " + target + ": " + reasonOf(cause), cause);
      this.target = target;
      this.reason = reasonOf(cause);
    }

    /** The file that was to be written. */
    public Path target() {
      return target;
    }

    /** Why, in the platform's words ("No space left on device", "Is a directory"). */
    public String reason() {
      return reason;
    }

    private static String reasonOf(IOException e) {
      if (e instanceof FileSystemException fs && fs.getReason() != null) {
        return fs.getReason();
      }
      return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
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
    } catch (IOException | UncheckedIOException e) {
      // nothing to clean that we can see
    }
  }
}
