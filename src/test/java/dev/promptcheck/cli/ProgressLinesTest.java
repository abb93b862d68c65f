package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.report.SampleRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plain progress lines for logs: every 10% of trials, or every 15 s when they come slowly. */
class ProgressLinesTest {
  @Test
  void oneLineEveryTenthOrFifteenSecondsWithCountsAndTimeLeft() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressLines lines = new ProgressLines(new PrintWriter(text, true), now::get);
    lines.started(40, 0);
    for (int i = 0; i < 40; i++) {
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      Status s = i % 10 == 9 ? Status.FAIL : i == 20 ? Status.ERROR : Status.PASS;
      lines.finished(SampleRuns.trial("c" + i, "openai:a", s, "out", null, 10));
    }
    assertThat(text.toString().lines().toList())
        .hasSize(10)
        .startsWith("promptcheck: 4/40 trials (10%): 4 pass, 0 fail, 0 error; about 36 s left")
        .endsWith("promptcheck: 40/40 trials (100%): 35 pass, 4 fail, 1 error");

    StringWriter slow = new StringWriter();
    ProgressLines slowLines = new ProgressLines(new PrintWriter(slow, true), now::get);
    slowLines.started(1000, 0);
    for (int i = 0; i < 5; i++) {
      now.addAndGet(TimeUnit.SECONDS.toNanos(8));
      slowLines.finished(SampleRuns.trial("c" + i, "openai:a", Status.PASS, "out", null, 10));
    }
    assertThat(slow.toString().lines().toList())
        .containsExactly(
            "promptcheck: 2/1000 trials (0%): 2 pass, 0 fail, 0 error; about 134 min left",
            "promptcheck: 4/1000 trials (0%): 4 pass, 0 fail, 0 error; about 133 min left");
  }

  @Test
  void afterAResumeTheCountGoesOnAndTheCountsAndThePaceAreThisProcesssOnly() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    ProgressLines lines = new ProgressLines(new PrintWriter(text, true), now::get);
    lines.started(40, 28); // 28 finished before the Ctrl-C, in no time of this process
    for (int i = 0; i < 12; i++) {
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      lines.finished(SampleRuns.trial("c" + i, "openai:a", Status.PASS, "out", null, 10));
    }
    assertThat(text.toString().lines().toList())
        .startsWith(
            "promptcheck: 32/40 trials (80%; 28 done before this resume): this resume 4 pass,"
                + " 0 fail, 0 error; about 8 s left")
        .endsWith(
            "promptcheck: 40/40 trials (100%; 28 done before this resume): this resume 12 pass,"
                + " 0 fail, 0 error");
  }

  @Test
  void theBarsTimeLeftIsPacedByThisProcesssTrialsOnly() {
    // 28 done before; 4 here in 8 s: 8 left at 2 s each
    assertThat(ProgressDisplay.timeLeft(28, 32, 40, Duration.ofSeconds(8)))
        .contains(Duration.ofSeconds(16));
    assertThat(ProgressDisplay.timeLeft(28, 28, 40, Duration.ofSeconds(3))).isEmpty();
    assertThat(ProgressDisplay.timeLeft(0, 40, 40, Duration.ofSeconds(3))).isEmpty();
  }
}
