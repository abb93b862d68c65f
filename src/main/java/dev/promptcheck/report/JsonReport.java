package dev.promptcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code results.json}: the whole run, with the field names {@code gh models eval --json} users
 * know ({@code testResults}, {@code modelResponse}, {@code evaluationResults}, {@code summary})
 * plus promptcheck's. {@link #read} turns it back into a {@link RunResult} for {@code report},
 * {@code compare} and baselines.
 */
public final class JsonReport implements ReportWriter {
  public static final String FILE = "results.json";
  private static final String TRIALS = "testResults";
  private static final String PLAN = "plan";
  private static final String LIMITS = "limits";
  private static final String GIT = "git";

  @Override
  public String format() {
    return "json";
  }

  @Override
  public Path write(RunSummary summary, Comparison comparison, Path dir) throws IOException {
    RunResult run = summary.run();
    ObjectNode root = ResultCodec.JSON.createObjectNode();
    root.put("runId", run.runId());
    root.putObject("tool").put("name", "promptcheck").put("version", run.toolVersion());
    root.put("startedAt", run.startedAt().toString());
    root.put("finishedAt", run.finishedAt().toString());
    putGhHeader(root, run);
    ArrayNode cmd = root.putArray("commandLine");
    run.commandLine().forEach(cmd::add);
    ArrayNode models = root.putArray("models");
    run.models().forEach(models::add);
    root.put("judge", run.judge());
    root.putObject(GIT)
        .put("commit", run.provenance().commit())
        .put("branch", run.provenance().branch());
    root.put("incomplete", run.incomplete());
    putPlan(root, run.plan());
    putLimits(root, run.limits());
    root.set("summary", summary(summary));
    root.put("alpha", comparison.alpha());
    root.put("pAdjust", comparison.adjust().id());
    root.set("comparisons", ComparisonJson.withinRun(summary.pairs(comparison)));
    if (comparison.present()) {
      root.set("baseline", ComparisonJson.baseline(comparison, run.runId()));
    }
    ArrayNode suites = root.putArray("suites");
    for (RunResult.SuiteInfo s : run.suites()) {
      ObjectNode suite =
          suites
              .addObject()
              .put("file", s.file())
              .put("name", s.name())
              .put("description", s.description());
      suite.put("model", ghModel(modelsOf(run, s.file())));
      suite.set("metadata", ResultCodec.JSON.valueToTree(s.metadata()));
      suite.put("contentHash", s.contentHash());
      suite.set("caseHashes", ResultCodec.JSON.valueToTree(s.caseHashes()));
    }
    ArrayNode refused = root.putArray("refused");
    for (RunResult.RefusedFile r : run.refused()) {
      ArrayNode errors = refused.addObject().put("file", r.file()).putArray("errors");
      r.errors().forEach(errors::add);
    }
    ArrayNode notRun = root.putArray("notRun");
    for (RunResult.NotRunFile n : run.notRun()) {
      notRun.addObject().put("file", n.file()).put("reason", n.reason());
    }
    root.putArray(TRIALS); // streamed in place by write(): one trial in memory at a time
    return AtomicFiles.write(
        dir.resolve(FILE), summary.secrets(), out -> stream(root, run.trials(), out));
  }

