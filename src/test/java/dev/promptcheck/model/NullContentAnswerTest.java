package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * {@code "content": null} (Azure's content filter, an answer cut before any text) is no answer, so
 * never the empty string a negative check would pass: through the OpenAI-compatible provider, on a
 * real HTTP server.
 */
class NullContentAnswerTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private ModelResponse complete(String message, String finishReason) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"finish_reason\":"
                    + finishReason
                    + ",\"message\":"
                    + message
                    + "}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0,\"total_tokens\":5}}")
            .build());
    ModelConfig config =
        new ModelConfig(
            "openai:m", new ModelRef("openai", "m"), null, null, null, null, null, null);
    ModelClient client =
        Providers.create(
            config,
            Duration.ofSeconds(5),
            Map.of(
                "OPENAI_BASE_URL",
                server.url("/v1").toString().replaceAll("/$", ""),
                "OPENAI_API_KEY",
                "k"));
    return client.complete(
        ModelRequest.of(
            new ModelRef("openai", "m"),
            List.of(new RenderedMessage(Role.USER, "say hello")),
            ModelParameters.NONE));
  }

  @Test
  void aNullContentIsABadResponseNamingTheFinishReason() {
    assertThatThrownBy(
            () -> complete("{\"role\":\"assistant\",\"content\":null}", "\"content_filter\""))
        .isInstanceOfSatisfying(
            ModelCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ModelCallException.Kind.BAD_RESPONSE);
              assertThat(e.getMessage())
                  .isEqualTo("the answer has no content (finish reason: content_filter)");
            });
  }

  @Test
  void aNullContentWithoutAFinishReasonSaysSo() {
    assertThatThrownBy(() -> complete("{\"role\":\"assistant\",\"content\":null}", "null"))
        .hasMessage("the answer has no content (finish reason: not given)");
  }

  @Test
  void anEmptyTextIsStillAnAnswer() {
    assertThat(complete("{\"role\":\"assistant\",\"content\":\"\"}", "\"stop\"").text()).isEmpty();
  }
}
