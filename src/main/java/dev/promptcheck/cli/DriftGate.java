package dev.promptcheck.cli;

import dev.promptcheck.history.Drift;
import dev.promptcheck.history.RunHistory;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code run --history DIR} and {@code run --fail-on drift}: the finished run is indexed into the
 * history (as {@code promptcheck history RUN --out DIR} would, pages included), the drifts that
 * still hold in this run's suites are printed, and with {@code --fail-on drift} a significant drop
 * makes the exit code 1. A history that cannot be read or written is a gate that could not run:
 * exit 3, never a pass.
 */
record DriftGate(Path historyDir, double alpha, boolean gate, Invocation invocation) {

  /** The exit code once the history has had its say; {@code exit} is the run's own. */
  int apply(RunResult run, Path runDir, int exit, PrintWriter out, PrintWriter err) {
    RunHistory.Outcome outcome;
    try {
      outcome =
          RunHistory.update(List.of(runDir), historyDir, new RunHistory.Options(alpha, false));
    } catch (IOException | RuntimeException e) {
      err.println(
          "promptcheck: the history in "
              + invocation.shown(historyDir)
              + " could not be updated ("
              + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
              + ")"
              + (gate ? ": --fail-on drift could not be checked, so the run has not passed" : ""));
      err.flush();
      return gate ? Math.max(exit, ExitCode.INCOMPLETE) : exit;
    }
    outcome.warnings().forEach(w -> err.println("warning: " + w));
    outcome.notes().forEach(n -> err.println("note: " + n));
    // drifts of suites this run did not run (a --filter, a file removed) are not this run's news
    Set<String> series = run.trials().stream().map(DriftGate::seriesOf).collect(Collectors.toSet());
    List<Drift> drifts =
        outcome.drifts().stream()
            .filter(d -> series.contains(d.file() + "\n" + d.model()))
            .toList();
    int earlier = outcome.runs() - 1;
    if (drifts.isEmpty()) {
      out.println(
          earlier <= 0
              ? "History: the first run in "
                  + invocation.shown(historyDir)
                  + ": nothing to drift from yet"
              : "History: no drift against "
                  + earlier
                  + (earlier == 1 ? " earlier run" : " earlier runs"));
    } else {
      drifts.forEach(d -> out.println("DRIFT " + d.describe()));
    }
    out.println("History pages: " + invocation.shown(historyDir.resolve("history.html")));
    out.flush();
    boolean dropped = drifts.stream().map(Drift::direction).anyMatch("drop"::equals);
    if (gate && dropped && exit == ExitCode.PASSED) {
      err.println("promptcheck: --fail-on drift: a suite's pass rate dropped significantly");
      err.flush();
      return ExitCode.FAILURES;
    }
    return exit;
  }

  private static String seriesOf(TrialResult t) {
    return t.file() + "\n" + t.model();
  }
}
