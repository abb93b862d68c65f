package dev.promptcheck.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.promptcheck.model.ModelCallException.Kind;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedImage;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Tool;
import dev.promptcheck.suite.Tools;
import dev.promptcheck.support.Json;
import dev.promptcheck.support.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Adapts any LangChain4j {@link ChatModel} to {@link ModelClient}: builds the chat request, takes
 * the call's latency from the wire (request sent to response read) when promptcheck's HTTP client
 * carried it, and classifies every failure into a {@link ModelCallException}.
 */
public final class LangChainModelClient implements ModelClient {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final ChatModel model;

  /**
   * The last request's parameters and the LangChain4j form built from them: every trial of a prompt
   * file carries the same (identical) parameters, format and schema, so they are converted once,
   * not per call.
   */
  private volatile BuiltParameters lastParameters;

  private record BuiltParameters(
      ModelParameters parameters,
      List<String> stop,
      String responseFormat,
      Object jsonSchema,
      Tools tools,
      ChatRequestParameters built) {}

  public LangChainModelClient(ChatModel model) {
    this.model = model;
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    ChatRequest chat =
        ChatRequest.builder()
            .messages(messages(request.messages()))
            .parameters(cachedParameters(request))
            .build();
    long start = System.nanoTime();
    ChatResponse response;
    try {
      response = model.chat(chat);
    } catch (ModelCallException e) {
      throw e;
    } catch (RuntimeException e) {
      throw classify(e);
    }
    long latency = wireLatency(response).orElse((System.nanoTime() - start) / 1_000_000);
    AiMessage ai = response.aiMessage();
    if (ai == null) {
      throw new ModelCallException(Kind.BAD_RESPONSE, "the response holds no message");
    }
    String finishReason =
        response.finishReason() == null
            ? null
            : response.finishReason().name().toLowerCase(Locale.ROOT);
    if (ai.text() == null && !ai.hasToolExecutionRequests() && noContent(response)) {
      // Azure's content filter and answers cut before any text send "content": null: scoring it as
      // "" would let notContains and other negative checks pass an answer that was never given
      throw new ModelCallException(
          Kind.BAD_RESPONSE,
          "the answer has no content (finish reason: "
              + (finishReason == null ? "not given" : finishReason)
              + ")");
    }
    TokenUsage usage = response.tokenUsage();
    return new ModelResponse(
            ai.text() == null ? "" : ai.text(),
            finishReason,
            usage == null ? null : usage.inputTokenCount(),
            usage == null ? null : usage.outputTokenCount(),
            latency)
        .withVersion(
            ModelVersion.of(
                response.modelName(),
                response.metadata() instanceof OpenAiChatResponseMetadata o
                    ? o.systemFingerprint()
                    : null))
        .withRateLimits(rateLimits(response))
        .withToolCalls(toolCalls(ai));
  }

  /**
   * The tools the model called ({@code tool_calls} on OpenAI, {@code tool_use} blocks on Anthropic,
   * function calls on Gemini), in its order. An answer with calls and no text is an answer, not a
   * missing one: the calls are what it says.
   */
  private List<ToolCall> toolCalls(AiMessage ai) {
    if (!ai.hasToolExecutionRequests()) {
      return List.of();
    }
    List<ToolCall> out = new ArrayList<>();
    for (var r : ai.toolExecutionRequests()) {
      // OpenAI's arguments are the model's own text, kept as written; Anthropic and Gemini send an
      // object, which LangChain4j prints indented: compact, it is one line in reasons and reports
      String arguments = model instanceof OpenAiChatModel ? r.arguments() : compact(r.arguments());
      out.add(new ToolCall(r.id(), r.name(), arguments));
    }
    return out;
  }

