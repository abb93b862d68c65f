package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.Journal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a trial's JSON costs at 100,000 trials, where a run writes it: a journal line per finished
 * trial ({@link Journal#append}), a merged journal ({@link Journal#write}) and {@code results.json}
 * from statistics already computed. Thread CPU (and its user part: the appends' writes and syncs
 * are kernel time), wall and memory allocated (the garbage), medians of three after a warm-up
 * ({@link ReportPhaseMeasureTest#measure}), written to {@code target/trial-json.txt}.
 */
// a measurement of 100,000 trials, not a check: run with -Dgroups=scale -Dscale.skip=
@Tag("scale")
class TrialJsonMeasureTest {
  @TempDir Path dir;
  private int round;

  @Test
  void journalLinesAndResultsJsonAtHundredThousandTrials() throws Exception {
    RunResult run = SampleRuns.repeated(10_000, List.of("openai:gpt-4o", "openai:gpt-4o-mini"), 5);
    assertThat(run.trials()).hasSize(100_000);
    RunSummary summary = RunSummary.of(run);
    new JsonReport().write(summary, Comparison.NONE, dir); // the statistics, computed once
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "trial JSON at 100,000 trials: CPU ms (of which user) / wall ms / MB allocated,"
                    + " median of 3 after a warm-up (load average %.1f)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    row(
        table,
        "Journal.append, one line per trial",
        () -> {
          try (Journal journal = Journal.open(fresh())) {
            for (TrialResult t : run.trials()) {
              journal.append(t);
            }
          }
        });
    row(table, "Journal.write, a merged journal", () -> Journal.write(fresh(), run.trials()));
    row(
        table,
        "results.json (statistics shared)",
        () -> new JsonReport().write(summary, Comparison.NONE, fresh()));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "trial-json.txt"), table);
    System.out.print(table);
  }

  private static void row(StringBuilder table, String name, ReportPhaseMeasureTest.Step step)
      throws Exception {
    long[] figures = ReportPhaseMeasureTest.measure(step);
    table.append(
        String.format(
            Locale.ROOT,
            "%-36s %7d CPU (%5d user) %7d wall %7d MB%n",
            name,
            figures[0],
            figures[2],
            figures[1],
            figures[3]));
  }

  /** A folder of its own for each round, the last round's files deleted: the disk stays small. */
  private Path fresh() throws IOException {
    Path previous = dir.resolve("r" + round);
    if (Files.isDirectory(previous)) {
      try (var files = Files.list(previous)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    round++;
    return Files.createDirectories(dir.resolve("r" + round));
  }
}
