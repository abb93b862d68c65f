package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.result.CaseOutcome;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Flakiness;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.result.Trials;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: what each part of the report phase costs at 100,000 trials, measured in-process and
 * written to {@code target/report-phase.txt}: every writer of {@link Reports#ALL}, the console
 * (summary, comparison, verdict), and the shared statistics on their own. CPU time is the thread's
 * (wall time on a shared machine mostly measures the neighbours); each figure is the median of
 * three after one warm-up. The only bound asserted is a generous one, so a busy machine never fails
 * it.
 */
// a measurement of 100,000 trials (a minute or two), not a check: run with -Dgroups=scale
@Tag("scale")
class ReportPhaseMeasureTest {
  private static final int ROUNDS = 3;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean ALLOCATIONS =
      (com.sun.management.ThreadMXBean) THREADS;

  @TempDir Path dir;

  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  @Test
  void eachWriterAndStatisticAtHundredThousandTrials() throws Exception {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "report phase at 100,000 trials: CPU ms / wall ms, median of %d after a warm-up"
                + " (load average %.1f, %d cores)%n",
            ROUNDS,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors()));
    String[] shapes = {"2 models x 10,000 cases x 5", "4 models x 25,000 cases"};
    RunResult[] runs = {
      SampleRuns.repeated(10_000, List.of("openai:gpt-4o", "openai:gpt-4o-mini"), 5),
      SampleRuns.repeated(25_000, List.of("m:a", "m:b", "m:c", "m:d"), 1)
    };
    List<String> names = new ArrayList<>();
    List<long[][]> figures = new ArrayList<>(); // per step: per shape {cpu, wall}
    for (int i = 0; i < runs.length; i++) {
      RunResult run = runs[i];
      assertThat(run.trials()).hasSize(100_000);
      RunResult baseline = baselineOf(run);
      Comparison comparison = Comparison.of(baseline, run);
      Path runDir = Files.createDirectories(dir.resolve("run" + i));
      List<String> stepNames = new ArrayList<>();
      List<Step> steps = new ArrayList<>();
      add(stepNames, steps, "stat CaseOutcome.byModel", () -> CaseOutcome.byModel(run.trials()));
      add(stepNames, steps, "stat Stats.of (all)", () -> Stats.of(run.trials()));
      add(
          stepNames,
          steps,
          "stat Stats.of per model",
          () -> Stats.group(run.trials(), TrialResult::model).values().forEach(Stats::of));
      add(
          stepNames,
          steps,
          "stat HeadToHead.pairs",
          () -> HeadToHead.pairs(run, HeadToHead.DEFAULT_ALPHA));
      add(stepNames, steps, "stat Flakiness.of", () -> Flakiness.of(run));
      add(stepNames, steps, "stat Comparison.of baseline", () -> Comparison.of(baseline, run));
      for (ReportWriter w : Reports.ALL) {
        add(
            stepNames,
            steps,
            "write " + w.format() + " (baseline, own statistics)",
            () -> w.write(run, comparison, runDir));
      }
      add(
          stepNames,
          steps,
          "write html (no baseline)",
          () -> new HtmlReport().write(run, Comparison.NONE, runDir));
      add(stepNames, steps, "console (baseline)", () -> console(RunSummary.of(run), comparison));
      add(
          stepNames,
          steps,
          "phase: Comparison.of + all + console, shared",
          () -> {
            // as the command line does it: one comparison, one summary for every report
            Comparison c = Comparison.of(baseline, run);
            RunSummary summary = RunSummary.of(run);
            for (ReportWriter w : Reports.ALL) {
              w.write(summary, c, runDir);
            }
            console(summary, c);
          });
      for (int s = 0; s < steps.size(); s++) {
        long[] cpuWall = measure(steps.get(s));
        System.out.printf(
            Locale.ROOT,
            "%s: %s: %d ms CPU, %d ms wall%n",
            shapes[i],
            stepNames.get(s),
            cpuWall[0],
            cpuWall[1]);
        if (i == 0) {
          names.add(stepNames.get(s));
          figures.add(new long[runs.length][]);
        }
        figures.get(s)[i] = cpuWall;
      }
    }
    table.append(String.format(Locale.ROOT, "%-44s", "step"));
    for (String shape : shapes) {
      table.append(String.format(Locale.ROOT, " | %-27s", shape));
    }
    table.append('\n');
    for (int s = 0; s < names.size(); s++) {
      table.append(String.format(Locale.ROOT, "%-44s", names.get(s)));
      for (long[] f : figures.get(s)) {
        table.append(String.format(Locale.ROOT, " | %7d CPU %7d wall      ", f[0], f[1]));
      }
      table.append('\n');
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "report-phase.txt"), table);
    System.out.print(table);
    for (long[][] f : figures) {
      for (long[] shape : f) {
        assertThat(shape[1]).as("wall ms").isLessThan(30_000);
      }
    }
  }

  private static void add(List<String> names, List<Step> steps, String name, Step step) {
    names.add(name);
    steps.add(step);
  }

  private static void console(RunSummary run, Comparison comparison) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    ConsoleReport.print(run, comparison, out, ConsoleStyle.PLAIN);
    ComparisonConsole.print(run, comparison, out);
    out.println(ConsoleReport.verdict(run, comparison, 1, ConsoleStyle.PLAIN));
    out.flush();
  }

  /**
   * {CPU ms, wall ms, user CPU ms, MB allocated}: medians of {@link #ROUNDS} runs after one
   * warm-up; a step whose warm-up took longer than 10 s is measured once more only. User CPU leaves
   * out the kernel's time in the step's writes and syncs.
   */
  static long[] measure(Step step) throws Exception {
    long w = System.nanoTime();
    step.run();
    int rounds = System.nanoTime() - w > 10_000_000_000L ? 1 : ROUNDS;
    long[] cpu = new long[rounds];
    long[] wall = new long[rounds];
    long[] user = new long[rounds];
    long[] allocated = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long a0 = ALLOCATIONS.getCurrentThreadAllocatedBytes();
      long c0 = THREADS.getCurrentThreadCpuTime();
      long u0 = THREADS.getCurrentThreadUserTime();
      long w0 = System.nanoTime();
      step.run();
      wall[r] = (System.nanoTime() - w0) / 1_000_000;
      cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1_000_000;
      user[r] = (THREADS.getCurrentThreadUserTime() - u0) / 1_000_000;
      allocated[r] = (ALLOCATIONS.getCurrentThreadAllocatedBytes() - a0) >> 20;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    Arrays.sort(user);
    Arrays.sort(allocated);
    return new long[] {cpu[rounds / 2], wall[rounds / 2], user[rounds / 2], allocated[rounds / 2]};
  }

  /**
   * The run as an earlier one: every 13th case of every model had the other outcome, so the
   * comparison has a few thousand regressions and fixes, as a bad day's baseline would.
   */
  static RunResult baselineOf(RunResult run) {
    List<TrialResult> trials = new ArrayList<>(run.trials().size());
    for (TrialResult t : run.trials()) {
      int c = Integer.parseInt(t.caseId().substring(4));
      if (c % 13 == 0) {
        Status s = t.status() == Status.PASS ? Status.FAIL : Status.PASS;
        trials.add(
            SampleRuns.asRepeat(
                SampleRuns.trial(t.caseId(), t.model(), s, t.output(), null, (int) t.latencyMs()),
                t.repeat()));
      } else {
        trials.add(t);
      }
    }
    return Trials.withRunId(SampleRuns.of(trials), "baseline-run");
  }
}
