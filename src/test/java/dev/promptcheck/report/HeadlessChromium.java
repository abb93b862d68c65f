package dev.promptcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket on loopback): open a
 * page, evaluate JavaScript in it, take a screenshot. Flags as this machine needs them: no sandbox
 * as root, no background networking.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final WebSocket socket;
  private final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS).build();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  /**
   * The errors the page logged or threw since {@link #watchConsole}: script exceptions, {@code
   * console.error}, failed loads.
   */
  public List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  /** Starts collecting {@link #consoleErrors}: call before {@link #open}. */
  public void watchConsole() throws Exception {
    call("Runtime.enable", null);
    call("Log.enable", null);
  }

  public static Optional<Path> binary() {
    for (String candidate :
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(Path.of(candidate));
      }
    }
    return Optional.empty();
  }

  public HeadlessChromium(Path binary, Path profile) throws Exception {
    process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "--window-size=1400,1000",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling("chromium.log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException(
            "Chromium did not start: " + Files.readString(profile.resolveSibling("chromium.log")));
      }
      Thread.sleep(50);
    }
    String port = Files.readAllLines(portFile).get(0).strip();
    String wsUrl = null;
    try (Response r =
        http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/json/list").build())
            .execute()) {
      for (JsonNode target : JSON.readTree(r.body().string())) {
        if (target.path("type").asText().equals("page")) {
          wsUrl = target.path("webSocketDebuggerUrl").asText();
        }
      }
    }
    CompletableFuture<Void> open = new CompletableFuture<>();
    socket =
        http.newWebSocket(
            new Request.Builder().url(wsUrl).build(),
            new WebSocketListener() {
              @Override
              public void onOpen(WebSocket webSocket, Response response) {
                open.complete(null);
              }

              @Override
              public void onMessage(WebSocket webSocket, String text) {
                try {
                  JsonNode msg = JSON.readTree(text);
                  String method = msg.path("method").asText();
                  if (method.equals("Runtime.exceptionThrown")
                      || (method.equals("Runtime.consoleAPICalled")
                          && msg.path("params").path("type").asText().equals("error"))
                      || (method.equals("Log.entryAdded")
                          && msg.path("params")
                              .path("entry")
                              .path("level")
                              .asText()
                              .equals("error"))) {
                    consoleErrors.add(msg.path("params").toString());
                  }
                  if (msg.has("id")) {
                    CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                    if (f != null) {
                      f.complete(msg);
                    }
                  }
                } catch (IOException e) {
                  // not a reply to us
                }
              }

              @Override
              public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                open.completeExceptionally(t);
                pending.values().forEach(f -> f.completeExceptionally(t));
              }
            });
    open.get(30, TimeUnit.SECONDS);
  }

  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params == null ? JSON.createObjectNode() : params);
    socket.send(JSON.writeValueAsString(msg));
    JsonNode r = reply.get(60, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  public JsonNode eval(String expression) throws Exception {
    JsonNode r =
        call(
            "Runtime.evaluate",
            JSON.createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    return r.path("result").path("value");
  }

  public void open(Path file, String readyExpression) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!eval(readyExpression).asBoolean(false)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("page did not become ready: " + readyExpression);
      }
      Thread.sleep(50);
    }
  }

  void screenshot(Path png) throws Exception {
    JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
  }

  /** The whole page, not only the window: the layout's full size, captured beyond the viewport. */
  public void screenshotFullPage(Path png) throws Exception {
    JsonNode size = call("Page.getLayoutMetrics", null).path("cssContentSize");
    ObjectNode clip =
        JSON.createObjectNode()
            .put("x", 0)
            .put("y", 0)
            .put("width", Math.ceil(size.path("width").asDouble()))
            .put("height", Math.ceil(size.path("height").asDouble()))
            .put("scale", 1);
    ObjectNode params =
        JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    params.set("clip", clip);
    JsonNode r = call("Page.captureScreenshot", params);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
  }

  @Override
  public void close() throws Exception {
    socket.close(1000, "done");
    // Chromium's helper processes (renderer, crashpad) outlive the browser process for a moment and
    // keep writing into the profile; the test's temporary folder can only be deleted once every one
    // of them has exited, so stop and await the whole tree.
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle helper : tree) {
      helper.destroy();
      try {
        helper.onExit().get(5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        helper.destroyForcibly();
        helper.onExit().get(5, TimeUnit.SECONDS);
      }
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
