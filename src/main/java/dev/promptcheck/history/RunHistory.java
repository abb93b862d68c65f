package dev.promptcheck.history;

import dev.promptcheck.result.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code promptcheck history}: index the run folders found under the inputs (only new or changed
 * results files are read), then write history.html, history.json and history.md beside the index
 * and find the drifts.
 */
public final class RunHistory {
  private RunHistory() {}

  /**
   * @param alpha the significance level drifts are tested at
   * @param all drifts anywhere in the history, not only those still holding in each suite's latest
   *     run
   */
  public record Options(double alpha, boolean all) {}

  /**
   * What a history update did.
   *
   * @param added runs newly indexed
   * @param known runs already indexed (read again, or found twice)
   * @param warnings one located line per input that could not be indexed
   * @param notes one line per folder passed over (a run still being written)
   */
  public record Outcome(
      int added,
      int known,
      int runs,
      int suites,
      List<Drift> drifts,
      List<String> warnings,
      List<String> notes,
      List<Path> written) {
    public Outcome {
      drifts = List.copyOf(drifts);
      warnings = List.copyOf(warnings);
      notes = List.copyOf(notes);
      written = List.copyOf(written);
    }
  }

  /**
   * @throws IOException when the index cannot be opened or the pages cannot be written
   */
  public static Outcome update(List<Path> inputs, Path outDir, Options options) throws IOException {
    RunFolders.Scan scan = RunFolders.scan(inputs);
    List<String> warnings = new ArrayList<>();
    int added = 0;
    int known = 0;
    try (HistoryIndex index = HistoryIndex.open(outDir.resolve(HistoryIndex.FILE))) {
      for (Path file : scan.results()) {
        if (index.unchanged(file)) {
          known++;
          continue;
        }
        RunResult run;
        try {
          run = RunFolders.read(file);
        } catch (IOException e) {
          warnings.add(e.getMessage());
          continue;
        }
        String key = HistoryIndex.keyOf(run);
        if (index.has(key)) {
          known++;
        } else {
          index.add(run, file.toString());
          added++;
        }
        index.noteSource(file, key);
      }
      History history = index.load();
      DriftDetector detector = new DriftDetector(options.alpha());
      List<Drift> drifts = new ArrayList<>();
      List<Trends> trends = new ArrayList<>();
      for (Series s : history.series()) {
        drifts.addAll(detector.drifts(s, history, !options.all()));
        trends.add(Trends.of(s, HistoryPage.WINDOW, 3));
      }
      List<Path> written = new ArrayList<>();
      written.add(outDir.resolve(HistoryIndex.FILE));
      written.add(HistoryPage.write(history, history.series(), trends, drifts, index, outDir));
      written.add(HistoryJson.write(history, history.series(), trends, drifts, outDir));
      written.add(HistoryMarkdown.write(history, history.series(), drifts, outDir));
      return new Outcome(
          added,
          known,
          history.runs().size(),
          history.series().size(),
          drifts,
          warnings,
          scan.notes(),
          written);
    } catch (SQLException e) {
      throw new IOException(
          outDir.resolve(HistoryIndex.FILE) + ": the history index failed: " + e.getMessage(), e);
    }
  }
}
