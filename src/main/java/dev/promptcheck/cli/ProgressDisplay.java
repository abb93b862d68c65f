package dev.promptcheck.cli;

import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.SuiteRunner;
import dev.promptcheck.support.Terminal;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr: trials done of total, pass/fail/error so far, ETA. Only on a terminal.
 */
final class ProgressDisplay implements SuiteRunner.Listener, AutoCloseable {
  private final AtomicInteger pass = new AtomicInteger();
  private final AtomicInteger fail = new AtomicInteger();
  private final AtomicInteger error = new AtomicInteger();
  private ProgressBar bar;

  static boolean wanted(boolean quiet, java.util.Map<String, String> env) {
    return !quiet && Terminal.interactive() && env.get("CI") == null;
  }

  @Override
  public void started(int total, int alreadyDone) {
    bar =
        new ProgressBarBuilder()
            .setTaskName("trials")
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(200)
            .showSpeed()
            .build();
    bar.stepTo(alreadyDone);
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
    bar.setExtraMessage(" pass " + pass.get() + " fail " + fail.get() + " error " + error.get());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
