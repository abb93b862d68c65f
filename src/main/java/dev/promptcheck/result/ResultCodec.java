package dev.promptcheck.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import dev.promptcheck.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trial results to and from JSON, in one place: the journal's lines and {@code results.json}'s
 * trials share this shape, so a resumed or re-rendered run reads exactly what was written.
 */
public final class ResultCodec {
  public static final ObjectMapper JSON = Json.MAPPER;

  private ResultCodec() {}

  public static ObjectNode toJson(TrialResult t) {
    ObjectNode n = JSON.createObjectNode();
    n.put("trialId", t.trialId());
    n.put("caseId", t.caseId());
    n.put("file", t.file());
    n.put("prompt", t.prompt());
    n.put("model", t.model());
    n.put("caseIndex", t.caseIndex());
    n.put("caseLabel", t.caseLabel());
    n.put("repeat", t.repeat());
    n.put("status", t.status().id());
    // the case's values with their YAML types, as gh models eval --json prints its testCase
    n.set("testCase", JSON.valueToTree(t.testCase()));
    ArrayNode messages = n.putArray("messages");
    t.messages()
        .forEach(m -> messages.addObject().put("role", m.role().id()).put("content", m.content()));
    n.put("modelResponse", t.output());
    ArrayNode verdicts = n.putArray("evaluationResults");
    for (Verdict v : t.verdicts()) {
      verdicts
          .addObject()
          .put("evaluatorName", v.name())
          .put("kind", v.kind())
          .put("status", v.status().id())
          .put("passed", v.status() == Status.PASS)
          .put("score", v.score())
          .put("details", v.reason());
    }
    n.put("latencyMs", t.latencyMs());
    putNullable(n, "inputTokens", t.inputTokens());
    putNullable(n, "outputTokens", t.outputTokens());
    if (t.cost() == null) {
      n.putNull("cost");
    } else {
      n.put("cost", t.cost());
    }
    n.put("finishReason", t.finishReason());
    n.put("error", t.error());
    n.put("attempts", t.attempts());
    n.put("source", t.source() == null ? null : t.source().id());
    n.put("endpoint", t.endpoint());
    return n;
  }

  public static TrialResult fromJson(JsonNode n) {
    Map<String, String> vars = new LinkedHashMap<>();
    Map<String, Object> testCase = new LinkedHashMap<>();
    n.path("testCase")
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              vars.put(e.getKey(), v.isContainerNode() ? v.toString() : v.asText());
              testCase.put(e.getKey(), JSON.convertValue(v, Object.class));
            });
    List<RenderedMessage> messages = new ArrayList<>();
    for (JsonNode m : n.path("messages")) {
      messages.add(
          new RenderedMessage(
              Role.parse(m.path("role").asText()).orElse(Role.USER), m.path("content").asText()));
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (JsonNode v : n.path("evaluationResults")) {
      verdicts.add(
          Verdict.restore(
              Status.parse(v.path("status").asText()),
              v.path("evaluatorName").asText(),
              v.path("kind").asText(),
              v.path("score").asDouble(),
              v.path("details").asText()));
    }
    return new TrialResult(
        n.path("trialId").asText(),
        n.path("caseId").asText(),
        n.path("file").asText(),
        n.path("prompt").asText(),
        n.path("model").asText(),
        n.path("caseIndex").asInt(),
        n.path("caseLabel").asText(),
        n.path("repeat").asInt(),
        vars,
        messages,
        Status.parse(n.path("status").asText()),
        textOrNull(n, "modelResponse"),
        verdicts,
        n.path("latencyMs").asLong(),
        intOrNull(n, "inputTokens"),
        intOrNull(n, "outputTokens"),
        n.hasNonNull("cost") ? n.get("cost").asDouble() : null,
        textOrNull(n, "finishReason"),
        textOrNull(n, "error"),
        n.path("attempts").asInt(),
        source(n),
        textOrNull(n, "endpoint"),
        testCase);
  }

  /**
   * Files written before {@code source} existed said only {@code replayed} (cache or recording, not
   * which): read as {@code cache}, the commoner of the two, and as {@code live} otherwise when the
   * trial has an answer.
   */
  private static Source source(JsonNode n) {
    if (n.has("source")) {
      return Source.parse(textOrNull(n, "source"));
    }
    if (n.path("replayed").asBoolean()) {
      return Source.CACHE;
    }
    return n.hasNonNull("modelResponse") ? Source.LIVE : null;
  }

  private static void putNullable(ObjectNode n, String key, Integer value) {
    if (value == null) {
      n.putNull(key);
    } else {
      n.put(key, value);
    }
  }

  private static Integer intOrNull(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asInt() : null;
  }

  private static String textOrNull(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asText() : null;
  }
}
