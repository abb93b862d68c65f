package dev.promptcheck.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.Secrets;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.jsonl}: one line per finished trial, written and flushed as each finishes, so a
 * run killed at any moment keeps everything it finished. A line torn by a kill is dropped on
 * resume.
 */
public final class Journal implements AutoCloseable {
  public static final String FILE = "results.jsonl";
  private final OutputStream out;

  private Journal(OutputStream out) {
    this.out = out;
  }

  /** Opens for appending, first cutting off a torn last line. */
  public static Journal open(Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(FILE);
      if (Files.exists(file)) {
        truncateTornTail(file);
      }
      return new Journal(
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void append(TrialResult result) {
    try {
      byte[] line =
          (Secrets.scrub(ResultCodec.JSON.writeValueAsString(ResultCodec.toJson(result))) + "\n")
              .getBytes(StandardCharsets.UTF_8);
      out.write(line);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every complete trial line of a journal; a torn or unreadable line is skipped. */
  public static List<TrialResult> read(Path dir) {
    Path file = dir.resolve(FILE);
    List<TrialResult> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode n = ResultCodec.JSON.readTree(line);
          out.add(ResultCodec.fromJson(n));
        } catch (IOException | RuntimeException torn) {
          // a line cut short by a kill: that trial runs again
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void truncateTornTail(Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0) {
        return;
      }
      long pos = size;
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
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

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
