package dev.promptcheck.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code history.json}: the trend page's numbers, for scripts (docs/history.md). */
final class HistoryJson {
  static final String FILE = "history.json";

  private HistoryJson() {}

  static Path write(
      History h, List<Series> series, List<Trends> trends, List<Drift> drifts, Path dir)
      throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schemaVersion", HistoryIndex.SCHEMA_VERSION);
    ArrayNode runs = root.putArray("runs");
    for (History.Run r : h.runs()) {
      runs.addObject()
          .put("runId", r.runId())
          .put("startedAt", r.startedAt().toString())
          .put("commit", r.commit())
          .put("branch", r.branch())
          .put("toolVersion", r.toolVersion())
          .put("incomplete", r.incomplete());
    }
    ArrayNode suites = root.putArray("suites");
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      ObjectNode suite = suites.addObject().put("file", s.file()).put("model", s.model());
      ArrayNode points = suite.putArray("runs");
      for (Series.Point p : s.points()) {
        ObjectNode o =
            points
                .addObject()
                .put("runId", h.runs().get(p.run()).runId())
                .put("cases", p.cases())
                .put("passRate", p.passRate())
                .put("passRateLow", p.low())
                .put("passRateHigh", p.high())
                .put("inputTokens", p.inputTokens())
                .put("outputTokens", p.outputTokens())
                .put("p50LatencyMs", p.p50LatencyMs())
                .put("p95LatencyMs", p.p95LatencyMs())
                .put("contentHash", p.contentHash())
                .put("modelVersion", p.modelVersion());
        if (p.cost() == null) {
          o.putNull("cost");
        } else {
          o.put("cost", p.cost());
        }
      }
      ArrayNode cases = suite.putArray("changedCases");
      for (Trends.CaseTrend c : trends.get(i).cases()) {
        ObjectNode o =
            cases
                .addObject()
                .put("caseId", c.caseId())
                .put("label", c.label())
                .put("flaky", c.flaky())
                .put("failingLately", c.failing());
        ArrayNode flips = o.putArray("flips");
        for (int p : c.flips()) {
          flips
              .addObject()
              .put("runId", h.runs().get(s.points().get(p).run()).runId())
              .put("to", s.verdict(p, c.index()) == Series.Verdict.PASS ? "pass" : "fail");
        }
      }
    }
    ArrayNode out = root.putArray("drifts");
    for (Drift d : drifts) {
      ObjectNode o =
          out.addObject()
              .put("file", d.file())
              .put("model", d.model())
              .put("run", d.run())
              .put("since", d.since())
              .put("direction", d.direction())
              .put("cases", d.cases())
              .put("worse", d.worse())
              .put("better", d.better())
              .put("before", d.before())
              .put("after", d.after());
      o.putObject("difference")
          .put("estimate", d.difference().estimate())
          .put("low", d.difference().low())
          .put("high", d.difference().high());
      o.put("p", d.p())
          .put("cause", d.cause())
          .put("modelVersionBefore", d.modelVersionBefore())
          .put("modelVersionAfter", d.modelVersionAfter());
    }
    return AtomicFiles.write(dir.resolve(FILE), Json.pretty().writeValueAsString(root));
  }
}
