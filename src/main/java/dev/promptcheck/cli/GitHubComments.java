package dev.promptcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptcheck.support.Json;
import dev.promptcheck.support.Texts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A pull request's own comment through GitHub's REST API (issues/comments: a pull request is an
 * issue there): the comment whose body carries a marker is updated (PATCH), else one is created
 * (POST), so a new push edits the comment instead of adding another.
 */
final class GitHubComments {
  static final int PAGE = 100;

  /** Far beyond any real pull request's comments; a loop that cannot end is never an option. */
  static final int MAX_PAGES = 100;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  private final HttpUrl api;
  private final String repository;
  private final String token;

  /** GitHub refused or could not be reached: one line for the user. */
  static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** What {@link #upsert} did. */
  record Posted(long id, boolean created, String url) {}

  GitHubComments(String apiUrl, String repository, String token) {
    HttpUrl parsed = HttpUrl.parse(apiUrl);
    if (parsed == null) {
      throw new Main.UsageError("GITHUB_API_URL is not a URL: '" + apiUrl + "'");
    }
    if (repository == null || !repository.matches("[^/\\s]+/[^/\\s]+")) {
      throw new Main.UsageError(
          "--post needs the repository as owner/name in GITHUB_REPOSITORY, not '"
              + repository
              + "'");
    }
    this.api = parsed;
    this.repository = repository;
    this.token = token;
  }

  Posted upsert(int pullRequest, String marker, String body) throws Failure {
    Long existing = find(pullRequest, marker);
    String payload = Json.MAPPER.createObjectNode().put("body", body).toString();
    if (existing != null) {
      JsonNode r =
          call(
              "PATCH",
              url("repos", owner(), name(), "issues", "comments", String.valueOf(existing)).build(),
              payload);
      return new Posted(existing, false, r.path("html_url").asText(""));
    }
    JsonNode r =
        call(
            "POST",
            url("repos", owner(), name(), "issues", String.valueOf(pullRequest), "comments")
                .build(),
            payload);
    return new Posted(r.path("id").asLong(), true, r.path("html_url").asText(""));
  }

  /** The id of the first comment whose body carries {@code marker}, or null. */
  private Long find(int pullRequest, String marker) throws Failure {
    for (int page = 1; page <= MAX_PAGES; page++) {
      HttpUrl listing =
          url("repos", owner(), name(), "issues", String.valueOf(pullRequest), "comments")
              .addQueryParameter("per_page", String.valueOf(PAGE))
              .addQueryParameter("page", String.valueOf(page))
              .build();
      JsonNode comments = call("GET", listing, null);
      for (JsonNode c : comments) {
        if (c.path("body").asText("").contains(marker)) {
          return c.path("id").asLong();
        }
      }
      if (comments.size() < PAGE) {
        return null;
      }
    }
    return null;
  }

  private JsonNode call(String method, HttpUrl url, String payload) throws Failure {
    Request.Builder b =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "promptcheck");
    b.method(method, payload == null ? null : RequestBody.create(payload, JSON));
    String shown = method + " " + url.encodedPath();
    try (Response response = http.newCall(b.build()).execute()) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw new Failure(
            "GitHub answered "
                + response.code()
                + " to "
                + shown
                + ": "
                + message(text)
                + hint(response.code()));
      }
      return text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new Failure("cannot reach GitHub at " + api + " (" + shown + "): " + e.getMessage());
    }
  }

  private static String message(String body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      String m = json.path("message").asText("");
      if (!m.isEmpty()) {
        return m;
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: its first line says what it can
    }
    return Texts.oneLine(body, 200);
  }

  private static String hint(int code) {
    return switch (code) {
      case 401 -> " (GITHUB_TOKEN is not a valid token)";
      case 403, 404 ->
          " (the job needs `permissions: pull-requests: write`; a pull request from a fork gets a"
              + " read-only token)";
      default -> "";
    };
  }

  private HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder b = api.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b;
  }

  private String owner() {
    return repository.substring(0, repository.indexOf('/'));
  }

  private String name() {
    return repository.substring(repository.indexOf('/') + 1);
  }

  /** The pull request's number from the event file Actions gives ({@code pull_request.number}). */
  static Integer pullRequestOf(Map<String, String> env) {
    String path = env.get("GITHUB_EVENT_PATH");
    if (path == null || path.isBlank()) {
      return null;
    }
    try {
      JsonNode number =
          Json.MAPPER.readTree(Path.of(path).toFile()).path("pull_request").path("number");
      return number.canConvertToInt() && number.asInt() > 0 ? number.asInt() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
