package dev.promptcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.result.CaseOutcome;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.PassRate;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunResult;
import java.util.List;

/**
 * Paired comparisons as JSON, one shape wherever they appear: the {@code comparisons} list of
 * {@code results.json} (every pair of models in the run), its {@code baseline} object, and what
 * {@code compare A B --json} prints.
 */
public final class ComparisonJson {
  private ComparisonJson() {}

  /**
   * One head-to-head: counts, test, p-value and its correction for the family ({@code pAdjusted},
   * {@code pAdjust}, {@code family}), the difference {@code b - a} in pass rate with its 95% paired
   * interval (fractions, 0..1), the verdict at alpha and the sentence.
   */
  public static ObjectNode headToHead(HeadToHead h) {
    ObjectNode n = ResultCodec.JSON.createObjectNode();
    n.put("a", h.a())
        .put("b", h.b())
        .put("cases", h.cases())
        .put("aBetter", h.aBetter())
        .put("bBetter", h.bBetter())
        .put("ties", h.ties())
        .put("test", h.test())
        .put("pValue", h.pValue())
        .put("pAdjusted", h.pAdjusted())
        .put("pAdjust", h.adjustment().id())
        .put("family", h.family())
        .put("clusters", h.clusters());
    n.putObject("difference")
        .put("estimate", h.difference().estimate())
        .put("low", h.difference().low())
        .put("high", h.difference().high());
    n.put("alpha", h.alpha()).put("significant", h.significant()).put("better", h.better());
    if (h.casesNeeded() == null) {
      n.putNull("casesNeeded");
    } else {
      n.put("casesNeeded", h.casesNeeded());
    }
    n.put("note", h.note()).put("sentence", h.sentence());
    return n;
  }

  /** The head-to-heads of every pair of models in {@code run}. */
  public static ArrayNode withinRun(RunResult run, double alpha) {
    return withinRun(HeadToHead.pairs(run, alpha));
  }

  /** These head-to-heads, in their order. */
  public static ArrayNode withinRun(List<HeadToHead> pairs) {
    ArrayNode out = ResultCodec.JSON.createArrayNode();
    pairs.forEach(h -> out.add(headToHead(h)));
    return out;
  }

  /**
   * A run against its baseline: the paired models with their pass rates over cases (absent on one
   * side where so), their head-to-heads as a {@code comparisons} list, and the changed cases.
   */
  public static ObjectNode baseline(Comparison c, String currentRunId) {
    ObjectNode n = ResultCodec.JSON.createObjectNode();
    n.put("baseline", c.baselineRunId())
        .put("current", currentRunId)
        .put("alpha", c.alpha())
        .put("pAdjust", c.adjust().id());
    ArrayNode models = n.putArray("models");
    ArrayNode comparisons = n.putArray("comparisons");
    for (Comparison.ModelPair p : c.models()) {
      ObjectNode m = models.addObject();
      m.put("before", p.before()).put("after", p.after());
      m.set("beforeRate", rate(p.beforeRate()));
      m.set("afterRate", rate(p.afterRate()));
      m.put("absent", p.before() == null ? "baseline" : p.after() == null ? "current" : null);
      m.put("note", p.note());
      if (p.headToHead() != null) {
        comparisons.add(headToHead(p.headToHead()));
      }
    }
    n.set("regressions", changes(c.regressions()));
    n.set("fixes", changes(c.fixes()));
    n.set("flaky", changes(c.flaky()));
    n.set("added", changes(c.added()));
    n.set("removed", changes(c.removed()));
    return n;
  }

  private static ObjectNode rate(PassRate r) {
    if (r == null) {
      return null;
    }
    ObjectNode n = ResultCodec.JSON.createObjectNode();
    return n.put("cases", r.cases())
        .put("trials", r.trials())
        .put("passRate", r.rate())
        .put("low", r.low())
        .put("high", r.high());
  }

  private static ArrayNode changes(List<Comparison.Change> changes) {
    ArrayNode out = ResultCodec.JSON.createArrayNode();
    for (Comparison.Change ch : changes) {
      out.addObject()
          .put("caseId", ch.caseId())
          .put("file", ch.file())
          .put("model", ch.model())
          .put("caseLabel", ch.caseLabel())
          .put("before", outcome(ch.before()))
          .put("after", outcome(ch.after()))
          .put("reason", ch.reason());
    }
    return out;
  }

  private static String outcome(CaseOutcome o) {
    return o == null ? null : o.describe();
  }
}
