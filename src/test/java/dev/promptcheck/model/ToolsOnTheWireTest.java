package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.Tool;
import dev.promptcheck.suite.Tools;
import dev.promptcheck.support.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A file's tools as the provider receives them (the request body read on loopback): OpenAI's {@code
 * tools[]} of {@code {type: function, function: {name, description, parameters}}} and its {@code
 * tool_choice}; and as part of the request's identity in the cache and recordings.
 */
class ToolsOnTheWireTest {
  @StartStop final MockWebServer server = new MockWebServer();
  static final ObjectMapper JSON = new ObjectMapper();
  static final SourceRef AT = SourceRef.of(Path.of("t.prompt.yml"));

  static Tool weather() throws Exception {
    return new Tool(
        "get_weather",
        "The weather in a city",
        (ObjectNode)
            JSON.readTree(
                "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\","
                    + " \"description\": \"the city\", \"minLength\": 2}, \"unit\": {\"enum\":"
                    + " [\"C\", \"F\"]}}, \"required\": [\"city\"], \"additionalProperties\":"
                    + " false}"),
        AT);
  }

  static Tool time() throws Exception {
    return new Tool(
        "get_time", "", (ObjectNode) JSON.readTree("{\"type\":\"object\",\"properties\":{}}"), AT);
  }

  static ModelRequest request(String provider, Tools tools) {
    return new ModelRequest(
        new ModelRef(provider, "m"),
        List.of(new RenderedMessage(Role.USER, "weather in Oslo?")),
        ModelParameters.NONE,
        null,
        null,
        "",
        tools);
  }

  private JsonNode send(String provider, Tools tools, MockResponse reply) throws Exception {
    server.enqueue(reply);
    String base = server.url("/v1").toString().replaceAll("/$", "");
    ModelConfig config =
        new ModelConfig(
            provider + ":m", new ModelRef(provider, "m"), base, null, null, null, null, null);
    ModelClient client =
        Providers.create(
            config, Duration.ofSeconds(5), Map.of("GEMINI_API_KEY", "k", "ANTHROPIC_API_KEY", "k"));
    client.complete(request(provider, tools));
    return JSON.readTree(server.takeRequest().getBody().utf8());
  }

  @Test
  void openAiGetsEachToolAsAFunctionWithItsSchemaAndTheChoice() throws Exception {
    JsonNode body =
        send("openai", new Tools(List.of(weather(), time()), null), FakeOpenAi.ok("hi"));
    JsonNode tools = body.path("tools");
    assertThat(tools).hasSize(2);
    assertThat(tools.get(0).path("type").asText()).isEqualTo("function");
    JsonNode f = tools.get(0).path("function");
    assertThat(f.path("name").asText()).isEqualTo("get_weather");
    assertThat(f.path("description").asText()).isEqualTo("The weather in a city");
    // the schema as the file wrote it, keywords LangChain4j has no type for included
    assertThat(f.path("parameters")).isEqualTo(weather().parameters());
    assertThat(tools.get(1).path("function").path("name").asText()).isEqualTo("get_time");
    assertThat(body.path("tool_choice").asText()).isEqualTo("auto");

    JsonNode required =
        send("github", new Tools(List.of(weather(), time()), "required"), FakeOpenAi.ok("hi"));
    assertThat(required.path("tools")).hasSize(2);
    assertThat(required.path("tool_choice").asText()).isEqualTo("required");
  }

  @Test
  void aNamedChoiceSendsThatToolAloneAndRequiresItNoneSendsNoTools() throws Exception {
    JsonNode named =
        send("openai", new Tools(List.of(weather(), time()), "get_time"), FakeOpenAi.ok("hi"));
    assertThat(named.path("tools")).hasSize(1);
    assertThat(named.path("tools").get(0).path("function").path("name").asText())
        .isEqualTo("get_time");
    assertThat(named.path("tool_choice").asText()).isEqualTo("required");

    JsonNode none = send("openai", new Tools(List.of(weather()), "none"), FakeOpenAi.ok("hi"));
    assertThat(none.has("tools")).isFalse();
    assertThat(none.has("tool_choice")).isFalse();

    JsonNode without = send("openai", Tools.NONE, FakeOpenAi.ok("hi"));
    assertThat(without.has("tools")).isFalse();
    assertThat(without.has("tool_choice")).isFalse();
  }

