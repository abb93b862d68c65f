package dev.promptcheck.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.report.SampleRuns;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's streaming reader keeps of a results.json exactly what {@link JsonReport#read} reads
 * for those fields: a file written by promptcheck itself, every status, a model version, an error,
 * a hostile output; and it refuses what JsonReport refuses, with a location.
 */
class ResultsReaderTest {
  @TempDir Path dir;

  @Test
  void keepsWhatTheTreeReaderReadsOfTheFieldsTheHistoryUses() throws Exception {
    RunResult sample = SampleRuns.mixed();
    List<TrialResult> trials = new ArrayList<>();
    for (TrialResult t : sample.trials()) {
      trials.add(
          new TrialResult(
              t.trialId(),
              t.caseId(),
              t.file(),
              t.prompt(),
              t.model(),
              t.caseIndex(),
              t.caseLabel(),
              t.repeat(),
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
              t.testCase(),
              t.model().endsWith("b") ? ModelVersion.of("b-2026-01", "fp_1") : null));
    }
    RunResult run =
        new RunResult(
            "night-07",
            "0.1.0",
            sample.startedAt(),
            sample.finishedAt(),
            sample.commandLine(),
            sample.models(),
            null,
            List.of(
                new RunResult.SuiteInfo(
                    "prompts/demo.prompt.yml",
                    "demo",
                    "",
                    Map.of(),
                    "h-file",
                    Map.of("c1", "h1", "c2", "h2"))),
            trials,
            "provider unreachable",
            List.of(),
            List.of(),
            null,
            new RunResult.Provenance("abc123", "main"),
            Map.of());
    Path file = new JsonReport().write(RunSummary.of(run), Comparison.NONE, dir);

    RunResult tree = JsonReport.read(file);
    RunResult streamed = ResultsReader.read(file);

    assertThat(streamed.runId()).isEqualTo(tree.runId()).isEqualTo("night-07");
    assertThat(streamed.toolVersion()).isEqualTo(tree.toolVersion());
    assertThat(streamed.startedAt()).isEqualTo(tree.startedAt());
    assertThat(streamed.finishedAt()).isEqualTo(tree.finishedAt());
    assertThat(streamed.incomplete()).isEqualTo(tree.incomplete());
    assertThat(streamed.provenance()).isEqualTo(tree.provenance());
    assertThat(streamed.suites()).hasSameSizeAs(tree.suites());
    for (int i = 0; i < tree.suites().size(); i++) {
      assertThat(streamed.suites().get(i).file()).isEqualTo(tree.suites().get(i).file());
      assertThat(streamed.suites().get(i).contentHash())
          .isEqualTo(tree.suites().get(i).contentHash());
      assertThat(streamed.suites().get(i).caseHashes())
          .isEqualTo(tree.suites().get(i).caseHashes());
    }
    assertThat(streamed.trials()).hasSameSizeAs(tree.trials());
    for (int i = 0; i < tree.trials().size(); i++) {
      TrialResult a = tree.trials().get(i);
      TrialResult b = streamed.trials().get(i);
      assertThat(kept(b)).isEqualTo(kept(a));
      // the output only where the trial did not pass: the index keeps no other
      assertThat(b.output()).isEqualTo(a.status() == Status.PASS ? null : a.output());
    }
  }

  private static List<Object> kept(TrialResult t) {
    return Arrays.asList(
        t.trialId(),
        t.caseId(),
        t.file(),
        t.prompt(),
        t.model(),
        t.caseIndex(),
        t.caseLabel(),
        t.repeat(),
        t.status(),
        t.latencyMs(),
        t.inputTokens(),
        t.outputTokens(),
        t.cost(),
        t.finishReason(),
        t.error(),
        t.attempts(),
        t.source(),
        t.endpoint(),
        t.modelVersion());
  }

  @Test
  void refusesWhatIsNotAResultsFileAndLocatesBrokenJson() throws Exception {
    Path torn =
        Files.writeString(dir.resolve("torn.json"), "{\"runId\": \"x\",\n \"testResults\": [ {");
    assertThatThrownBy(() -> ResultsReader.read(torn))
        .isInstanceOf(JsonProcessingException.class)
        .satisfies(
            e -> assertThat(((JsonProcessingException) e).getLocation().getLineNr()).isEqualTo(2));
    Path foreign = Files.writeString(dir.resolve("foreign.json"), "{\"some\": [\"other tool\"]}");
    assertThatThrownBy(() -> ResultsReader.read(foreign))
        .hasMessageContaining("is not a promptcheck results.json (no testResults)");
    Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
    assertThatThrownBy(() -> ResultsReader.read(array))
        .hasMessageContaining("is not a promptcheck results.json");
  }
}
