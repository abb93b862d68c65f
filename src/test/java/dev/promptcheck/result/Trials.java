package dev.promptcheck.result;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scripted trials: which case passes for which model in which repeat is known in advance. */
public final class Trials {
  private final List<TrialResult> trials = new ArrayList<>();

  /** {@code run} as if it had been planned as {@code plan}. */
  public static RunResult withPlan(RunResult run, RunResult.Plan plan) {
    return new RunResult(
        run.runId(),
        run.toolVersion(),
        run.startedAt(),
        run.finishedAt(),
        run.commandLine(),
        run.models(),
        run.judge(),
        run.suites(),
        run.trials(),
        run.incomplete(),
        run.refused(),
        List.of(),
        plan);
  }

  /** {@code run} under another run id. */
  public static RunResult withRunId(RunResult run, String runId) {
    return new RunResult(
        runId,
        run.toolVersion(),
        run.startedAt(),
        run.finishedAt(),
        run.commandLine(),
        run.models(),
        run.judge(),
        run.suites(),
        run.trials(),
        run.incomplete(),
        run.refused(),
        List.of(),
        run.plan());
  }

  public static Trials create() {
    return new Trials();
  }

  /** Adds {@code repeats} trials of one case, the first {@code passes} of which pass. */
  public Trials add(String model, String caseId, int passes, int repeats) {
    for (int r = 0; r < repeats; r++) {
      add(model, caseId, r, r < passes ? Status.PASS : Status.FAIL);
    }
    return this;
  }

  /** As {@link #add(String, String, int, int)}, the case's test data {@code vars}. */
  public Trials add(
      String model, String caseId, int passes, int repeats, Map<String, String> vars) {
    for (int r = 0; r < repeats; r++) {
      add(model, caseId, r, r < passes ? Status.PASS : Status.FAIL, vars);
    }
    return this;
  }

  public Trials add(String model, String caseId, int repeat, Status status) {
    return add(model, caseId, repeat, status, Map.of());
  }

  public Trials add(
      String model, String caseId, int repeat, Status status, Map<String, String> vars) {
    List<Verdict> verdicts =
        switch (status) {
          case PASS -> List.of(new Verdict.Pass("check", "string", 1, "ok"));
          case FAIL -> List.of(new Verdict.Fail("check", "string", 0, "missing 'x'"));
          case SKIPPED -> List.of(new Verdict.Skipped("judge", "rule", "no judge"));
          case ERROR -> List.of();
        };
    trials.add(
        new TrialResult(
            caseId + ":" + model + ":" + repeat,
            caseId,
            "prompts/p.prompt.yml",
            "p",
            model,
            0,
            "case " + caseId,
            repeat,
            vars,
            List.of(),
            status,
            status == Status.ERROR ? null : "out",
            verdicts,
            100 + repeat,
            10,
            5,
            null,
            "stop",
            status == Status.ERROR ? "HTTP 500" : null,
            1,
            status == Status.ERROR ? null : Source.LIVE,
            null,
            null));
    return this;
  }

  /**
   * {@code cases} cases run {@code repeats} times each by two models: both pass the first {@code
   * bothPass}; then {@code aOnly} cases pass only for model a, {@code bOnly} only for b.
   */
  public static Trials paired(
      String a, String b, int cases, int repeats, int bothPass, int aOnly, int bOnly) {
    Trials t = create();
    for (int i = 0; i < cases; i++) {
      boolean aPass = i < bothPass || (i >= bothPass && i < bothPass + aOnly);
      boolean bPass = i < bothPass || (i >= bothPass + aOnly && i < bothPass + aOnly + bOnly);
      t.add(a, "c" + i, aPass ? repeats : 0, repeats);
      t.add(b, "c" + i, bPass ? repeats : 0, repeats);
    }
    return t;
  }

  public List<TrialResult> list() {
    return List.copyOf(trials);
  }

  public RunResult run(String runId) {
    return new RunResult(
        runId,
        "0.1.0",
        Instant.parse("2026-11-21T10:00:00Z"),
        Instant.parse("2026-11-21T10:01:00Z"),
        List.of("run"),
        trials.stream().map(TrialResult::model).distinct().toList(),
        null,
        List.of(new RunResult.SuiteInfo("prompts/p.prompt.yml", "p", "", Map.of())),
        List.copyOf(trials),
        null,
        List.of(),
        List.of(),
        null);
  }
}
