package dev.promptcheck.report;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The report writers by {@code --format} name. A new report is one class added here. */
public final class Reports {
  public static final List<ReportWriter> ALL =
      List.of(new JsonReport(), new JunitReport(), new MarkdownReport(), new HtmlReport());

  private Reports() {}

  /** Every {@code --format} name, in registration order. */
  public static List<String> names() {
    return ALL.stream().map(ReportWriter::format).toList();
  }

  /**
   * Writes {@code writers}' files side by side, one thread per core: each file is independent and
   * the summary is shared, so the bytes are those of writing them one after another, sooner.
   *
   * @return the files written, in the order of {@code writers}
   */
  public static List<Path> writeAll(
      List<ReportWriter> writers, RunSummary summary, Comparison comparison, Path dir)
      throws IOException {
    int threads = Math.min(writers.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      List<Path> written = new ArrayList<>();
      for (ReportWriter w : writers) {
        written.add(w.write(summary, comparison, dir));
      }
      return written;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Path>> files = new ArrayList<>();
      for (ReportWriter w : writers) {
        files.add(pool.submit(() -> w.write(summary, comparison, dir)));
      }
      List<Path> written = new ArrayList<>();
      for (Future<Path> f : files) {
        written.add(f.get());
      }
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing reports");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  public static Optional<ReportWriter> writer(String format) {
    return ALL.stream().filter(w -> w.format().equals(format)).findFirst();
  }
}
