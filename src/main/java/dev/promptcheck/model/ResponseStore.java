package dev.promptcheck.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Json;
import dev.promptcheck.support.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Responses on disk, one readable JSON file per request key: the request as sent (without secrets),
 * the response, and a label saying where the response came from. Used by the response cache, {@code
 * --record} and {@code --replay}.
 */
public final class ResponseStore {
  private static final ObjectMapper JSON = Json.MAPPER;

  /** How an entry reaches the disk; {@link AtomicFiles#write} unless a test says otherwise. */
  @FunctionalInterface
  public interface FileWriter {
    void write(Path file, String content) throws IOException;
  }

  private final Path dir;
  private final FileWriter writer;

  /** Entries written with the run's {@code secrets} masked. */
  public ResponseStore(Path dir, Secrets secrets) {
    this(dir, (file, content) -> AtomicFiles.write(file, secrets, content));
  }

  public ResponseStore(Path dir, FileWriter writer) {
    this.dir = dir;
    this.writer = writer;
  }

  public Path dir() {
    return dir;
  }

  /** The stored answer for {@code key}, marked as coming from {@code source}; empty on a miss. */
  public Optional<ModelResponse> get(RequestKey key, Source source) {
    Path file = dir.resolve(key.hash() + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      JsonNode r = root.path("response");
      if (!r.has("text")) {
        return Optional.empty();
      }
      JsonNode endpoint = root.path("request").path("endpoint");
      List<ToolCall> calls = new ArrayList<>();
      for (JsonNode c : r.path("toolCalls")) {
        calls.add(
            new ToolCall(
                c.hasNonNull("id") ? c.get("id").asText() : null,
                c.path("name").asText(),
                c.path("arguments").asText()));
      }
      return Optional.of(
          new ModelResponse(
                  r.path("text").asText(),
                  r.hasNonNull("finishReason") ? r.get("finishReason").asText() : null,
                  r.hasNonNull("inputTokens") ? r.get("inputTokens").asInt() : null,
                  r.hasNonNull("outputTokens") ? r.get("outputTokens").asInt() : null,
                  r.path("latencyMs").asLong(0),
                  source,
                  0,
                  endpoint.isTextual() && !endpoint.asText().isEmpty() ? endpoint.asText() : null,
                  ModelVersion.of(
                      r.path("modelVersion").path("name").asText(null),
                      r.path("modelVersion").path("fingerprint").asText(null)))
              .withToolCalls(calls));
    } catch (IOException e) {
      return Optional.empty(); // an unreadable entry is a miss, never a crash
    }
  }

  /**
   * Writes the entry for {@code key}.
   *
   * @throws IOException when the store cannot be written (the caller decides whether that matters)
   */
  public void put(RequestKey key, ModelResponse response, String label) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("label", label);
    root.put("key", key.hash());
    root.set("request", key.canonical());
    ObjectNode r = root.putObject("response");
    r.put("text", response.text());
    r.put("finishReason", response.finishReason());
    if (response.inputTokens() != null) {
      r.put("inputTokens", response.inputTokens());
    }
    if (response.outputTokens() != null) {
      r.put("outputTokens", response.outputTokens());
    }
    r.put("latencyMs", response.latencyMs());
    if (response.version() != null) {
      r.putObject("modelVersion")
          .put("name", response.version().name())
          .put("fingerprint", response.version().fingerprint());
    }
    // only when the model called tools: an entry without calls is byte for byte what it was
    if (!response.toolCalls().isEmpty()) {
      ArrayNode calls = r.putArray("toolCalls");
      for (ToolCall c : response.toolCalls()) {
        ObjectNode call = calls.addObject();
        if (c.id() != null) {
          call.put("id", c.id());
        }
        call.put("name", c.name()).put("arguments", c.arguments());
      }
    }
    writer.write(dir.resolve(key.hash() + ".json"), Json.pretty().writeValueAsString(root));
  }
}
