import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.report.JsonReport;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * bench/history-scale.sh's generator: N synthetic nights made from one real run's results.json (a
 * run of promptcheck against the loopback stub), each written by promptcheck's own JsonReport, so
 * the history reads exactly the format a nightly job leaves. Per file × case a fixed character,
 * chosen by a hash: most cases always pass, some always fail, some are flaky (a coin each night),
 * some flip once for good. Two changes a nightly job exists to notice: from night 300 the last
 * model fails a fifth of its passing cases and the provider reports another version; on night 200
 * the second prompt file is edited (new content hash) and a tenth of its cases change verdict.
 *
 * <pre>java -cp target/promptcheck.jar:target/bench-history HistoryScale TEMPLATE.json OUT NIGHTS</pre>
 */
public final class HistoryScale {
  static final int DRIFT_NIGHT = 300;
  static final int EDIT_NIGHT = 200;

  public static void main(String[] args) throws Exception {
    RunResult template = JsonReport.read(Path.of(args[0]));
    Path out = Path.of(args[1]);
    int nights = Integer.parseInt(args[2]);
    List<String> models = template.trials().stream().map(TrialResult::model).distinct().toList();
    List<String> files = template.suites().stream().map(RunResult.SuiteInfo::file).toList();
    String drifting = models.get(models.size() - 1);
    String edited = files.get(Math.min(1, files.size() - 1));
    Instant first = Instant.parse("2026-01-01T02:00:00Z");
    AtomicInteger done = new AtomicInteger();
    IntStream.rangeClosed(1, nights)
        .parallel()
        .forEach(
            n -> {
              try {
                List<TrialResult> trials = new ArrayList<>(template.trials().size());
                for (TrialResult t : template.trials()) {
                  trials.add(night(t, n, drifting, edited));
                }
                List<RunResult.SuiteInfo> suites = new ArrayList<>();
                for (RunResult.SuiteInfo s : template.suites()) {
                  boolean editedHere = s.file().equals(edited) && n >= EDIT_NIGHT;
                  Map<String, String> caseHashes = new LinkedHashMap<>();
                  s.caseHashes().forEach((k, v) -> caseHashes.put(k, editedHere ? "e" + v : v));
                  suites.add(
                      new RunResult.SuiteInfo(
                          s.file(),
                          s.name(),
                          s.description(),
                          s.metadata(),
                          editedHere ? "edited-" + s.contentHash() : s.contentHash(),
                          caseHashes));
                }
                Instant start = first.plus(Duration.ofDays(n - 1));
                String id = String.format("night-%03d", n);
                RunResult run =
                    new RunResult(
                        id,
                        template.toolVersion(),
                        start,
                        start.plus(Duration.ofMinutes(7)),
                        template.commandLine(),
                        template.models(),
                        template.judge(),
                        suites,
                        trials,
                        null,
                        List.of(),
                        List.of(),
                        template.plan(),
                        new RunResult.Provenance(
                            String.format("%040x", (long) n * 2654435761L), "main"),
                        Map.of());
                Path dir = Files.createDirectories(out.resolve(id));
                Path written =
                    new JsonReport().write(RunSummary.of(run), Comparison.NONE, dir);
                Files.setLastModifiedTime(written, FileTime.from(run.finishedAt()));
                int k = done.incrementAndGet();
                if (k % 50 == 0) {
                  System.err.println("generated " + k + "/" + nights);
                }
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
  }

  /** 0..99, stable for its parts. */
  static int bucket(Object... parts) {
    int h = java.util.Arrays.deepHashCode(parts);
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return Math.floorMod(h, 100);
  }

  static TrialResult night(TrialResult t, int n, String drifting, String edited) {
    int kind = bucket(t.file(), t.caseId());
    boolean pass;
    if (kind < 85) {
      pass = true; // always passes
    } else if (kind < 93) {
      pass = false; // always fails
    } else if (kind < 96) {
      pass = bucket(t.caseId(), t.model(), n) < 60; // flaky
    } else {
      pass = n < 1 + bucket(t.caseId(), "turn") * 365 / 100; // passes until its night, then fails
    }
    if (t.model().equals(drifting) && n >= DRIFT_NIGHT && bucket(t.caseId(), "drift") < 20) {
      pass = false;
    }
    if (t.file().equals(edited) && n >= EDIT_NIGHT && bucket(t.caseId(), "edit") < 10) {
      pass = !pass;
    }
    Status status = pass ? Status.PASS : Status.FAIL;
    List<Verdict> verdicts = new ArrayList<>();
    boolean first = true;
    for (Verdict v : t.verdicts()) {
      verdicts.add(
          pass || !first
              ? v
              : Verdict.restore(Status.FAIL, v.name(), v.kind(), 0, "the output did not match"));
      first = false;
    }
    String output = pass ? t.output() : t.output() + "\n(night " + n + ": the answer went astray)";
    ModelVersion version =
        t.model().equals(drifting) && n >= DRIFT_NIGHT
            ? ModelVersion.of(t.modelVersion() == null ? "v" : t.modelVersion().name() + "-2026-10", null)
            : t.modelVersion();
    return new TrialResult(
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
        status,
        output,
        verdicts,
        t.latencyMs() + bucket(t.caseId(), n) * 5L,
        t.inputTokens(),
        t.outputTokens(),
        t.cost(),
        t.finishReason(),
        t.error(),
        t.attempts(),
        t.source(),
        t.endpoint(),
        t.testCase(),
        version);
  }
}
