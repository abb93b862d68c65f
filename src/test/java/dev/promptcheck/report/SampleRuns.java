package dev.promptcheck.report;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runs built in memory, with every status and hostile output, for the report tests. */
public final class SampleRuns {
  public static final String HOSTILE =
      "<script>window.__x=1</script><img src=x onerror=\"window.__y=1\">";

  private SampleRuns() {}

  public static TrialResult trial(
      String caseId, String model, Status status, String output, String error, int latency) {
    List<Verdict> verdicts =
        switch (status) {
          case PASS ->
              List.of(new Verdict.Pass("has answer", "string", 1, "output contains 'answer'"));
          case FAIL ->
              List.of(
                  new Verdict.Pass("has answer", "string", 1, "output contains 'answer'"),
                  new Verdict.Fail(
                      "sections", "headers", 0.5, "missing 'Summary'; found: ## Answer"),
                  new Verdict.Fail(
                      "no apology",
                      "string",
                      0,
                      "output fails notContains 'sorry' & <b>\"quotes\"</b>"));
          case ERROR -> List.of();
          case SKIPPED ->
              List.of(new Verdict.Skipped("judge", "rule", "no judge model configured"));
        };
    return new TrialResult(
        caseId + ":" + model + ":0",
        caseId,
        "prompts/demo.prompt.yml",
        "demo",
        model,
        0,
        "case " + caseId,
        0,
        Map.of("input", "question " + caseId),
        List.of(
            new RenderedMessage(Role.SYSTEM, "Be brief <b>now</b>."),
            new RenderedMessage(Role.USER, "question " + caseId)),
        status,
        output,
        verdicts,
        latency,
        12,
        8,
        0.0001,
        "stop",
        error,
        1,
        error == null ? Source.LIVE : null,
        "http://127.0.0.1:9/v1",
        null);
  }

  public static RunResult of(List<TrialResult> trials) {
    List<String> models = trials.stream().map(TrialResult::model).distinct().toList();
    return new RunResult(
        "test-run",
        "0.1.0",
        Instant.parse("2026-11-21T10:00:00Z"),
        Instant.parse("2026-11-21T10:01:00Z"),
        List.of("run", "prompts"),
        models,
        null,
        List.of(new RunResult.SuiteInfo("prompts/demo.prompt.yml", "demo", "", Map.of())),
        trials,
        null,
        List.of(),
        List.of(),
        null);
  }

  /** Two models, every status, one hostile output. */
  public static RunResult mixed() {
    List<TrialResult> t = new ArrayList<>();
    t.add(trial("c1", "openai:a", Status.PASS, "## Answer\nthe answer", null, 120));
    t.add(trial("c1", "openai:b", Status.FAIL, HOSTILE, null, 340));
    t.add(
        trial(
            "c2", "openai:a", Status.ERROR, null, "rate limited: HTTP 429 (after 4 attempts)", 0));
    t.add(trial("c2", "openai:b", Status.SKIPPED, "fine \u0001 control", null, 90));
    t.add(trial("c3", "openai:a", Status.FAIL, "sorry, no answer", null, 200));
    return of(t);
  }

  /** {@code n} trials over {@code models} models, a fifth of them failing. */
  public static RunResult large(int n, int models) {
    List<TrialResult> t = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String model = "openai:model-" + (i % models);
      Status s = i % 5 == 0 ? Status.FAIL : Status.PASS;
      t.add(
          trial(
              "case" + (i / models),
              model,
              s,
              "## Answer\nanswer number " + i + "\n" + "lorem ipsum ".repeat(20),
              null,
              100 + i % 50));
    }
    return of(t);
  }

  /** {@code t} as repeat {@code repeat} of its case (its trial id says so too). */
  public static TrialResult asRepeat(TrialResult t, int repeat) {
    return new TrialResult(
        t.caseId() + ":" + t.model() + ":" + repeat,
        t.caseId(),
        t.file(),
        t.prompt(),
        t.model(),
        t.caseIndex(),
        t.caseLabel(),
        repeat,
        t.vars(),
        t.messages(),
        t.status(),
        t.output(),
        t.verdicts(),
        t.latencyMs(),
        t.inputTokens(),
        t.outputTokens(),
        t.cost(),
        t.finishReason(),
        t.error(),
        t.attempts(),
        t.source(),
        t.endpoint(),
        null);
  }

  private static final String[] WORDS = {
    "the", "answer", "model", "prompt", "summary", "because", "cost", "latency", "token",
    "result", "therefore", "however", "case", "check", "value", "output", "first", "second"
  };

  /**
   * {@code cases} cases, each run {@code repeats} times by every model: about one case in seven
   * flaky for every model but the first, one in eleven failing for the last model, the rest
   * passing; outputs of a few hundred characters of varied words.
   */
  public static RunResult repeated(int cases, List<String> models, int repeats) {
    List<TrialResult> t = new ArrayList<>(cases * models.size() * repeats);
    Random random = new Random(42);
    for (int c = 0; c < cases; c++) {
      for (int m = 0; m < models.size(); m++) {
        for (int r = 0; r < repeats; r++) {
          boolean last = m == models.size() - 1;
          Status s =
              last && c % 11 == 0
                  ? Status.FAIL
                  : m > 0 && c % 7 == 0 && r % 2 == 1 ? Status.FAIL : Status.PASS;
          StringBuilder out = new StringBuilder("## Answer\n");
          int words = 40 + random.nextInt(60);
          for (int w = 0; w < words; w++) {
            out.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? '\n' : ' ');
          }
          t.add(
              asRepeat(
                  trial(
                      "case" + c, models.get(m), s, out.toString(), null, 80 + random.nextInt(900)),
                  r));
        }
      }
    }
    return of(t);
  }
}