  /**
   * {@code root} pretty-printed as {@code ObjectMapper} would, with the trials written one by one
   * where {@code root} holds the empty {@code testResults} array.
   */
  private static void stream(ObjectNode root, List<TrialResult> trials, Writer out)
      throws IOException {
    // no flush after each value: each would be a write(2)
    ObjectWriter json =
        ResultCodec.JSON
            .writer()
            .with(SerializationFeature.INDENT_OUTPUT)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    try (JsonGenerator g =
        json.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        g.writeFieldName(field.getKey());
        if (field.getKey().equals(TRIALS)) {
          g.writeStartArray();
          for (TrialResult t : trials) {
            ResultCodec.write(g, t);
          }
          g.writeEndArray();
        } else {
          json.writeValue(g, field.getValue());
        }
      }
      g.writeEndObject();
    }
  }

  /**
   * {@code plan}: the suite's fingerprint, this run's shard ({@code "K/N"}, null when not split)
   * and the trials of the whole unsharded plan; {@code merge} checks its inputs with them. Null
   * when unknown.
   */
  private static void putPlan(ObjectNode root, RunResult.Plan plan) {
    if (plan == null) {
      root.putNull(PLAN);
      return;
    }
    root.putObject(PLAN)
        .put("suiteFingerprint", plan.suiteFingerprint())
        .put("shard", plan.shardSpec())
        .put("plannedTrials", plan.plannedTrials());
  }

  /**
   * {@code limits}: per model called live, {@code refusedCalls} (429s from its provider, each
   * attempt counted) and {@code waitedMs} (wall time during which some call of it was held by a
   * limit); an empty object when nothing was called live.
   */
  private static void putLimits(ObjectNode root, Map<String, RunResult.Limits> limits) {
    ObjectNode out = root.putObject(LIMITS);
    limits.forEach(
        (model, l) ->
            out.putObject(model)
                .put("refusedCalls", l.refusedCalls())
                .put("waitedMs", l.waitedMs()));
  }

  private static Map<String, RunResult.Limits> limits(JsonNode root) {
    Map<String, RunResult.Limits> out = new LinkedHashMap<>();
    root.path(LIMITS)
        .fields()
        .forEachRemaining(
            e ->
                out.put(
                    e.getKey(),
                    new RunResult.Limits(
                        Math.max(0, e.getValue().path("refusedCalls").asInt()),
                        Math.max(0, e.getValue().path("waitedMs").asLong()))));
    return out;
  }

  /** The plan of a results.json; null when it has none (written before plans were) or a bad one. */
  private static RunResult.Plan plan(JsonNode root) {
    JsonNode p = root.path(PLAN);
    if (!p.isObject() || !p.path("suiteFingerprint").isTextual()) {
      return null;
    }
    try {
      return RunResult.Plan.of(
          p.get("suiteFingerprint").asText(),
          p.hasNonNull("shard") ? p.get("shard").asText() : null,
          p.path("plannedTrials").asInt());
    } catch (IllegalArgumentException e) {
      return null; // unknown, as in an older file: merge warns that it cannot check it
    }
  }

  /**
   * What {@code gh models eval --json} prints first (github/gh-models cmd/eval/eval.go:29-35):
   * {@code name}, {@code description} and {@code model} of the one prompt file run; with several
   * files they are per suite ({@code suites}), and empty here.
   */
  private static void putGhHeader(ObjectNode root, RunResult run) {
    boolean one = run.suites().size() == 1;
    RunResult.SuiteInfo only = one ? run.suites().get(0) : null;
    root.put("name", one ? only.name() : "");
    root.put("description", one ? only.description() : "");
    root.put("model", one ? ghModel(modelsOf(run, only.file())) : "");
  }

  private static List<String> modelsOf(RunResult run, String file) {
    return run.trials().stream()
        .filter(t -> t.file().equals(file))
        .map(TrialResult::model)
        .distinct()
        .toList();
  }

  /**
   * A model as gh names it: GitHub Models ids without promptcheck's {@code github:} (gh speaks only
   * to GitHub Models); other providers keep theirs; several models joined by ", ".
   */
  private static String ghModel(List<String> models) {
    return String.join(
        ", ", models.stream().map(m -> m.startsWith("github:") ? m.substring(7) : m).toList());
  }

  private static ObjectNode summary(RunSummary run) {
    Stats all = run.all();
    ObjectNode s = ResultCodec.JSON.createObjectNode();
    // gh's four figures first, computed as gh computes them (cmd/eval/eval.go:207-225): every
    // trial counts, failed is whatever did not pass, the rate is a percentage (100 with no tests)
    s.put("totalTests", all.total())
        .put("passedTests", all.passed())
        .put("failedTests", all.total() - all.passed())
        .put("passRate", all.total() == 0 ? 100.0 : 100.0 * all.passed() / all.total());
    ObjectNode cases = stats(all);
    cases.remove("passRate");
    cases.put("casePassRate", 100 * all.passRate());
    s.setAll(cases);
    ArrayNode flaky = s.putArray("flaky");
    run.flaky().forEach(f -> flaky.add(ResultCodec.JSON.valueToTree(f)));
    ObjectNode byModel = s.putObject("byModel");
    run.modelStats().forEach((model, stats) -> byModel.set(model, stats(stats)));
    return s;
  }

  private static ObjectNode stats(Stats st) {
    ObjectNode n = ResultCodec.JSON.createObjectNode();
    n.put("cases", st.cases())
        .put("total", st.total())
        .put("passed", st.passed())
        .put("failed", st.failed())
        .put("errors", st.errors())
        .put("skipped", st.skipped())
        .put("passRate", 100 * st.passRate())
        .put("passRateLow", 100 * st.low())
        .put("passRateHigh", 100 * st.high())
        .put("p50LatencyMs", st.p50LatencyMs())
        .put("p95LatencyMs", st.p95LatencyMs())
        .put("inputTokens", st.inputTokens())
        .put("outputTokens", st.outputTokens());
    if (st.cost() != null) {
      n.put("cost", st.cost());
    } else {
      n.putNull("cost");
    }
    return n;
  }

  /**
   * @throws IOException when the file cannot be read or is not a promptcheck results file
   */
  public static RunResult read(Path file) throws IOException {
    JsonNode root = ResultCodec.JSON.readTree(file.toFile());
    if (root == null || !root.has("testResults")) {
      throw new IOException(file + " is not a promptcheck results.json (no testResults)");
    }
    List<TrialResult> trials = new ArrayList<>();
    root.get("testResults").forEach(t -> trials.add(ResultCodec.fromJson(t)));
    List<String> commandLine = new ArrayList<>();
    root.path("commandLine").forEach(c -> commandLine.add(c.asText()));
    List<String> models = new ArrayList<>();
    root.path("models").forEach(c -> models.add(c.asText()));
    List<RunResult.SuiteInfo> suites = new ArrayList<>();
    for (JsonNode s : root.path("suites")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = ResultCodec.JSON.convertValue(s.path("metadata"), Map.class);
      Map<String, String> caseHashes = new TreeMap<>();
      s.path("caseHashes")
          .fields()
          .forEachRemaining(e -> caseHashes.put(e.getKey(), e.getValue().asText()));
      suites.add(
          new RunResult.SuiteInfo(
              s.path("file").asText(),
              s.path("name").asText(),
              s.path("description").asText(),
              meta == null ? Map.of() : meta,
              s.hasNonNull("contentHash") ? s.get("contentHash").asText() : null,
              caseHashes));
    }
    List<RunResult.RefusedFile> refused = new ArrayList<>();
    for (JsonNode r : root.path("refused")) {
      List<String> errors = new ArrayList<>();
      r.path("errors").forEach(e -> errors.add(e.asText()));
      refused.add(new RunResult.RefusedFile(r.path("file").asText(), errors));
    }
    return new RunResult(
        root.path("runId")
            .asText(file.getParent() == null ? "" : file.getParent().getFileName().toString()),
        root.path("tool").path("version").asText(""),
        instant(root, "startedAt"),
        instant(root, "finishedAt"),
        commandLine,
        models,
        root.hasNonNull("judge") ? root.get("judge").asText() : null,
        suites,
        trials,
        root.hasNonNull("incomplete") ? root.get("incomplete").asText() : null,
        refused,
        notRun(root),
        plan(root),
        new RunResult.Provenance(
            root.path(GIT).hasNonNull("commit") ? root.path(GIT).get("commit").asText() : null,
            root.path(GIT).hasNonNull("branch") ? root.path(GIT).get("branch").asText() : null),
        limits(root));
  }

  private static List<RunResult.NotRunFile> notRun(JsonNode root) {
    List<RunResult.NotRunFile> out = new ArrayList<>();
    for (JsonNode n : root.path("notRun")) {
      out.add(new RunResult.NotRunFile(n.path("file").asText(), n.path("reason").asText()));
    }
    return out;
  }

  private static Instant instant(JsonNode root, String key) {
    try {
      return Instant.parse(root.path(key).asText());
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
