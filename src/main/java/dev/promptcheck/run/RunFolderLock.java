package dev.promptcheck.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One process owns a run folder at a time: two runs given the same {@code --run-id}, or a {@code
 * --resume} of a run still going, would otherwise write one journal twice over. The owner holds an
 * operating-system lock on {@code .promptcheck.lock} in the folder and writes its pid, host and
 * start into it, so a refusal can name it. The system drops the lock when its process ends, however
 * it ends (kill -9 included): a lock file left by a dead process is taken over, with a note.
 */
public final class RunFolderLock implements AutoCloseable {
  public static final String FILE = ".promptcheck.lock";

  private final FileChannel channel;
  private final FileLock lock;
  private final String takenOverFrom;

  private RunFolderLock(FileChannel channel, FileLock lock, String takenOverFrom) {
    this.channel = channel;
    this.lock = lock;
    this.takenOverFrom = takenOverFrom;
  }

  /**
   * Takes the folder (creating it and the lock file if need be).
   *
   * @throws Busy when another process, or another run in this one, owns it
   */
  public static RunFolderLock acquire(Path runDir) {
    Path file = runDir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(runDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      String previous = contents(channel);
      if (lock == null) {
        channel.close();
        throw new Busy(previous);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              ("pid "
                      + ProcessHandle.current().pid()
                      + " on "
                      + host()
                      + ", started "
                      + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                      + "\n")
                  .getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(false);
      return new RunFolderLock(channel, lock, previous.isEmpty() ? null : previous);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock the run folder " + runDir, e);
    }
  }

  /**
   * The owner a lock file still named when it was taken (a process that ended without releasing it:
   * killed, or its machine lost power), or null when it was free.
   */
  public String takenOverFrom() {
    return takenOverFrom;
  }

  /** Releases the folder; the file stays, empty, so no other process can lock a deleted copy. */
  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.truncate(0);
        lock.release();
      }
    } catch (IOException e) {
      // the folder may be gone (removed mid-run); the lock ends with the channel anyway
    } finally {
      closeQuietly(channel);
    }
  }

  /** Releases the folder and removes the lock file, for a run folder about to be removed. */
  public void closeAndDelete(Path runDir) throws IOException {
    Files.deleteIfExists(runDir.resolve(FILE));
    close();
  }

  private static String contents(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(512);
    int n = channel.read(buf, 0);
    return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
  }

  /** The host's name without a DNS lookup (InetAddress.getLocalHost can take seconds). */
  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      return "this host";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  /** The folder is owned by another run; the message names the owner and the ways on. */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy(String owner) {
      super(
          "in use by another promptcheck run"
              + (owner.isEmpty() ? "" : " (" + owner + ")")
              + ": wait for it to finish, or give another --run-id");
    }
  }
}
