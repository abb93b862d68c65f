package dev.promptcheck.model;

import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Tools;
import java.util.List;

/**
 * One call: the model (as {@code provider:name}), its messages, sampling parameters, and the
 * response format the prompt file asks for ({@code json_object}, {@code json_schema} with a schema,
 * or null for text), and the tools the model may call with the file's {@code toolChoice} ({@link
 * Tools#NONE} when it declares none). {@code variant} is never sent: it tells apart repeats of the
 * same request in the cache and in recordings (empty for the first).
 */
public record ModelRequest(
    ModelRef model,
    List<RenderedMessage> messages,
    ModelParameters parameters,
    String responseFormat,
    Object jsonSchema,
    String variant,
    Tools tools) {

  public ModelRequest {
    tools = tools == null ? Tools.NONE : tools;
  }

  /** A request without tools. */
  public ModelRequest(
      ModelRef model,
      List<RenderedMessage> messages,
      ModelParameters parameters,
      String responseFormat,
      Object jsonSchema,
      String variant) {
    this(model, messages, parameters, responseFormat, jsonSchema, variant, Tools.NONE);
  }

  public static ModelRequest of(
      ModelRef model, List<RenderedMessage> messages, ModelParameters parameters) {
    return new ModelRequest(model, messages, parameters, null, null, "");
  }

  /** What the request sends, in characters: estimates of its tokens are made from it. */
  public int characters() {
    long n = 0;
    for (RenderedMessage m : messages) {
      n += m.content().length();
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }
}
