package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --gate point|lower-bound} on the command line, through {@code report}. */
class GateOptionTest {
  @TempDir Path dir;

  /** 37 of 40 cases pass: 92.5%, 95% Wilson interval 80.1%-97.4% (LowerBoundGateTest). */
  private Path run() throws Exception {
    Trials t = Trials.create();
    for (int i = 0; i < 40; i++) {
      t.add("openai:m", "c" + i, i < 37 ? 1 : 0, 1);
    }
    Path runDir = Files.createDirectories(dir.resolve("r"));
    new JsonReport().write(t.run("r"), Comparison.NONE, runDir);
    return runDir;
  }

  @Test
  void lowerBoundFailsWhatThePointPassesAndSaysWhichBoundMissed() throws Exception {
    Path run = run();
    Cli.Result point =
        Cli.run("report", run.toString(), "--min-pass-rate", "85%", "--format", "console");
    assertThat(point.exit()).as(point.err()).isZero();

    Cli.Result bound =
        Cli.run(
            "report",
            run.toString(),
            "--min-pass-rate",
            "85%",
            "--gate",
            "lower-bound",
            "--format",
            "console");
    assertThat(bound.exit()).isEqualTo(1);
    assertThat(bound.err())
        .contains(
            "promptcheck: openai:m: pass rate 92.5% over 40 cases, 95% interval 80.1%\u201397.4%:"
                + " its lower bound is below --min-pass-rate 85.0%");
  }

  @Test
  void aGateWithoutAMinimumOrAnUnknownGateIsAUsageError() throws Exception {
    Path run = run();
    Cli.Result alone = Cli.run("report", run.toString(), "--gate", "lower-bound");
    assertThat(alone.exit()).isEqualTo(2);
    assertThat(alone.err()).contains("--gate lower-bound applies to --min-pass-rate X: give one");
    Cli.Result wrong =
        Cli.run("report", run.toString(), "--min-pass-rate", "0.8", "--gate", "interval");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("--gate must be point or lower-bound, not 'interval'");
  }
}
