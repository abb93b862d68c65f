package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.report.SampleRuns;
import java.time.Instant;
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
        incomplete);
  }

  @Test
  void shardsJoinInInputOrderSpanningEveryShardsTime() {
    TrialResult a = SampleRuns.trial("c1", "openai:a", Status.PASS, "x", null, 1);
    TrialResult b = SampleRuns.trial("c2", "openai:b", Status.FAIL, "y", null, 1);
    TrialResult c = SampleRuns.trial("c3", "openai:a", Status.PASS, "z", null, 1);
    RunResult first = shard("s1", "2026-01-01T10:05:00Z", "2026-01-01T10:06:00Z", null, a, b);
    RunResult second =
        shard("s2", "2026-01-01T10:00:00Z", "2026-01-01T10:09:00Z", "openai:a unreachable", c);

    Merge.Outcome m =
        Merge.of(List.of(first, second), "all", List.of("merge", "s1", "s2"), Instant.EPOCH);

    assertThat(m.warnings()).isEmpty();
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
  void aTrialInTwoShardsIsKeptOnceAndSaidSo() {
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
    assertThat(m.run().trials()).containsExactly(a);
    assertThat(m.warnings())
        .containsExactly(
            "trial " + a.trialId() + " appears in more than one input; the first is kept");
  }
}