  @Test
  void anthropicGetsTheToolsAsItsInputSchemas() throws Exception {
    MockResponse reply =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}")
            .build();
    JsonNode body = send("anthropic", new Tools(List.of(weather()), "required"), reply);
    assertThat(body.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
    assertThat(body.path("tools").get(0).path("input_schema").path("properties").has("city"))
        .isTrue();
    assertThat(body.path("tool_choice").path("type").asText()).isEqualTo("any");
  }

  @Test
  void toolsArePartOfTheRequestsIdentityAndAFileWithoutToolsKeepsItsKey() throws Exception {
    RequestKey plain = RequestKey.forRecording(request("openai", Tools.NONE));
    assertThat(plain.canonical().has("tools")).isFalse();
    assertThat(plain.canonical().has("toolChoice")).isFalse();
    // the key of a request without tools is what it was before tools existed
    assertThat(plain)
        .isEqualTo(
            RequestKey.forRecording(
                new ModelRequest(
                    new ModelRef("openai", "m"),
                    List.of(new RenderedMessage(Role.USER, "weather in Oslo?")),
                    ModelParameters.NONE,
                    null,
                    null,
                    "")));
    RequestKey withTools =
        RequestKey.forRecording(request("openai", new Tools(List.of(weather()), null)));
    RequestKey required =
        RequestKey.forRecording(request("openai", new Tools(List.of(weather()), "required")));
    RequestKey other =
        RequestKey.forCache(request("openai", new Tools(List.of(weather(), time()), null)), "");
    assertThat(List.of(plain.hash(), withTools.hash(), required.hash(), other.hash()))
        .doesNotHaveDuplicates();
    assertThat(withTools.canonical().path("tools").get(0).path("parameters"))
        .isEqualTo(weather().parameters());
  }

  @Test
  void anthropicAndGeminiCallsComeBackAsToolCalls() throws Exception {
    MockResponse anthropic =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                    + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":"
                    + "\"get_weather\",\"input\":{\"city\":\"Oslo\"}}],\"stop_reason\":\"tool_use\","
                    + "\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}")
            .build();
    ModelResponse a = answer("anthropic", anthropic);
    assertThat(a.toolCalls())
        .containsExactly(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Oslo\"}"));
    assertThat(a.toolCallsOnly()).isTrue();

    MockResponse gemini =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":"
                    + "{\"name\":\"get_weather\",\"args\":{\"city\":\"Oslo\"}}}]},"
                    + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1,"
                    + "\"candidatesTokenCount\":1,\"totalTokenCount\":2}}")
            .build();
    ModelResponse g = answer("gemini", gemini);
    JsonNode declared = sent.path("tools").get(0).path("functionDeclarations").get(0);
    assertThat(declared.path("name").asText()).isEqualTo("get_weather");
    assertThat(declared.path("parameters").path("properties").has("city")).isTrue();
    assertThat(g.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather");
    assertThat(Json.MAPPER.readTree(g.toolCalls().get(0).arguments()))
        .isEqualTo(Json.MAPPER.readTree("{\"city\":\"Oslo\"}"));
  }

  @Test
  void ollamaGetsTheToolsAsFunctions() throws Exception {
    MockResponse reply =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":"
                    + "\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}}]},\"done\":true,"
                    + "\"done_reason\":\"stop\",\"prompt_eval_count\":1,\"eval_count\":1}")
            .build();
    ModelResponse r = answer("ollama", reply);
    JsonNode function = sent.path("tools").get(0).path("function");
    assertThat(function.path("name").asText()).isEqualTo("get_weather");
    assertThat(function.path("parameters").path("properties").path("city").path("type").asText())
        .isEqualTo("string");
    assertThat(r.toolCalls())
        .extracting(ToolCall::toString)
        .containsExactly("get_weather({\"city\":\"Oslo\"})");
  }

  private JsonNode sent;

  private ModelResponse answer(String provider, MockResponse reply) throws Exception {
    server.enqueue(reply);
    String base = server.url("/v1").toString().replaceAll("/$", "");
    ModelConfig config =
        new ModelConfig(
            provider + ":m", new ModelRef(provider, "m"), base, null, null, null, null, null);
    ModelClient client =
        Providers.create(
            config, Duration.ofSeconds(5), Map.of("GEMINI_API_KEY", "k", "ANTHROPIC_API_KEY", "k"));
    ModelResponse r = client.complete(request(provider, new Tools(List.of(weather()), null)));
    sent = JSON.readTree(server.takeRequest().getBody().utf8());
    return r;
  }
}
