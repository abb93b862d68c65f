package dev.promptcheck.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Secrets;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.jsonl}: one line per finished trial, handed to the operating system (one {@code
 * write}) as each finishes, so a run killed at any moment keeps everything it finished. A line torn
 * by a kill is dropped on resume.
 *
 * <p>Against a power loss the lines are forced to the disk in groups (group commit): every {@link
 * #SYNC_INTERVAL_MS} by a background thread, or at once when {@link #SYNC_LINES} lines are waiting,
 * whichever comes first. A power loss costs at most the trials of the last interval (or that many
 * lines), which a resume calls again; one {@code fsync} per trial would cost a disk flush each.
 */
public final class Journal implements AutoCloseable {
  public static final String FILE = "results.jsonl";
  static final long SYNC_INTERVAL_MS = 100;
  static final int SYNC_LINES = 256;

  // a FileOutputStream and its descriptor's sync(): unlike a FileChannel, an interrupted worker
  // thread cannot close them under the other threads
  private final FileOutputStream out;
  private final Object syncLock = new Object();
  private final Object wake = new Object();
  private final Thread syncer;
  private int unsynced; // guarded by this
  private long syncs; // guarded by syncLock
  private volatile boolean closed;
  private volatile IOException syncFailure;
  private volatile boolean removed;

  private final Path file;
  private final Secrets secrets;
  private final Object fileKey; // the inode: a folder removed and made again is not this journal

  private Journal(FileOutputStream out, Path file, Secrets secrets) {
    this.out = out;
    this.file = file;
    this.secrets = secrets;
    this.fileKey = keyOf(file);
    this.syncer = new Thread(this::syncPeriodically, "promptcheck-journal-sync");
    syncer.setDaemon(true);
    syncer.start();
  }

  /**
   * The journal could not be written (a full disk, a read-only mount): the run stops, keeping every
   * line written so far, and can be resumed once there is room.
   */
  public static final class WriteFailure extends RuntimeException {
    private final transient Path file;

    private final boolean removed;

    /** The journal's folder was removed mid-run: its lines went with it. */
    WriteFailure(Path file) {
      super("the run folder " + file.getParent() + " was removed while the run was going");
      this.file = file;
      this.removed = true;
    }

    /** True when the folder was removed, not only unwritable. */
    public boolean removed() {
      return removed;
    }

    WriteFailure(Path file, IOException cause) {
      super(
          "cannot write "
              + file
              + " ("
              + (cause instanceof FileSystemException f && f.getReason() != null
                  ? f.getReason()
                  : cause.getMessage())
              + ")",
          cause);
      this.file = file;
      this.removed = false;
    }

    public Path file() {
      return file;
    }
  }

  /** Opens for appending, first cutting off a torn last line; masks the process's secrets. */
  public static Journal open(Path dir) {
    return open(dir, Secrets.ofProcess());
  }

  /** Opens for appending, first cutting off a torn last line; masks the run's {@code secrets}. */
  public static Journal open(Path dir, Secrets secrets) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(FILE);
      if (Files.exists(file)) {
        truncateTornTail(file);
      }
      return new Journal(new FileOutputStream(file.toFile(), true), file, secrets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws WriteFailure when the line cannot be written whole or forced to disk (a full disk)
   */
  public void append(TrialResult result) {
    if (removed) {
      throw new WriteFailure(file);
    }
    byte[] line;
    try {
      line =
          (secrets.scrub(ResultCodec.toJsonText(result)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WriteFailure(file, e);
    }
    boolean full;
    synchronized (this) {
      try {
        out.write(line);
      } catch (IOException e) {
        throw new WriteFailure(file, e);
      }
      full = ++unsynced >= SYNC_LINES;
    }
    if (full) {
      sync();
    }
    IOException failed = syncFailure;
    if (failed != null) {
      throw new WriteFailure(file, failed);
    }
  }

  /** Forces the lines written so far to the disk; the lines written meanwhile wait for the next. */
  private void sync() {
    synchronized (syncLock) {
      synchronized (this) {
        if (unsynced == 0) {
          return;
        }
        unsynced = 0;
      }
      try {
        out.getFD().sync();
        syncs++;
      } catch (IOException e) {
        syncFailure = e;
      }
    }
  }

  private void syncPeriodically() {
    while (!closed) {
      synchronized (wake) {
        try {
          wake.wait(SYNC_INTERVAL_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
      if (!closed) {
        sync();
        removed = !inPlace();
      }
    }
  }

  /**
   * Whether the journal is still where it was opened: a run folder removed mid-run (an {@code rm
   * -rf}, a cleanup job) leaves the run writing into a deleted file, which nobody can resume.
   * Checked with each periodic sync, so at most one interval's trials go into the void unnoticed.
   */
  private boolean inPlace() {
    Object now = keyOf(file);
    return now != null && (fileKey == null || fileKey.equals(now));
  }

  private static Object keyOf(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** How many times the journal was forced to disk (for tests). */
  long syncs() {
    synchronized (syncLock) {
      return syncs;
    }
  }

  /**
   * Writes a whole journal at once (a merged run's): one line per trial, in the shape {@link
   * #append} gives them, to a temporary name renamed over any journal in {@code dir}.
   *
   * @return the file written
   */
  public static Path write(Path dir, List<TrialResult> results) throws IOException {
    return write(dir, results, Secrets.ofProcess());
  }

  /** As {@link #write(Path, List)}, masking {@code secrets}. */
  public static Path write(Path dir, List<TrialResult> results, Secrets secrets)
      throws IOException {
    return AtomicFiles.write(
        dir.resolve(FILE),
        secrets,
        out -> {
          // one generator for the file, a line break after each trial in place of its separator
          // between root values; no flush per trial (each would be a write to the OS)
          try (JsonGenerator g =
              ResultCodec.JSON
                  .createGenerator(out)
                  .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.setRootValueSeparator(null);
            for (TrialResult r : results) {
              ResultCodec.write(g, r);
              g.writeRaw('\n');
            }
          }
        });
  }

  /**
   * What a journal holds: the last result of every trial it names, and the lines that could not be
   * read (torn by a kill or a full disk, cut inside a UTF-8 character, not JSON), 1-based.
   */
  public record Contents(List<TrialResult> results, List<Integer> unreadableLines) {}

  /** Every complete trial line of a journal; a torn or unreadable line is skipped and counted. */
  public static Contents read(Path dir) {
    Path file = dir.resolve(FILE);
    List<TrialResult> out = new ArrayList<>();
    List<Integer> unreadable = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new Contents(out, unreadable);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int lineNo = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNo++;
      String line = decode(bytes, start, end);
      start = end + 1;
      if (line != null && line.isBlank()) {
        continue;
      }
      try {
        if (line == null) {
          throw new IOException("not UTF-8");
        }
        JsonNode n = ResultCodec.JSON.readTree(line);
        if (n == null || !n.hasNonNull("trialId")) {
          throw new IOException("not a trial");
        }
        out.add(ResultCodec.fromJson(n));
      } catch (IOException | RuntimeException torn) {
        unreadable.add(lineNo); // that trial runs again
      }
    }
    return new Contents(out, unreadable);
  }

  /** One line as strict UTF-8, or null when it is not (cut inside a multi-byte character). */
  private static String decode(byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static void truncateTornTail(Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0) {
        return;
      }
      long pos = size;
      ByteBuffer one = ByteBuffer.allocate(1);
      while (pos > 0) {
        one.clear();
        ch.read(one, pos - 1);
        if (one.get(0) == '\n') {
          break;
        }
        pos--;
      }
      if (pos < size) {
        ch.truncate(pos);
      }
    }
  }

  /**
   * @throws WriteFailure when the run folder was removed while the journal was open (its {@link
   *     WriteFailure#removed()} is true)
   */
  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      syncer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sync();
    if (!inPlace()) {
      removed = true; // after the last periodic check: still not a run to report
    }
    try {
      out.close();
      if (syncFailure != null) {
        throw syncFailure;
      }
    } catch (IOException e) {
      // a journal that could not take its last line already said so through append
    }
    if (removed) {
      throw new WriteFailure(file);
    }
  }
}
