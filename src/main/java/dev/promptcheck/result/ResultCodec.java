package dev.promptcheck.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.model.ToolCall;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import dev.promptcheck.support.Json;
import java.io.IOException;
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

  /**
   * For values written into a generator the caller owns: without the mapper's flush after each
   * value, which in a streamed file would hand every trial to the OS on its own.
   */
  private static final ObjectWriter VALUES =
      JSON.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  private ResultCodec() {}

  /**
   * Writes one trial as an object into {@code g}, field by field: no tree per trial, which the
   * journal (a line per finished trial) and results.json each built and then serialized. Absent
   * values are written as nulls, never left out, so every trial has every field.
   */
  public static void write(JsonGenerator g, TrialResult t) throws IOException {
    g.writeStartObject();
    g.writeStringField("trialId", t.trialId());
    g.writeStringField("caseId", t.caseId());
    g.writeStringField("file", t.file());
    g.writeStringField("prompt", t.prompt());
    g.writeStringField("model", t.model());
    g.writeNumberField("caseIndex", t.caseIndex());
    g.writeStringField("caseLabel", t.caseLabel());
    g.writeNumberField("repeat", t.repeat());
    g.writeStringField("status", t.status().id());
    // the case's values with their YAML types, as gh models eval --json prints its testCase
    g.writeFieldName("testCase");
    VALUES.writeValue(g, t.testCase());
    g.writeArrayFieldStart("messages");
    for (RenderedMessage m : t.messages()) {
      g.writeStartObject();
      g.writeStringField("role", m.role().id());
      g.writeStringField("content", m.content());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("modelResponse", t.output());
    // only when the model called tools: a trial without calls is written byte for byte as before
    if (!t.toolCalls().isEmpty()) {
      g.writeArrayFieldStart("toolCalls");
      for (ToolCall c : t.toolCalls()) {
        g.writeStartObject();
        if (c.id() != null) {
          g.writeStringField("id", c.id());
        }
        g.writeStringField("name", c.name());
        g.writeStringField("arguments", c.arguments());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("evaluationResults");
    for (Verdict v : t.verdicts()) {
      g.writeStartObject();
      g.writeStringField("evaluatorName", v.name());
      g.writeStringField("kind", v.kind());
      g.writeStringField("status", v.status().id());
      g.writeBooleanField("passed", v.status() == Status.PASS);
      g.writeNumberField("score", v.score());
      g.writeStringField("details", v.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("latencyMs", t.latencyMs());
    writeNumberField(g, "inputTokens", t.inputTokens());
    writeNumberField(g, "outputTokens", t.outputTokens());
    writeNumberField(g, "cost", t.cost());
    g.writeStringField("finishReason", t.finishReason());
    g.writeStringField("error", t.error());
    g.writeNumberField("attempts", t.attempts());
    g.writeStringField("source", t.source() == null ? null : t.source().id());
    g.writeStringField("endpoint", t.endpoint());
    if (t.modelVersion() == null) {
      g.writeNullField("modelVersion");
    } else {
      g.writeObjectFieldStart("modelVersion");
      g.writeStringField("name", t.modelVersion().name());
      g.writeStringField("fingerprint", t.modelVersion().fingerprint());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** One trial as compact JSON on one line (a journal line, without its line break). */
  public static String toJsonText(TrialResult t) throws JsonProcessingException {
    return JSON.writeValueAsString(new Written(t));
  }

  /**
   * A trial that {@link #write}s itself, so the mapper's own text path carries it: with its
   * recycled buffers a line costs a third less CPU than from a generator over a {@code
   * StringWriter} (whose appends check every character for Latin-1).
   */
  private record Written(TrialResult trial) implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator g, SerializerProvider serializers) throws IOException {
      write(g, trial);
    }

    @Override
    public void serializeWithType(
        JsonGenerator g, SerializerProvider serializers, TypeSerializer typeSer)
        throws IOException {
      write(g, trial); // the mapper asks for no type ids: it has no default typing
    }
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
        testCase,
        ModelVersion.of(
            textOrNull(n.path("modelVersion"), "name"),
            textOrNull(n.path("modelVersion"), "fingerprint")),
        toolCalls(n));
  }

  private static List<ToolCall> toolCalls(JsonNode n) {
    List<ToolCall> out = new ArrayList<>();
    for (JsonNode c : n.path("toolCalls")) {
      out.add(
          new ToolCall(textOrNull(c, "id"), c.path("name").asText(), c.path("arguments").asText()));
    }
    return out;
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

  private static void writeNumberField(JsonGenerator g, String key, Integer value)
      throws IOException {
    if (value == null) {
      g.writeNullField(key);
    } else {
      g.writeNumberField(key, value.intValue());
    }
  }

  private static void writeNumberField(JsonGenerator g, String key, Double value)
      throws IOException {
    if (value == null) {
      g.writeNullField(key);
    } else {
      g.writeNumberField(key, value.doubleValue());
    }
  }

  private static Integer intOrNull(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asInt() : null;
  }

  private static String textOrNull(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asText() : null;
  }
}
