package dev.promptcheck.report;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.support.AtomicFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
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
   * the summary is shared, so the bytes are those of writing them one after another, sooner. A
   * report that cannot be written does not stop the others.
   *
   * @return the files written, in the order of {@code writers}
   * @throws NotWritten when any could not be written, with those that were
   */
  public static List<Path> writeAll(
      List<ReportWriter> writers, RunSummary summary, Comparison comparison, Path dir)
      throws IOException {
    int threads = Math.min(writers.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(threads, 1));
    try {
      List<Future<Path>> files = new ArrayList<>();
      for (ReportWriter w : writers) {
        files.add(pool.submit(() -> w.write(summary, comparison, dir)));
      }
      List<Path> written = new ArrayList<>();
      List<AtomicFiles.Failure> failed = new ArrayList<>();
      for (Future<Path> f : files) {
        try {
          written.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof AtomicFiles.Failure notWritten) {
            failed.add(notWritten);
          } else if (e.getCause() instanceof IOException io) {
            throw io;
          } else if (e.getCause() instanceof RuntimeException r) {
            throw r;
          } else {
            throw new IllegalStateException(e.getCause());
          }
        }
      }
      if (!failed.isEmpty()) {
        throw new NotWritten(written, failed);
      }
      return written;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing reports");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Some reports could not be written; the others are in place. */
  public static final class NotWritten extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient List<Path> written;
    private final transient List<AtomicFiles.Failure> failed;

    NotWritten(List<Path> written, List<AtomicFiles.Failure> failed) {
      super(String.join("; ", failed.stream().map(Throwable::getMessage).toList()), failed.get(0));
      this.written = List.copyOf(written);
      this.failed = List.copyOf(failed);
    }

    /** The reports that are in place. */
    public List<Path> written() {
      return written;
    }

    /** Each report that is not, with why. */
    public List<AtomicFiles.Failure> failed() {
      return failed;
    }
  }

  public static Optional<ReportWriter> writer(String format) {
    return ALL.stream().filter(w -> w.format().equals(format)).findFirst();
  }
}
