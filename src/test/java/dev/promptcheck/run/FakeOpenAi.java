package dev.promptcheck.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/** OpenAI chat-completion bodies for MockWebServer. */
public final class FakeOpenAi {
  private FakeOpenAi() {}

  public static MockResponse ok(String content) {
    try {
      String body =
          new ObjectMapper()
              .writeValueAsString(
                  Map.of(
                      "id",
                      "chatcmpl-1",
                      "object",
                      "chat.completion",
                      "created",
                      0,
                      "model",
                      "gpt-test",
                      "choices",
                      List.of(
                          Map.of(
                              "index",
                              0,
                              "finish_reason",
                              "stop",
                              "message",
                              Map.of("role", "assistant", "content", content))),
                      "usage",
                      Map.of("prompt_tokens", 11, "completion_tokens", 7, "total_tokens", 18)));
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "application/json")
          .body(body)
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static MockResponse status(int code, String retryAfter) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body("{\"error\": {\"message\": \"status " + code + "\"}}");
    if (retryAfter != null) {
      b.addHeader("Retry-After", retryAfter);
    }
    return b.build();
  }

  /**
   * An answer that only calls tools, as OpenAI sends it: {@code content: null}, {@code tool_calls}
   * of {@code {id, type: function, function: {name, arguments}}} and finish reason {@code
   * tool_calls}. {@code calls} alternate a tool's name and its arguments' JSON text.
   */
  public static MockResponse toolCalls(String... calls) {
    ObjectMapper json = new ObjectMapper();
    var root = json.createObjectNode();
    root.put("id", "chatcmpl-2").put("object", "chat.completion").put("created", 0);
    root.put("model", "gpt-test");
    var choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "tool_calls");
    var message = choice.putObject("message");
    message.put("role", "assistant").putNull("content");
    var list = message.putArray("tool_calls");
    for (int i = 0; i < calls.length; i += 2) {
      var call = list.addObject();
      call.put("id", "call_" + (i / 2)).put("type", "function");
      call.putObject("function").put("name", calls[i]).put("arguments", calls[i + 1]);
    }
    root.putObject("usage")
        .put("prompt_tokens", 11)
        .put("completion_tokens", 7)
        .put("total_tokens", 18);
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(root.toString())
        .build();
  }
}
