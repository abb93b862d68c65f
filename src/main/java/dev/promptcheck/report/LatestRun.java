package dev.promptcheck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code reports/latest}: a relative symlink to the newest run folder, so {@code
 * reports/latest/report.html} opens. It is swapped in by renaming a new link over the old one, so a
 * reader never finds it missing. Where symlinks are not allowed (Windows without the privilege,
 * some mounted file systems), a copy of the run folder stands in.
 */
public final class LatestRun {
  public static final String NAME = "latest";

  private LatestRun() {}

  /** Makes a symbolic link, or says it cannot: {@link Files#createSymbolicLink}. */
  interface Linker {
    void link(Path link, Path target) throws IOException;
  }

  /** Points {@code outRoot/latest} at {@code runDir}, which must be a folder inside outRoot. */
  public static void update(Path outRoot, Path runDir) throws IOException {
    update(outRoot, runDir, (link, target) -> Files.createSymbolicLink(link, target));
  }

  static void update(Path outRoot, Path runDir, Linker linker) throws IOException {
    Path latest = outRoot.resolve(NAME);
    Path target = outRoot.toAbsolutePath().relativize(runDir.toAbsolutePath());
    Path fresh = outRoot.resolve("." + NAME + "-" + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(fresh);
    try {
      linker.link(fresh, target);
    } catch (UnsupportedOperationException | IOException notAllowed) {
      copyInstead(latest, runDir);
      return;
    }
    if (Files.isDirectory(latest, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(latest); // a copy from a file system that refused links earlier
    }
    Files.move(fresh, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void copyInstead(Path latest, Path runDir) throws IOException {
    if (Files.exists(latest, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(latest);
    }
    Files.createDirectories(latest);
    try (Stream<Path> files = Files.list(runDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(dir);
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
