package dev.promptcheck.cli;

import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.TrialRunner;
import dev.promptcheck.support.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a run for Ctrl-C and SIGTERM: counts finished trials, passes progress on, and, if the JVM
 * is stopped mid-run, prints one line saying how many trials finished and the exact command that
 * resumes the run; its half-written report files are removed.
 */
final class RunWatch implements TrialRunner.Listener, AutoCloseable {
  private final TrialRunner.Listener progress;
  private final Path runDir;
  private final String resumeCommand;
  private final PrintWriter err;
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private static final long PROGRESS_GRACE_MS = 300;
  private final Thread hook;
  private volatile boolean done;

  /**
   * @param command the words that started promptcheck ({@link Invocation#command()}), so the resume
   *     command is said as the user types it
   */
  RunWatch(
      TrialRunner.Listener progress,
      Path runDir,
      String shownRunDir,
      String command,
      PrintWriter err) {
    this.progress = progress;
    this.runDir = runDir;
    this.resumeCommand = command + " run --resume " + shellQuoted(shownRunDir);
    this.err = err;
    this.hook = new Thread(this::stopped, "promptcheck-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void started(int total, int alreadyDone) {
    this.total.set(total);
    finished.set(alreadyDone);
    progress.started(total, alreadyDone);
  }

  @Override
  public void finished(TrialResult result) {
    finished.incrementAndGet();
    progress.finished(result);
  }

  /**
   * Said at once, not only in the final reports: a quota spent hours before the run ends should not
   * look like a hang.
   */
  @Override
  public void budgetSpent(String why) {
    synchronized (err) {
      err.println();
      err.println(
          "promptcheck: "
              + why
              + ": no more calls, the calls in flight finish; the trials left run with: "
              + resumeCommand
              + " --max-cost <larger>");
      err.flush();
    }
  }

  @Override
  public void modelStopped(String modelId, String why) {
    progress.modelStopped(modelId, why);
    synchronized (err) {
      err.println();
      err.println(
          "promptcheck: "
              + modelId
              + ": "
              + why
              + "; no more calls to it, the other models go on; the trials left run with: "
              + resumeCommand);
      err.flush();
    }
  }

  /** The line printed when the run is stopped, e.g. by Ctrl-C. */
  String stoppedLine() {
    return "promptcheck: stopped: "
        + finished.get()
        + " of "
        + total.get()
        + " trials finished (kept in "
        + runDir.resolve("results.jsonl")
        + "); resume with: "
        + resumeCommand;
  }

  private void stopped() {
    if (done) {
      return;
    }
    AtomicFiles.removeStale(runDir);
    endProgress();
    err.println();
    err.println(stoppedLine());
    err.flush();
  }

  /**
   * The progress bar redraws from its own thread: it is stopped first, or a frame lands after the
   * line. Its close draws a last frame on that thread, which during shutdown may never come, so it
   * gets a moment, not the power to keep the line from printing.
   */
  private void endProgress() {
    if (!(progress instanceof AutoCloseable bar)) {
      return;
    }
    Thread closing =
        new Thread(
            () -> {
              try {
                bar.close();
              } catch (Exception e) {
                // the line matters more than the bar's last frame
              }
            },
            "promptcheck-stop-progress");
    closing.setDaemon(true);
    closing.start();
    try {
      closing.join(PROGRESS_GRACE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run ended by itself: no line, and the hook is gone. */
  @Override
  public void close() {
    done = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run; done keeps it quiet
    }
  }

  static String shellQuoted(String s) {
    return InvokedAs.quoted(s);
  }
}