  /**
   * A JSON Schema as LangChain4j's typed elements, for provider modules that take no raw schema:
   * types, enums, descriptions, required, items, anyOf. A schema without a type (any value) goes as
   * a string, the one type every provider takes.
   */
  private static JsonSchemaElement typed(JsonNode s) {
    String description = s.path("description").isTextual() ? s.get("description").asText() : null;
    if (s.path("anyOf").isArray()) {
      List<JsonSchemaElement> forms = new ArrayList<>();
      s.get("anyOf").forEach(f -> forms.add(typed(f)));
      return JsonAnyOfSchema.builder().description(description).anyOf(forms).build();
    }
    if (s.path("enum").isArray()) {
      List<String> values = new ArrayList<>();
      s.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().description(description).enumValues(values).build();
    }
    switch (s.path("type").asText("")) {
      case "object" -> {
        JsonObjectSchema.Builder o = JsonObjectSchema.builder().description(description);
        s.path("properties")
            .properties()
            .forEach(p -> o.addProperty(p.getKey(), typed(p.getValue())));
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
          o.required(required);
        }
        if (s.path("additionalProperties").isBoolean()) {
          o.additionalProperties(s.get("additionalProperties").asBoolean());
        }
        return o.build();
      }
      case "array" -> {
        return JsonArraySchema.builder()
            .description(description)
            .items(typed(s.path("items").isObject() ? s.get("items") : JSON.createObjectNode()))
            .build();
      }
      case "integer" -> {
        return JsonIntegerSchema.builder().description(description).build();
      }
      case "number" -> {
        return JsonNumberSchema.builder().description(description).build();
      }
      case "boolean" -> {
        return JsonBooleanSchema.builder().description(description).build();
      }
      default -> {
        return JsonStringSchema.builder().description(description).build();
      }
    }
  }

  private static String compact(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(JSON.readTree(json));
    } catch (IOException e) {
      return json;
    }
  }

  /** What the answer's headers said of the model's allowance, when promptcheck's client read it. */
  private static RateLimits rateLimits(ChatResponse response) {
    return rawHttp(response) instanceof OkHttpTransport.TimedResponse timed
        ? timed.rateLimits()
        : RateLimits.NONE;
  }

  private static SuccessfulHttpResponse rawHttp(ChatResponse response) {
    return response.metadata() instanceof OpenAiChatResponseMetadata o
        ? o.rawHttpResponse()
        : response.metadata() instanceof AnthropicChatResponseMetadata a
            ? a.rawHttpResponse()
            : null;
  }

  /**
   * Whether an answer without text had no content at all, rather than an empty one: LangChain4j
   * reads both as a null text, so the OpenAI body says which ({@code "content": null} or absent);
   * for other providers only a content filter's stop is known to mean no answer.
   */
  private static boolean noContent(ChatResponse response) {
    if (response.metadata() instanceof OpenAiChatResponseMetadata o
        && o.rawHttpResponse() != null
        && o.rawHttpResponse().body() != null) {
      try {
        JsonNode content =
            JSON.readTree(o.rawHttpResponse().body())
                .path("choices")
                .path(0)
                .path("message")
                .path("content");
        return content.isNull() || content.isMissingNode();
      } catch (IOException e) {
        return false; // LangChain4j read it; what it read stands
      }
    }
    return response.finishReason() == FinishReason.CONTENT_FILTER;
  }

  /**
   * The exchange's time on the wire (request sent to response read) when the provider's response
   * carries promptcheck's HTTP answer; else the caller measures around the whole call.
   */
  private static OptionalLong wireLatency(ChatResponse response) {
    return rawHttp(response) instanceof OkHttpTransport.TimedResponse timed
        ? OptionalLong.of(timed.exchangeMillis())
        : OptionalLong.empty();
  }

  private static List<ChatMessage> messages(List<RenderedMessage> rendered) {
    List<ChatMessage> out = new ArrayList<>(rendered.size());
    for (RenderedMessage m : rendered) {
      out.add(
          switch (m.role()) {
            case SYSTEM -> SystemMessage.from(m.content());
            case USER -> m.images().isEmpty() ? UserMessage.from(m.content()) : withImages(m);
            case ASSISTANT -> AiMessage.from(m.content());
          });
    }
    return out;
  }

  /** Text first, then each image: a file as base64 with its type, a URL as itself. */
  private static UserMessage withImages(RenderedMessage m) {
    List<Content> parts = new ArrayList<>();
    if (!m.content().isEmpty()) {
      parts.add(TextContent.from(m.content()));
    }
    for (RenderedImage image : m.images()) {
      parts.add(
          image.url() != null
              ? ImageContent.from(image.url())
              : ImageContent.from(image.base64(), image.mimeType()));
    }
    return UserMessage.from(parts);
  }

  @SuppressWarnings("ReferenceEquality") // the file's own instances, shared by all its trials
  private ChatRequestParameters cachedParameters(ModelRequest request) {
    BuiltParameters last = lastParameters;
    if (last == null
        || last.parameters() != request.parameters()
        || !last.stop().equals(request.parameters().stop())
        || last.jsonSchema() != request.jsonSchema()
        || last.tools() != request.tools()
        || !Objects.equals(last.responseFormat(), request.responseFormat())) {
      last =
          new BuiltParameters(
              request.parameters(),
              new ArrayList<>(request.parameters().stop()),
              request.responseFormat(),
              request.jsonSchema(),
              request.tools(),
              parameters(request));
      lastParameters = last;
    }
    return last.built();
  }

  private ChatRequestParameters parameters(ModelRequest request) {
    ModelParameters p = request.parameters();
    boolean openAi = model instanceof OpenAiChatModel;
    DefaultChatRequestParameters.Builder<?> b =
        (openAi ? OpenAiChatRequestParameters.builder() : ChatRequestParameters.builder())
            .temperature(p.temperature())
            .maxOutputTokens(p.maxTokens())
            .topP(p.topP())
            .presencePenalty(p.presencePenalty())
            .frequencyPenalty(p.frequencyPenalty());
    if (!p.stop().isEmpty()) {
      b.stopSequences(p.stop());
    }
    // OpenAI-compatible bodies carry the file's own JSON where LangChain4j would rewrite it
    Map<String, Object> custom = new LinkedHashMap<>();
    if (openAi
        && "json_schema".equals(request.responseFormat())
        && request.jsonSchema() instanceof JsonNode wrapper) {
      // the wrapper as the file wrote it, strict included, which LangChain4j would set per model,
      // not per request: the body gh models sends (internal/azuremodels/types.go:18-22)
      Map<String, Object> format = new LinkedHashMap<>();
      format.put("type", "json_schema");
      format.put("json_schema", JSON.convertValue(wrapper, Map.class));
      custom.put("response_format", format);
    } else {
      b.responseFormat(responseFormat(request));
    }
    List<Tool> tools = request.tools().sent();
    ToolChoice choice = request.tools().mustCall() ? ToolChoice.REQUIRED : ToolChoice.AUTO;
    if (!tools.isEmpty() && openAi) {
      // each function's parameters exactly as written: LangChain4j's OpenAI mapper drops
      // additionalProperties outside its strict mode
      List<Map<String, Object>> functions = new ArrayList<>();
      for (Tool t : tools) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", t.name());
        if (!t.description().isEmpty()) {
          function.put("description", t.description());
        }
        function.put("parameters", JSON.convertValue(t.parameters(), Map.class));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "function");
        entry.put("function", function);
        functions.add(entry);
      }
      custom.put("tools", functions);
      custom.put("tool_choice", choice.name().toLowerCase(Locale.ROOT));
    } else if (!tools.isEmpty()) {
      // Anthropic's module sends raw property schemas as written; the others (Gemini's, at
      // least) refuse them, so they get LangChain4j's own typed elements read from the schema
      boolean raw = model instanceof AnthropicChatModel;
      b.toolSpecifications(tools.stream().map(t -> toolSpecification(t, raw)).toList());
      b.toolChoice(choice);
    }
    if (!custom.isEmpty()) {
      ((OpenAiChatRequestParameters.Builder) b).customParameters(custom);
    }
    return b.build();
  }

  /**
   * A file's tool as LangChain4j's specification, which each provider module writes in its own form
   * (OpenAI's {@code tools[].function}, Anthropic's {@code input_schema}, Gemini's {@code
   * functionDeclarations}). Each property's schema goes as the file wrote it (a raw schema), so
   * keywords LangChain4j has no type for (formats, bounds, patterns) reach the provider too; where
   * the provider module takes no raw schemas, LangChain4j reads the schema into its typed elements
   * (types, enums, descriptions, required), and keywords it has no type for are not sent.
   */
  private static ToolSpecification toolSpecification(Tool tool, boolean raw) {
    JsonNode schema = tool.parameters();
    if (!raw && typed(schema) instanceof JsonObjectSchema typed) {
      return ToolSpecification.builder()
          .name(tool.name())
          .description(tool.description().isEmpty() ? null : tool.description())
          .parameters(typed)
          .build();
    }
    JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
    if (schema.path("description").isTextual()) {
      parameters.description(schema.get("description").asText());
    }
    schema
        .path("properties")
        .properties()
        .forEach(
            p -> parameters.addProperty(p.getKey(), JsonRawSchema.from(p.getValue().toString())));
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    if (!required.isEmpty()) {
      parameters.required(required);
    }
    if (schema.path("additionalProperties").isBoolean()) {
      parameters.additionalProperties(schema.get("additionalProperties").asBoolean());
    }
    Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
    for (String key : List.of("$defs", "definitions")) {
      schema
          .path(key)
          .properties()
          .forEach(d -> definitions.put(d.getKey(), JsonRawSchema.from(d.getValue().toString())));
    }
    if (!definitions.isEmpty()) {
      parameters.definitions(definitions);
    }
    return ToolSpecification.builder()
        .name(tool.name())
        .description(tool.description().isEmpty() ? null : tool.description())
        .parameters(parameters.build())
        .build();
  }

  /**
   * {@code json_object} asks for JSON; {@code json_schema} also sends the file's schema under its
   * name, as gh models does (github/gh-models pkg/prompt/prompt.go:233-241), in each provider's own
   * form (OpenAI's {@code response_format.json_schema}, Gemini's {@code responseSchema}, ...).
   */
  private static ResponseFormat responseFormat(ModelRequest request) {
    String format = request.responseFormat();
    if (!"json_object".equals(format) && !"json_schema".equals(format)) {
      return null;
    }
    if ("json_schema".equals(format) && request.jsonSchema() instanceof JsonNode wrapper) {
      JsonNode schema = wrapper.path("schema");
      if (schema.isObject()) {
        return ResponseFormat.builder()
            .type(ResponseFormatType.JSON)
            .jsonSchema(
                JsonSchema.builder()
                    .name(wrapper.path("name").asText("response"))
                    .rootElement(JsonRawSchema.from(schema.toString()))
                    .build())
            .build();
      }
    }
    return ResponseFormat.JSON;
  }

  /** Maps LangChain4j's and the HTTP layer's exceptions onto the run stage's retry decisions. */
  static ModelCallException classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ModelCallException m) {
        return m;
      }
      if (t instanceof HttpStatusException h) {
        return byStatus(h.statusCode(), h.getMessage(), h);
      }
      if (t instanceof HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
        return new ModelCallException(Kind.TIMEOUT, "timed out: " + t.getMessage());
      }
      if (t instanceof ConnectException) {
        return new ModelCallException(Kind.NETWORK, "cannot connect: " + t.getMessage());
      }
      if (t instanceof UncheckedIOException
          || (t instanceof IOException && !(t instanceof JsonProcessingException))) {
        return new ModelCallException(Kind.NETWORK, "connection failed: " + rootMessage(t));
      }
      if (t instanceof JsonProcessingException) {
        return new ModelCallException(
            Kind.BAD_RESPONSE, "the response is not valid JSON: " + firstLine(t.getMessage()));
      }
    }
    if (error instanceof RateLimitException) {
      return new ModelCallException(Kind.RATE_LIMITED, firstLine(error.getMessage()));
    }
    if (error instanceof TimeoutException) {
      return new ModelCallException(Kind.TIMEOUT, firstLine(error.getMessage()));
    }
    if (error instanceof AuthenticationException) {
      return new ModelCallException(Kind.AUTHENTICATION, firstLine(error.getMessage()));
    }
    if (error instanceof ModelNotFoundException) {
      return new ModelCallException(Kind.NOT_FOUND, firstLine(error.getMessage()));
    }
    if (error instanceof InvalidRequestException) {
      return new ModelCallException(Kind.BAD_REQUEST, firstLine(error.getMessage()));
    }
    if (error instanceof UnsupportedFeatureException) {
      // a provider module that cannot send what the file asks (a tool choice, say): the request
      // is refused as the file wrote it, never sent without it
      return new ModelCallException(
          Kind.BAD_REQUEST,
          "the provider cannot send this request: " + firstLine(error.getMessage()));
    }
    if (error instanceof RetriableException) {
      return new ModelCallException(Kind.SERVER_ERROR, firstLine(error.getMessage()));
    }
    return new ModelCallException(
        Kind.BAD_RESPONSE, "unreadable response: " + firstLine(rootMessage(error)));
  }

  private static ModelCallException byStatus(int status, String body, HttpStatusException h) {
    String text = "HTTP " + status + ": " + summarize(body);
    if (status == 429) {
      return new ModelCallException(Kind.RATE_LIMITED, text, h.retryAfter())
          .withRateLimits(h.rateLimits());
    }
    if (status == 401 || status == 403) {
      return new ModelCallException(Kind.AUTHENTICATION, text);
    }
    if (status == 404) {
      return new ModelCallException(Kind.NOT_FOUND, text);
    }
    if (status == 408) {
      return new ModelCallException(Kind.TIMEOUT, text, h.retryAfter());
    }
    if (status >= 500) {
      return new ModelCallException(Kind.SERVER_ERROR, text, h.retryAfter());
    }
    return new ModelCallException(Kind.BAD_REQUEST, text);
  }

  private static String summarize(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    return Texts.oneLine(body, 300);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    return s.lines().findFirst().orElse("");
  }
}
