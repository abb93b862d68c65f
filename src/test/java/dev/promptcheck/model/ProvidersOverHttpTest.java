package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each provider's LangChain4j adapter, on promptcheck's HTTP client, against its wire format on
 * loopback.
 */
class ProvidersOverHttpTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static Stream<Arguments> providers() {
    return Stream.of(
        Arguments.of(
            "ollama",
            "OLLAMA_BASE_URL",
            "",
            "/api/chat",
            "{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},"
                + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":5,\"eval_count\":3}"),
        Arguments.of(
            "anthropic",
            "ANTHROPIC_BASE_URL",
            "/v1",
            "/v1/messages",
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}"),
        Arguments.of(
            "gemini",
            null,
            "/v1beta",
            "/v1beta/models/m:generateContent",
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hello\"}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":3,\"totalTokenCount\":8}}"));
  }

  private ModelClient client(String provider, String baseUrlVariable, String path) {
    String base = server.url(path).toString().replaceAll("/$", "");
    ModelConfig config =
        new ModelConfig(
            provider + ":m",
            new ModelRef(provider, "m"),
            baseUrlVariable == null ? base : null,
            null,
            null,
            null,
            null,
            null);
    Map<String, String> env =
        baseUrlVariable == null
            ? Map.of("GEMINI_API_KEY", "k")
            : Map.of(baseUrlVariable, base, "ANTHROPIC_API_KEY", "k");
    return Providers.create(config, Duration.ofSeconds(5), env);
  }

  private static ModelRequest request(String provider) {
    return ModelRequest.of(
        new ModelRef(provider, "m"),
        List.of(
            new RenderedMessage(Role.SYSTEM, "Be brief."),
            new RenderedMessage(Role.USER, "say hello")),
        new ModelParameters(0.2, 50, null, List.of(), null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void answersAndTokenCounts(
      String provider, String baseUrlVariable, String path, String endpoint, String body)
      throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
    ModelResponse r = client(provider, baseUrlVariable, path).complete(request(provider));
    assertThat(r.text()).isEqualTo("hello");
    assertThat(r.inputTokens()).isEqualTo(5);
    assertThat(r.outputTokens()).isEqualTo(3);
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getUrl().encodedPath()).isEqualTo(endpoint);
    assertThat(sent.getBody().utf8()).contains("say hello").contains("Be brief.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void rateLimitsKeepTheirRetryAfter(
      String provider, String baseUrlVariable, String path, String endpoint, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "7")
            .body("{\"error\": \"slow down\"}")
            .build());
    assertThatThrownBy(() -> client(provider, baseUrlVariable, path).complete(request(provider)))
        .isInstanceOfSatisfying(
            ModelCallException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
