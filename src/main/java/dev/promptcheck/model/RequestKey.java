package dev.promptcheck.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a request for caching and recording: a SHA-256 over its canonical JSON (provider,
 * model, parameters, response format, rendered messages, and a variant such as the repeat index).
 * Keys, headers and base URLs are never part of it.
 */
public final class RequestKey {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestKey() {}

  public static ObjectNode canonical(ModelRequest request) {
    String variant = request.variant();
    ObjectNode root = JSON.createObjectNode();
    root.put("provider", request.model().provider());
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
    ArrayNode messages = root.putArray("messages");
    for (RenderedMessage m : request.messages()) {
      messages.addObject().put("role", m.role().id()).put("content", m.content());
    }
    if (variant != null && !variant.isEmpty()) {
      root.put("variant", variant);
    }
    return root;
  }

  public static String of(ModelRequest request) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(canonical(request)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putIfSet(ObjectNode node, String key, Number value) {
    if (value instanceof Double d) {
      node.put(key, d);
    } else if (value instanceof Integer i) {
      node.put(key, i);
    }
  }
}
