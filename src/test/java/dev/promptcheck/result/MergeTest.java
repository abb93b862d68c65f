package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.report.SampleRuns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeTest {
  private static RunResult shard(
      String runId, String start, String end, String incomplete, TrialResult... trials) {
    RunResult r = SampleRuns.of(List.of(trials));
    return new RunResult(
        runId,
        r.toolVersion(),
        Instant.parse(start),
        Instant.parse(end),
        r.commandLine(),
        r.models(),
        null,
        r.suites(),
        r.trials(),
        incomplete,
        List.of(),
        List.of(),
        null);
  }

  @Test
  void shardsJoinInInputOrderSpanningEveryShardsTime() {
    TrialResult a = SampleRuns.trial("c1", "openai:a", Status.PASS, "x", null, 1);
    TrialResult b = SampleRuns.trial("c2", "openai:b", Status.FAIL, "y", null, 1);
    TrialResult c = SampleRuns.trial("c3", "openai:a", Status.PASS, "z", null, 1);
    RunResult first = shard("s1", "2026-01-01T10:05:00Z", "2026-01-01T10:06:00Z", null, a, b);
    RunResult second =
        shard("s2", "2026-01-01T10:00:00Z", "2026-01-01T10:09:00Z", "openai:a unreachable", c);

    Merge.Merged m =
        (Merge.Merged)
            Merge.of(List.of(first, second), "all", List.of("merge", "s1", "s2"), Instant.EPOCH);

    assertThat(m.warnings())
        .containsExactly(
            "warning: s1 does not say which suite and shard it ran (written by an older"
                + " promptcheck): it cannot be checked against the other inputs",
            "warning: s2 does not say which suite and shard it ran (written by an older"
                + " promptcheck): it cannot be checked against the other inputs");
    RunResult run = m.run();
    assertThat(run.runId()).isEqualTo("all");
    assertThat(run.trials()).containsExactly(a, b, c);
    assertThat(run.models()).containsExactly("openai:a", "openai:b");
    assertThat(run.suites()).hasSize(1);
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-01-01T10:09:00Z"));
    assertThat(run.incomplete()).isEqualTo("s2: openai:a unreachable");
    assertThat(run.commandLine()).containsExactly("merge", "s1", "s2");
  }

  @Test
  void aTrialInTwoInputsWithoutPlansIsRefusedNamingBothAndTheTrial() {
    TrialResult a = SampleRuns.trial("c1", "openai:a", Status.PASS, "first", null, 1);
    TrialResult again = SampleRuns.trial("c1", "openai:a", Status.FAIL, "second", null, 1);
    Merge.Outcome m =
        Merge.of(
            List.of(
                shard("s1", "2026-01-01T10:00:00Z", "2026-01-01T10:01:00Z", null, a),
                shard("s2", "2026-01-01T10:00:00Z", "2026-01-01T10:01:00Z", null, again)),
            "all",
            List.of(),
            Instant.EPOCH);
    assertThat(m)
        .isEqualTo(
            new Merge.Refused(
                "overlapping shards: trial " + a.trialId() + " is in both s1 and s2",
                "split the suite with --shard K/N, each K once"));
  }

  // --- inputs that carry their plan: the suite's fingerprint and their shard ---

  private static final String SUITE = "7da0c1e2f3a4b5c6" + "0".repeat(48);
  private static final String OTHER = "fe2c9b8a7d6e5f40" + "1".repeat(48);

  /** Shard {@code k}/3 of a 6-case suite (2 models, 12 trials): cases k and k+3. */
  private static Merge.Input part(String suite, int k, int n) {
    Trials t = Trials.create();
    for (int c = k; c <= 6; c += n) {
      t.add("openai:a", "c" + c, 1, 1).add("openai:b", "c" + c, 1, 1);
    }
    RunResult r = t.run("shard-" + k);
    return new Merge.Input(
        "shard-" + k + "/results.json", Trials.withPlan(r, new RunResult.Plan(suite, k, n, 12)));
  }

  private static Merge.Outcome merge(Merge.Input... inputs) {
    return Merge.merge(List.of(inputs), "merged", List.of("merge"), Instant.EPOCH);
  }

  @Test
  void everyShardOfOneSuiteMergesIntoTheWholeSuite() {
    Merge.Outcome m = merge(part(SUITE, 1, 3), part(SUITE, 2, 3), part(SUITE, 3, 3));

    assertThat(m).isInstanceOf(Merge.Merged.class);
    RunResult run = ((Merge.Merged) m).run();
    assertThat(((Merge.Merged) m).warnings()).isEmpty();
    assertThat(run.trials()).hasSize(12);
    assertThat(run.incomplete()).isNull();
    assertThat(run.plan()).isEqualTo(new RunResult.Plan(SUITE, 1, 1, 12));
    assertThat(new ExitPolicy(ExitPolicy.FailOn.FAILURES, null).exitCode(run, Comparison.NONE))
        .isEqualTo(ExitCode.PASSED);
  }

  @Test
  void shardsOfDifferentSuitesAreRefusedNamingBothFingerprints() {
    Merge.Outcome m = merge(part(SUITE, 1, 3), part(OTHER, 2, 3));

    assertThat(m)
        .isEqualTo(
            new Merge.Refused(
                "mixed suites: shard-1/results.json ran suite 7da0c1e2f3a4\u2026;"
                    + " shard-2/results.json ran suite fe2c9b8a7d6e\u2026",
                "merge only the shards of one run of one suite (the same files, models, --filter"
                    + " and --repeat)"));
  }

  @Test
  void theSameShardTwiceIsRefusedNamingBothInputsAndATrial() {
    Merge.Input one = part(SUITE, 1, 3);
    Merge.Outcome m =
        merge(one, part(SUITE, 2, 3), new Merge.Input("again/results.json", one.run()));

    assertThat(m)
        .isEqualTo(
            new Merge.Refused(
                "overlapping shards: shard-1/results.json and again/results.json both ran shard"
                    + " 1/3 (trial c1:openai:a:0 is in both)",
                "split the suite with --shard K/N, each K once"));
  }

  @Test
  void aTrialInTwoShardsIsRefusedEvenWhenTheirSpecsDiffer() {
    Merge.Input one = part(SUITE, 1, 3);
    Merge.Input two = part(SUITE, 2, 3);
    RunResult stolen = two.run();
    List<TrialResult> trials = new ArrayList<>(stolen.trials());
    trials.add(one.run().trials().get(0));
    Merge.Input bad =
        new Merge.Input(
            two.name(),
            new RunResult(
                stolen.runId(),
                stolen.toolVersion(),
                stolen.startedAt(),
                stolen.finishedAt(),
                stolen.commandLine(),
                stolen.models(),
                stolen.judge(),
                stolen.suites(),
                trials,
                null,
                List.of(),
                List.of(),
                stolen.plan()));

    assertThat(merge(one, bad))
        .isEqualTo(
            new Merge.Refused(
                "overlapping shards: trial c1:openai:a:0 is in both shard-1/results.json and"
                    + " shard-2/results.json",
                "split the suite with --shard K/N, each K once"));
  }

  @Test
  void shardsOfDifferentSplitsAreRefused() {
    Merge.Outcome m = merge(part(SUITE, 1, 3), part(SUITE, 2, 4));

    assertThat(m)
        .isEqualTo(
            new Merge.Refused(
                "shards of different splits: shard-1/results.json ran shard 1/3;"
                    + " shard-2/results.json ran shard 2/4",
                "split the suite with --shard K/N, each K once, the same N for every job"));
  }

  @Test
  void aMissingShardMakesTheMergedRunIncompleteExitThree() {
    Merge.Outcome m = merge(part(SUITE, 1, 3), part(SUITE, 3, 3));

    RunResult run = ((Merge.Merged) m).run();
    assertThat(run.trials()).hasSize(8);
    assertThat(run.incomplete())
        .isEqualTo("missing shard 2/3: the merged run has 2 of 3 shards (8 of 12 trials)");
    assertThat(new ExitPolicy(ExitPolicy.FailOn.FAILURES, null).exitCode(run, Comparison.NONE))
        .isEqualTo(ExitCode.INCOMPLETE);
    assertThat(((Merge.Merged) merge(part(SUITE, 2, 3))).run().incomplete())
        .isEqualTo("missing shards 1/3, 3/3: the merged run has 1 of 3 shards (4 of 12 trials)");
  }

  @Test
  void anInputWithoutAPlanIsMergedWithAWarningAndTheOthersAreStillChecked() {
    Merge.Input one = part(SUITE, 1, 3);
    Merge.Input two = part(SUITE, 2, 3);
    RunResult old = part(SUITE, 3, 3).run();
    Merge.Input three =
        new Merge.Input(
            "old/results.json",
            new RunResult(
                old.runId(),
                old.toolVersion(),
                old.startedAt(),
                old.finishedAt(),
                old.commandLine(),
                old.models(),
                old.judge(),
                old.suites(),
                old.trials(),
                null,
                List.of(),
                List.of(),
                null));

    Merge.Merged m = (Merge.Merged) merge(one, two, three);
    assertThat(m.warnings())
        .containsExactly(
            "warning: old/results.json does not say which suite and shard it ran (written by an"
                + " older promptcheck): it cannot be checked against the other inputs");
    assertThat(m.run().trials()).hasSize(12);
    assertThat(m.run().incomplete()).isNull();
    assertThat(m.run().plan()).isNull();
    assertThat(merge(part(OTHER, 1, 3), two, three)).isInstanceOf(Merge.Refused.class);
  }
}
