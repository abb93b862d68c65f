package dev.promptcheck.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;

/** OpenAI chat-completion bodies for MockWebServer. */
public final class FakeOpenAi {
  private FakeOpenAi() {}

  public static MockResponse ok(String content) {
    try {
      String body =
          new ObjectMapper()
              .writeValueAsString(
                  java.util.Map.of(
                      "id",
                      "chatcmpl-1",
                      "object",
                      "chat.completion",
                      "created",
                      0,
                      "model",
                      "gpt-test",
                      "choices",
                      java.util.List.of(
                          java.util.Map.of(
                              "index",
                              0,
                              "finish_reason",
                              "stop",
                              "message",
                              java.util.Map.of("role", "assistant", "content", content))),
                      "usage",
                      java.util.Map.of(
                          "prompt_tokens", 11, "completion_tokens", 7, "total_tokens", 18)));
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
}
