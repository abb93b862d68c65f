package dev.promptcheck.cli;

import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.TrialRunner;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress where no bar can be drawn (stderr not a terminal, or CI): one plain line each time
 * another 10% of the trials finish, or every 15 s when they finish slowly: done/total,
 * pass/fail/error so far, and the time left at the pace so far. After a resume the count goes on
 * from the trials done before, said apart, and the pass/fail/error counts and the pace are this
 * process's only: trials finished before cost it no time.
 */
final class ProgressLines implements TrialRunner.Listener {
  static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final PrintWriter err;
  private final LongSupplier clock;
  private int total;
  private int alreadyDone;
  private int done;
  private int pass;
  private int fail;
  private int error;
  private long startedAt;
  private long lastLineAt;
  private int lastTenth;

  ProgressLines(PrintWriter err, LongSupplier clock) {
    this.err = err;
    this.clock = clock;
  }

  /** Lines are wanted when the bar is not: not quiet, and stderr no terminal or CI set. */
  static boolean wanted(boolean quiet, Map<String, String> env) {
    return !quiet && !ProgressDisplay.wanted(false, env);
  }

  @Override
  public synchronized void started(int total, int alreadyDone) {
    this.total = total;
    this.alreadyDone = alreadyDone;
    this.done = alreadyDone;
    this.startedAt = clock.getAsLong();
    this.lastLineAt = startedAt;
    this.lastTenth = total == 0 ? 10 : done * 10 / total;
  }

  @Override
  public synchronized void finished(TrialResult result) {
    done++;
    switch (result.status()) {
      case PASS -> pass++;
      case FAIL -> fail++;
      case ERROR -> error++;
      case SKIPPED -> {}
    }
    long now = clock.getAsLong();
    int tenth = total == 0 ? 10 : done * 10 / total;
    if (tenth > lastTenth || now - lastLineAt >= EVERY_NANOS) {
      lastTenth = tenth;
      lastLineAt = now;
      err.println(line(now));
      err.flush();
    }
  }

  String line(long now) {
    StringBuilder sb =
        new StringBuilder("promptcheck: ")
            .append(done)
            .append('/')
            .append(total)
            .append(" trials (")
            .append(total == 0 ? 100 : done * 100 / total)
            .append(
                alreadyDone > 0
                    ? "%; " + alreadyDone + " done before this resume): this resume "
                    : "%): ")
            .append(pass)
            .append(" pass, ")
            .append(fail)
            .append(" fail, ")
            .append(error)
            .append(" error");
    int ranHere = done - alreadyDone;
    if (done < total && ranHere > 0) {
      long perTrial = (now - startedAt) / ranHere;
      long left = TimeUnit.NANOSECONDS.toSeconds(perTrial * (total - done));
      sb.append("; about ")
          .append(left >= 120 ? (left + 59) / 60 + " min" : Math.max(1, left) + " s")
          .append(" left");
    }
    return sb.toString();
  }
}
