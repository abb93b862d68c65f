package dev.promptcheck.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Tool;
import dev.promptcheck.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a request: a SHA-256 ({@code hash}) over its canonical JSON ({@code canonical}:
 * provider, model, every parameter, response format and schema, the tools sent and the tool choice,
 * rendered messages, and a variant such as the repeat index). Keys and headers are never part of
 * it.
 *
 * <p>Two identities, because the two stores answer different questions. A recording ({@link
 * #forRecording}) is portable: it says what a model answered to a request, wherever it was served,
 * so recordings made against a local stub replay on a machine that points nowhere. The cache
 * ({@link #forCache}) remembers what one server answered, so its key adds the endpoint: the same
 * model name on two base URLs is two models.
 */
public record RequestKey(String hash, ObjectNode canonical) {
  private static final ObjectMapper JSON = Json.MAPPER;

  public RequestKey {
    canonical = canonical.deepCopy();
  }

  public static RequestKey forRecording(ModelRequest request) {
    return of(canonical(request, null));
  }

  /** {@code endpoint} is the base URL the request goes to (null when the provider has none). */
  public static RequestKey forCache(ModelRequest request, String endpoint) {
    return of(canonical(request, endpoint == null ? "" : endpoint));
  }

  private static RequestKey of(ObjectNode canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return new RequestKey(HexFormat.of().formatHex(digest, 0, 16), canonical);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode canonical(ModelRequest request, String endpoint) {
    String variant = request.variant();
    ObjectNode root = JSON.createObjectNode();
    root.put("provider", request.model().provider());
    if (endpoint != null) {
      root.put("endpoint", endpoint);
    }
    root.put("model", request.model().model());
    ModelParameters p = request.parameters();
    ObjectNode params = root.putObject("parameters");
    putIfSet(params, "temperature", p.temperature());
    putIfSet(params, "maxTokens", p.maxTokens());
    putIfSet(params, "topP", p.topP());
    putIfSet(params, "seed", p.seed());
    putIfSet(params, "presencePenalty", p.presencePenalty());
    putIfSet(params, "frequencyPenalty", p.frequencyPenalty());
    if (!p.stop().isEmpty()) {
      ArrayNode stop = params.putArray("stop");
      p.stop().forEach(stop::add);
    }
    if (request.responseFormat() != null) {
      root.put("responseFormat", request.responseFormat());
    }
    if (request.jsonSchema() != null) {
      root.set("jsonSchema", JSON.valueToTree(request.jsonSchema()));
    }
    // only when the file has tools: every key of a file without them stays what it was, so the
    // recordings and caches made before tools existed still answer
    if (!request.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (Tool t : request.tools().sent()) {
        tools
            .addObject()
            .put("name", t.name())
            .put("description", t.description())
            .set("parameters", t.parameters());
      }
      root.put("toolChoice", request.tools().choice() == null ? "" : request.tools().choice());
    }
    ArrayNode messages = root.putArray("messages");
    for (RenderedMessage m : request.messages()) {
      ObjectNode message =
          messages.addObject().put("role", m.role().id()).put("content", m.content());
      if (!m.images().isEmpty()) {
        // by identity (the file's SHA-256 or the URL), not the bytes; absent for text-only
        // messages, so their keys are what they were before images
        ArrayNode images = message.putArray("images");
        m.images().forEach(i -> images.add(i.identity()));
      }
    }
    if (variant != null && !variant.isEmpty()) {
      root.put("variant", variant);
    }
    return root;
  }

  private static void putIfSet(ObjectNode node, String key, Number value) {
    if (value instanceof Double d) {
      node.put(key, d);
    } else if (value instanceof Integer i) {
      node.put(key, i);
    }
  }
}
