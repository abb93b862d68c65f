package dev.promptcheck.run;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OpenAI-compatible loopback server that holds every answer until it is closed (at most 30 s): a
 * run stays mid-call for as long as a test needs to signal or kill it.
 */
public final class HeldAnswers implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final MockWebServer server = new MockWebServer();

  public HeldAnswers() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
            return FakeOpenAi.ok("late");
          }
        });
    server.start();
  }

  /** The base URL to give as {@code OPENAI_BASE_URL}. */
  public String baseUrl() {
    return server.url("/v1").toString();
  }

  /** Waits until a call has arrived: the run is calling. */
  public void awaitCall() throws InterruptedException {
    server.takeRequest(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    release.countDown(); // before close, which waits for the dispatcher
    server.close();
  }
}
