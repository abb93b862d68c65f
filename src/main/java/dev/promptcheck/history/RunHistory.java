package dev.promptcheck.history;

import dev.promptcheck.result.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    ExecutorService readers = readers();
    try (HistoryIndex index = HistoryIndex.open(outDir.resolve(HistoryIndex.FILE))) {
      List<Path> fresh = new ArrayList<>();
      for (Path file : scan.results()) {
        if (index.unchanged(file)) {
          known++;
        } else {
          fresh.add(file);
        }
      }
      // results files are parsed ahead on the other cores while this thread writes the index, in
      // the order found (the first of two copies of a run is the one kept)
      Deque<Future<RunResult>> ahead = new ArrayDeque<>();
      int next = 0;
      long lastCommit = System.nanoTime();
      for (Path file : fresh) {
        while (next < fresh.size() && ahead.size() < READ_AHEAD) {
          Path f = fresh.get(next++);
          ahead.add(readers.submit(() -> RunFolders.read(f)));
        }
        RunResult run;
        try {
          run = await(ahead.removeFirst());
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
        if (System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
          index.commit();
          lastCommit = System.nanoTime();
        }
      }
      index.commit();
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
    } finally {
      readers.shutdownNow();
    }
  }

  /** Results files parsed ahead of the one being indexed: enough to keep the readers busy. */
  private static final int READ_AHEAD = 4;

  /** How often a long indexing commits: what a crash (or kill) loses is read again next time. */
  private static final long COMMIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Daemon threads, one per core: the indexing thread waits on them as often as they on it. */
  private static ExecutorService readers() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "history-reader-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static RunResult await(Future<RunResult> read) throws IOException {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the run folders", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }
}
