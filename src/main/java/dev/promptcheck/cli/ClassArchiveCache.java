package dev.promptcheck.cli;

import dev.promptcheck.result.ExitCode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The class-data archives that {@link TunedJvm} records and uses, in the user's cache folder: one
 * per jar and Java, what they are named, when a recording is kept, and when an archive is dead and
 * deleted. Nothing here starts a JVM; {@link TunedJvm} decides when to record and when to use one.
 */
final class ClassArchiveCache {
  private static final String ARCHIVE_PREFIX = "promptcheck-";

  /**
   * When a {@code .tmp} recording counts as abandoned. The JVM creates it only while it writes the
   * archive at exit and the parent renames it right after, so a live one is seconds old; one whose
   * parent was killed in between stays forever. Its age decides, not whether the pid in its name is
   * alive: the cache folder may be shared with containers (other pid namespaces) or other hosts (a
   * network home), and pids are reused.
   */
  private static final Duration ABANDONED = Duration.ofHours(1);

  /**
   * When an archive counts as unused: its time is refreshed (at most daily) by every command that
   * uses it, so one untouched this long belongs to a jar that no longer runs (a removed checkout or
   * worktree, a temporary folder, an old Java). Each is ~19 MB and nothing else would remove them.
   * A checkout idle for longer only records its archive again on its next run.
   */
  private static final Duration UNUSED = Duration.ofDays(30);

  private ClassArchiveCache() {}

  /**
   * One archive per jar and Java: the JVM refuses an archive recorded from another jar or JVM, so
   * the name carries what identifies both (a hash of the path, with size and modification time).
   */
  static String archiveName(Path jar, Path java) {
    CRC32 crc = new CRC32();
    String key = jar + "|" + java + "|" + System.getProperty("java.vm.version");
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    File f = jar.toFile();
    return ARCHIVE_PREFIX
        + Long.toHexString(crc.getValue())
        + "-"
        + Long.toHexString(f.length())
        + "-"
        + Long.toHexString(f.lastModified())
        + ".jsa";
  }

  /** {@code $XDG_CACHE_HOME/promptcheck}, else {@code ~/.cache/promptcheck}; null when neither. */
  static Path cacheDir(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "promptcheck");
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() || home.equals("?")
        ? null
        : Path.of(home, ".cache", "promptcheck");
  }

  static boolean writable(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.isWritable(dir);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * A recorded archive takes its final name only from a child that ran its command to the end: a
   * run refused at its input (exit 2: no API key, a bad option) loaded a sixth of the classes, one
   * stopped part-way by a signal only some, and the archive would be kept, and used, until the next
   * jar. The launcher script applies the same rule (keep in step).
   */
  static boolean worthKeeping(int exitCode) {
    return exitCode < 128 && exitCode != ExitCode.INVALID_INPUT;
  }

  /**
   * Gives {@code recording} its final name {@code archive} when the child's exit says it is whole.
   */
  static void keepRecording(Path recording, Path archive, int code) {
    try {
      if (worthKeeping(code) && Files.size(recording) > 0) {
        try {
          Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        prune(archive.getParent(), archive.getFileName().toString());
      }
    } catch (IOException e) {
      // no archive this time; the next run records one
    } finally {
      try {
        Files.deleteIfExists(recording);
      } catch (IOException ignored) {
        // a stray temporary file in the cache folder
      }
    }
  }

  /**
   * Deletes from {@code cacheDir} what the newly installed {@code archive} leaves dead: the
   * archives of the same jar path and Java (the same {@code promptcheck-<crc>-}) at another jar
   * size or time, which the JVM would refuse, any archive unused for {@link #UNUSED}, and abandoned
   * recordings of any jar. Another jar's archive in use stays: checkouts share the folder. No cap
   * on the folder either: what is left is one archive per jar path and Java that ran lately, and a
   * cap would evict one a checkout still uses, which then pays the heavier recording run again and
   * may evict another's in turn. Best effort: what cannot be listed or deleted stays, and nothing
   * is thrown: the command has run, and its exit code must reach the caller.
   */
  static void prune(Path cacheDir, String archive) {
    String sameJar = jarPrefix(archive);
    Instant abandoned = Instant.now().minus(ABANDONED);
    Instant unused = Instant.now().minus(UNUSED);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(cacheDir, ARCHIVE_PREFIX + "*")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean jsa = name.endsWith(".jsa") && !name.equals(archive);
        boolean replaced = jsa && name.startsWith(sameJar);
        if (replaced
            || (jsa && olderThan(file, unused))
            || (name.endsWith(".tmp") && olderThan(file, abandoned))) {
          deleteQuietly(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the folder cannot be read: nothing is pruned this time
    }
  }

  /**
   * {@code promptcheck-<crc>-}: what the archives of one jar path and Java share, whatever the
   * jar's size and time ({@link #archiveName}).
   */
  static String jarPrefix(String archiveName) {
    return archiveName.substring(0, archiveName.indexOf('-', ARCHIVE_PREFIX.length()) + 1);
  }

  /**
   * Refreshes the time of an archive a command has just used, so {@link #prune} knows it is alive;
   * at most once a day, so a run writes to the cache folder only when it must. Best effort: a
   * read-only cache keeps its times, and its archives are pruned by nobody.
   */
  static void markUsed(Path archive, Instant now) {
    if (olderThan(archive, now.minus(Duration.ofDays(1)))) {
      // false on a read-only cache or another user's archive: its time stays, as said above
      archive.toFile().setLastModified(now.toEpochMilli());
    }
  }

  /**
   * Whether {@code file} was last modified before {@code time}; false when it is gone. Through
   * java.io: {@link #markUsed} runs in the relaunching JVM on every command, which would otherwise
   * load NIO's file-attribute classes (not in the JDK's default class-data archive) for it.
   */
  private static boolean olderThan(Path file, Instant time) {
    long modified = file.toFile().lastModified(); // 0 when gone
    return modified != 0 && modified < time.toEpochMilli();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // another user's, or held open (Windows): it stays until the next installation
    }
  }
}
