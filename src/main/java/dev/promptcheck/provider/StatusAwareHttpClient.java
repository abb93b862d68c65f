package dev.promptcheck.provider;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP client promptcheck hands to LangChain4j's model builders: {@code java.net.http}, one
 * shared connection pool per connect timeout, HTTP/1.1, and non-2xx answers raised as {@link
 * HttpStatusException} with their {@code Retry-After}, so the run stage can honour it.
 */
final class StatusAwareHttpClient implements HttpClient {
  private static final ConcurrentHashMap<Duration, java.net.http.HttpClient> POOLS = new ConcurrentHashMap<>();

  private final java.net.http.HttpClient client;
  private final Duration readTimeout;

  private StatusAwareHttpClient(Duration connectTimeout, Duration readTimeout) {
    this.client = POOLS.computeIfAbsent(connectTimeout, t -> java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .connectTimeout(t)
        .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
        .build());
    this.readTimeout = readTimeout;
  }

  static HttpClientBuilder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
    request.headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
        values.forEach(v -> builder.header(name, v));
      }
    });
    String body = request.body();
    builder.method(request.method().name(), body == null
        ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new ModelCallException(ModelCallException.Kind.TIMEOUT, "no answer within " + readTimeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelCallException(ModelCallException.Kind.NETWORK, "interrupted");
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      throw new HttpStatusException(status, response.body(), retryAfter(response.headers().firstValue("retry-after").orElse(null)));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(status)
        .headers(response.headers().map())
        .body(response.body())
        .build();
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
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
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
      return new StatusAwareHttpClient(connectTimeout, readTimeout);
    }
  }
}
