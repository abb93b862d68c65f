package dev.promptcheck.model;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The HTTP client promptcheck hands to LangChain4j's model builders. OkHttp, called synchronously
 * on the trial's thread (no selector hand-offs: the cheapest path per call), one connection pool
 * sized for high concurrency, and non-2xx answers raised as {@link HttpStatusException} with their
 * {@code Retry-After}, which LangChain4j's own clients drop. Each answer carries how long its
 * exchange took on the wire ({@link TimedResponse}): from the moment the request starts going out
 * to the moment the response is read, so a trial's latency excludes connection set-up (the first
 * calls to an endpoint open its connections), request building and response parsing.
 */
final class OkHttpTransport implements HttpClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /**
   * Shared by every model so connections are reused across them; timeouts are set per client. Plain
   * http:// servers (local stubs, vLLM, Ollama) get a cleartext-only client, which skips loading
   * the TLS trust store: a tenth of a second of start-up that a local run does not need.
   */
  private static final ConnectionPool POOL = new ConnectionPool(256, 5, TimeUnit.MINUTES);

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private volatile OkHttpClient cleartext;
  private volatile OkHttpClient tls;

  /** A model calls one URL every time: parsed once, not per call (11 µs a call at 10,000). */
  private volatile ParsedUrl lastUrl;

  private record ParsedUrl(String text, HttpUrl url) {}

  /** The last request's headers (as LangChain4j gave them) and their OkHttp form. */
  private volatile HeaderCache lastHeaders;

  private record HeaderCache(Map<String, List<String>> source, Headers headers) {}

  private OkHttpTransport(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  private OkHttpClient clientFor(String url) {
    boolean plain = url.regionMatches(true, 0, "http:", 0, 5);
    OkHttpClient c = plain ? cleartext : tls;
    if (c == null) {
      synchronized (this) {
        c = plain ? cleartext : tls;
        if (c == null) {
          OkHttpClient.Builder b =
              new OkHttpClient.Builder()
                  .connectionPool(POOL)
                  .retryOnConnectionFailure(false)
                  .connectTimeout(connectTimeout)
                  .readTimeout(readTimeout)
                  .writeTimeout(readTimeout)
                  // one deadline over the whole call, --timeout as documented: the read timeout
                  // alone restarts with every byte, so a body trickled a byte at a time would
                  // hold the call for as long as the server likes
                  .callTimeout(readTimeout)
                  .eventListenerFactory(OkHttpTransport::timingOf);
          if (plain) {
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
            c = cleartext = b.build();
          } else {
            c = tls = b.build();
          }
        }
      }
    }
    return c;
  }

  static HttpClientBuilder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    Request.Builder builder =
        new Request.Builder().url(parse(request.url())).headers(headers(request.headers()));
    String body = request.body();
    // the body as UTF-8 bytes at once (what RequestBody.create(String) does after parsing the
    // media type's charset on every call)
    builder.method(
        request.method().name(),
        body == null ? null : RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON));
    Timing timing = new Timing();
    builder.tag(Timing.class, timing);
    try (Response response = clientFor(request.url()).newCall(builder.build()).execute()) {
      ResponseBody responseBody = response.body();
      byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
      long exchangeNanos = System.nanoTime() - timing.sentAt();
      if (!response.isSuccessful()) {
        throw new HttpStatusException(
            response.code(), text(bytes, responseBody), retryAfter(response), rateLimits(response));
      }
      SuccessfulHttpResponse.Builder answer =
          SuccessfulHttpResponse.builder()
              .statusCode(response.code())
              .headers(response.headers().toMultimap());
      // LangChain4j decodes the bytes with the Content-Type's charset (UTF-8 when it names none):
      // handing it the bytes as read saves decoding them to a String and encoding that back. A
      // byte-order mark or a charset other than UTF-8 takes the old way (OkHttp's decoding).
      if (plainUtf8(bytes, responseBody)) {
        answer.body(bytes);
      } else {
        answer.body(text(bytes, responseBody));
      }
      return new TimedResponse(answer, exchangeNanos, rateLimits(response));
    } catch (InterruptedIOException e) {
      throw new ModelCallException(
          ModelCallException.Kind.TIMEOUT, "no answer within " + readTimeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The request's headers as OkHttp's, without {@code Content-Length} and {@code Host} (OkHttp sets
   * those). A model sends the same headers on every call: they are checked and built once, and
   * reused while the next request's are equal.
   */
  private Headers headers(Map<String, List<String>> source) {
    HeaderCache last = lastHeaders;
    if (last != null && last.source().equals(source)) {
      return last.headers();
    }
    Headers.Builder b = new Headers.Builder();
    Map<String, List<String>> copy = new LinkedHashMap<>();
    source.forEach(
        (name, values) -> {
          copy.put(name, List.copyOf(values));
          if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
            values.forEach(v -> b.add(name, v));
          }
        });
    Headers built = b.build();
    lastHeaders = new HeaderCache(copy, built);
    return built;
  }

  /** The body as OkHttp's {@code ResponseBody.string()} reads it: BOM, then charset, else UTF-8. */
  private static String text(byte[] bytes, ResponseBody body) throws IOException {
    if (plainUtf8(bytes, body)) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return ResponseBody.create(bytes, body.contentType()).string();
  }

  private static boolean plainUtf8(byte[] bytes, ResponseBody body) {
    if (body == null) {
      return true;
    }
    MediaType type = body.contentType();
    Charset charset = type == null ? null : type.charset();
    boolean bom =
        bytes.length >= 2
            && ((bytes[0] == (byte) 0xEF
                    && bytes.length >= 3
                    && bytes[1] == (byte) 0xBB
                    && bytes[2] == (byte) 0xBF)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == 0
                    && bytes.length >= 4
                    && bytes[1] == 0
                    && bytes[2] == (byte) 0xFE
                    && bytes[3] == (byte) 0xFF));
    return !bom && (charset == null || charset.equals(StandardCharsets.UTF_8));
  }

  private HttpUrl parse(String url) {
    ParsedUrl last = lastUrl;
    if (last == null || !last.text().equals(url)) {
      last = new ParsedUrl(url, HttpUrl.get(url));
      lastUrl = last;
    }
    return last.url();
  }

  private static EventListener timingOf(Call call) {
    Timing timing = call.request().tag(Timing.class);
    return timing != null ? timing : EventListener.NONE;
  }

  /** Notes when the request starts going out, after any connection set-up. */
  private static final class Timing extends EventListener {
    private final long created = System.nanoTime();
    private volatile long sentAt;

    @Override
    public void requestHeadersStart(Call call) {
      sentAt = System.nanoTime();
    }

    long sentAt() {
      long at = sentAt;
      return at != 0 ? at : created;
    }
  }

  /**
   * A successful answer, the time its exchange took (request sent to response read) and what its
   * headers said of the model's remaining allowance.
   */
  static final class TimedResponse extends SuccessfulHttpResponse {
    private final long exchangeNanos;
    private final RateLimits rateLimits;

    TimedResponse(SuccessfulHttpResponse.Builder builder, long exchangeNanos, RateLimits limits) {
      super(builder);
      this.exchangeNanos = exchangeNanos;
      this.rateLimits = limits;
    }

    long exchangeMillis() {
      return exchangeNanos / 1_000_000;
    }

    RateLimits rateLimits() {
      return rateLimits;
    }
  }

  /** The answer's rate-limit headers, read where they are (OkHttp's lookup ignores case). */
  static RateLimits rateLimits(Response response) {
    return RateLimits.from(response::header, Instant.now());
  }

  /**
   * The wait the server asks for: OpenAI's and Azure's {@code retry-after-ms} when sent (the
   * precise one), else {@code Retry-After} in seconds or as an HTTP date.
   */
  static Duration retryAfter(Response response) {
    String ms = response.header("retry-after-ms");
    if (ms != null && !ms.isBlank()) {
      try {
        double millis = Double.parseDouble(ms.trim());
        if (millis >= 0 && !Double.isInfinite(millis)) {
          return Duration.ofMillis((long) millis);
        }
      } catch (NumberFormatException unreadable) {
        // fall back to Retry-After
      }
    }
    return retryAfter(response.header("Retry-After"));
  }

  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    throw new UnsupportedOperationException("promptcheck does not stream");
  }

  private static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(15);
    private Duration readTimeout = Duration.ofSeconds(60);

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      if (timeout != null) {
        this.connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      if (timeout != null) {
        this.readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new OkHttpTransport(connectTimeout, readTimeout);
    }
  }
}
