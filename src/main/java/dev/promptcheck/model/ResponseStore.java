package dev.promptcheck.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.support.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Responses on disk, one readable JSON file per request key: the request as sent (without secrets),
 * the response, and a label saying where the response came from. Used by the response cache, {@code
 * --record} and {@code --replay}.
 */
public final class ResponseStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path dir;

  public ResponseStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Optional<ModelResponse> get(String key) {
    Path file = dir.resolve(key + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode r = JSON.readTree(file.toFile()).path("response");
      if (!r.has("text")) {
        return Optional.empty();
      }
      return Optional.of(
          new ModelResponse(
              r.path("text").asText(),
              r.hasNonNull("finishReason") ? r.get("finishReason").asText() : null,
              r.hasNonNull("inputTokens") ? r.get("inputTokens").asInt() : null,
              r.hasNonNull("outputTokens") ? r.get("outputTokens").asInt() : null,
              r.path("latencyMs").asLong(0),
              true));
    } catch (IOException e) {
      return Optional.empty(); // an unreadable entry is a miss, never a crash
    }
  }

  public void put(String key, ModelRequest request, ModelResponse response, String label) {
    ObjectNode root = JSON.createObjectNode();
    root.put("label", label);
    root.put("key", key);
    root.set("request", RequestKey.canonical(request));
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
    try {
      AtomicFiles.write(dir.resolve(key + ".json"), JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
