import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor bench/run.sh measures promptcheck against: the least a Java client can do for the same
 * work. Each case of cases.jsonl is one chat-completion request (the bench prompt's two messages),
 * sent by 32 threads over one OkHttp client, its answer parsed with Jackson and checked with the
 * same two RE2/J patterns the bench's evaluators come down to (Markdown headings, a python fence).
 * No journal, no reports. Compiled and run by bench/run.sh against promptcheck.jar's classes; not
 * part of the jar.
 *
 * <p>java Floor CASES.jsonl BASE_URL [THREADS]
 */
public final class Floor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType TYPE = MediaType.get("application/json");
  private static final Pattern HEADING =
      Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("```python");

  public static void main(String[] args) throws Exception {
    List<String> cases = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    String url = args[1].replaceAll("/+$", "") + "/chat/completions";
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(threads);
    dispatcher.setMaxRequestsPerHost(threads);
    OkHttpClient http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(threads, 5, TimeUnit.MINUTES))
            .build();
    AtomicInteger passed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (String line : cases) {
      if (line.isBlank()) {
        continue;
      }
      pool.submit(
          () -> {
            try {
              String input = JSON.readTree(line).path("input").asText();
              ObjectNode body = JSON.createObjectNode().put("model", "bench-model");
              body.putArray("messages")
                  .add(
                      JSON.createObjectNode()
                          .put("role", "system")
                          .put("content", "You review Python code for performance."))
                  .add(JSON.createObjectNode().put("role", "user").put("content", input));
              Request request =
                  new Request.Builder()
                      .url(url)
                      .header("Authorization", "Bearer bench")
                      .post(RequestBody.create(JSON.writeValueAsBytes(body), TYPE))
                      .build();
              try (Response response = http.newCall(request).execute()) {
                JsonNode answer = JSON.readTree(response.body().byteStream());
                String text = answer.path("choices").path(0).path("message").path("content").asText();
                (check(text) ? passed : failed).incrementAndGet();
              }
            } catch (Exception e) {
              failed.incrementAndGet();
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    System.out.println("floor passed " + passed + " failed " + failed);
  }

  /** Both section headings, in order, and a python code fence. */
  private static boolean check(String text) {
    Matcher m = HEADING.matcher(text);
    int step = 0;
    String[] expect = {"Performance Analysis", "Optimized Implementation"};
    while (m.find() && step < expect.length) {
      if (m.group(1).contains(expect[step])) {
        step++;
      }
    }
    return step == expect.length && FENCE.matcher(text).find();
  }
}
