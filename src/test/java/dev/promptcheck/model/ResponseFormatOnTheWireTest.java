package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
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
 * {@code responseFormat} as the provider receives it: the request body read on loopback. gh models
 * sends the file's {@code jsonSchema} as OpenAI's {@code response_format.json_schema}
 * (github/gh-models pkg/prompt/prompt.go:233-241, internal/azuremodels/types.go:15-22).
 */
class ResponseFormatOnTheWireTest {
  @StartStop final MockWebServer server = new MockWebServer();
  static final ObjectMapper JSON = new ObjectMapper();
  String raw;

  static final String WRAPPER =
      "{\"name\": \"verdict\", \"strict\": true, \"schema\": {\"type\": \"object\","
          + " \"properties\": {\"label\": {\"type\": \"string\", \"enum\": [\"spam\", \"ham\"]}},"
          + " \"required\": [\"label\"], \"additionalProperties\": false}}";

  private JsonNode send(String provider, String format, Object schema, MockResponse reply)
      throws Exception {
    server.enqueue(reply);
    String base = server.url("/v1").toString().replaceAll("/$", "");
    ModelConfig config =
        new ModelConfig(
            provider + ":m", new ModelRef(provider, "m"), base, null, null, null, null, null);
    ModelClient client =
        Providers.create(
            config, Duration.ofSeconds(5), Map.of("GEMINI_API_KEY", "k", "ANTHROPIC_API_KEY", "k"));
    client.complete(
        new ModelRequest(
            new ModelRef(provider, "m"),
            List.of(new RenderedMessage(Role.USER, "classify this")),
            new ModelParameters(null, null, null, List.of(), null, null, null),
            format,
            schema,
            ""));
    raw = server.takeRequest().getBody().utf8();
    return JSON.readTree(raw);
  }

  @Test
  void openAiAndGitHubModelsGetTheSchemaWithItsNameAndStrict() throws Exception {
    for (String provider : List.of("openai", "github")) {
      JsonNode body = send(provider, "json_schema", JSON.readTree(WRAPPER), FakeOpenAi.ok("{}"));
      JsonNode format = body.path("response_format");
      assertThat(format.path("type").asText()).as(provider).isEqualTo("json_schema");
      JsonNode schema = format.path("json_schema");
      assertThat(schema.path("name").asText()).isEqualTo("verdict");
      assertThat(schema.path("strict").asBoolean()).isTrue();
      assertThat(schema.path("schema")).isEqualTo(JSON.readTree(WRAPPER).path("schema"));
      assertThat(raw.split("\"response_format\"", -1)).as("one response_format").hasSize(2);
    }
  }

  @Test
  void strictIsSentAsTheFileSaysIt() throws Exception {
    JsonNode loose =
        JSON.readTree("{\"name\": \"n\", \"strict\": false, \"schema\": {\"type\": \"object\"}}");
    JsonNode body = send("openai", "json_schema", loose, FakeOpenAi.ok("{}"));
    assertThat(body.path("response_format").path("json_schema").path("strict").asBoolean(true))
        .isFalse();
  }

  @Test
  void jsonObjectIsSentWithoutASchema() throws Exception {
    JsonNode body = send("openai", "json_object", null, FakeOpenAi.ok("{}"));
    assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    assertThat(body.path("response_format").has("json_schema")).isFalse();
  }

  @Test
  void geminiGetsTheSchemaAsItsResponseSchema() throws Exception {
    MockResponse reply =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"{}\"}]},"
                    + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1,"
                    + "\"candidatesTokenCount\":1,\"totalTokenCount\":2}}")
            .build();
    JsonNode body = send("gemini", "json_schema", JSON.readTree(WRAPPER), reply);
    JsonNode config = body.path("generationConfig");
    assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
    assertThat(config.toString()).contains("spam").contains("label");
  }

  @Test
  void ollamaGetsTheSchemaAsItsFormat() throws Exception {
    MockResponse reply =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"{}\"},\"done\":true,\"done_reason\":\"stop\","
                    + "\"prompt_eval_count\":1,\"eval_count\":1}")
            .build();
    JsonNode body = send("ollama", "json_schema", JSON.readTree(WRAPPER), reply);
    assertThat(body.path("format").toString()).contains("spam").contains("label");
  }

  @Test
  void anthropicGetsTheSchemaAsItsOutputFormat() throws Exception {
    MockResponse reply =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"{}\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}")
            .build();
    JsonNode format =
        send("anthropic", "json_schema", JSON.readTree(WRAPPER), reply)
            .path("output_config")
            .path("format");
    assertThat(format.path("type").asText()).isEqualTo("json_schema");
    assertThat(format.path("schema")).isEqualTo(JSON.readTree(WRAPPER).path("schema"));
  }
}
