package dev.promptcheck.cli;

import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.TrialRunner;
import dev.promptcheck.support.Terminal;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.TerminalBuilder;

/**
 * A progress bar on stderr: trials done of total, pass/fail/error so far, ETA. Only on a terminal.
 *
 * <p>The bar is given the terminal's width instead of asking for it: to ask, the progress-bar
 * library builds a JLine terminal with native signals, which resets the JVM's Ctrl-C handler to the
 * operating system's default, so Ctrl-C killed the JVM outright: no shutdown hooks, no "stopped: …
 * resume with" line, no cleanup of half-written files. Here the width is read from a JLine terminal
 * that leaves signals alone.
 */
final class ProgressDisplay implements TrialRunner.Listener, AutoCloseable {
  private final AtomicInteger pass = new AtomicInteger();
  private final AtomicInteger fail = new AtomicInteger();
  private final AtomicInteger error = new AtomicInteger();
  private ProgressBar bar;

  /** Trials finished before this process, by the run it resumes: the bar starts there. */
  private volatile int alreadyDone;

  static boolean wanted(boolean quiet, Map<String, String> env) {
    return !quiet && Terminal.interactive() && env.get("CI") == null;
  }

  @Override
  public void started(int total, int alreadyDone) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("trials")
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err, terminalWidth() - 1))
            .setUpdateIntervalMillis(200)
            .showSpeed()
            // after a resume the bar starts at the trials done before, and the time left is paced
            // by this process's trials only: those took it no time
            .startsFrom(alreadyDone, Duration.ZERO)
            .setEtaFunction(
                state ->
                    timeLeft(
                        state.getStart(),
                        state.getCurrent(),
                        state.getMax(),
                        state.getElapsedAfterStart()))
            .build();
    this.alreadyDone = alreadyDone;
  }

  /**
   * The time left at this process's pace: what the trials run here took, per trial, times the
   * trials left; empty until one has finished here.
   */
  static Optional<Duration> timeLeft(long start, long current, long max, Duration elapsed) {
    long ranHere = current - start;
    if (ranHere <= 0 || current >= max) {
      return Optional.empty();
    }
    return Optional.of(elapsed.multipliedBy(max - current).dividedBy(ranHere));
  }

  /** The terminal's columns (80 when it does not say), read without touching signal handlers. */
  static int terminalWidth() {
    try (org.jline.terminal.Terminal terminal =
        TerminalBuilder.builder().dumb(true).nativeSignals(false).build()) {
      int width = terminal.getWidth();
      return width > 20 ? width : 80;
    } catch (IOException | RuntimeException e) {
      return 80;
    }
  }

  @Override
  public void finished(TrialResult result) {
    switch (result.status()) {
      case PASS -> pass.incrementAndGet();
      case FAIL -> fail.incrementAndGet();
      case ERROR -> error.incrementAndGet();
      case SKIPPED -> {}
    }
    bar.step();
    bar.setExtraMessage(
        " pass "
            + pass.get()
            + " fail "
            + fail.get()
            + " error "
            + error.get()
            + (alreadyDone > 0 ? " \u00b7 " + alreadyDone + " done earlier" : ""));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
