package dev.promptcheck.history;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run folders under the paths {@code history} is given: a folder holding {@code results.json}
 * is a run (a merged night or a single shard alike); a folder holding only the journal ({@code
 * results.jsonl}) is a run still being written, skipped with a note. Folders of downloaded
 * artifacts, {@code reports/} or single run folders all work; nothing is followed through links.
 */
public final class RunFolders {
  /** How deep below a given path run folders are looked for (artifacts nest them a few levels). */
  static final int DEPTH = 6;

  private RunFolders() {}

  /** What a scan found: the results files, and one line per folder it passed over. */
  public record Scan(List<Path> results, List<String> notes) {
    public Scan {
      results = List.copyOf(results);
      notes = List.copyOf(notes);
    }
  }

  public static Scan scan(List<Path> inputs) {
    List<Path> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isRegularFile(input) && input.getFileName().toString().equals(JsonReport.FILE)) {
        results.add(input);
        continue;
      }
      if (!Files.isDirectory(input)) {
        notes.add(input + ": no such run folder");
        continue;
      }
      try (Stream<Path> walk = Files.walk(input, DEPTH)) {
        walk.filter(Files::isDirectory)
            .sorted()
            .forEach(
                dir -> {
                  if (Files.isRegularFile(dir.resolve(JsonReport.FILE))) {
                    results.add(dir.resolve(JsonReport.FILE));
                  } else if (Files.isRegularFile(dir.resolve("results.jsonl"))) {
                    notes.add(
                        dir
                            + ": still being written (no results.json yet), skipped; index it"
                            + " once the run has ended");
                  }
                });
      } catch (IOException | UncheckedIOException e) {
        notes.add(input + ": could not be read (" + e.getMessage() + ")");
      }
    }
    return new Scan(results, notes);
  }

  /**
   * Reads of one results file what the history keeps ({@link ResultsReader}: no messages, case
   * values or checks).
   *
   * @throws IOException with a located message ({@code file:line:col: ...}) when it is not a
   *     promptcheck results.json
   */
  public static RunResult read(Path resultsJson) throws IOException {
    try {
      return ResultsReader.read(resultsJson);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String at =
          where == null ? "" : ":" + where.getLineNr() + ":" + Math.max(1, where.getColumnNr());
      throw new IOException(
          resultsJson + at + ": not a promptcheck results.json (" + e.getOriginalMessage() + ")",
          e);
    } catch (RuntimeException e) {
      throw new IOException(resultsJson + ": not a promptcheck results.json (" + e + ")", e);
    }
  }
}
