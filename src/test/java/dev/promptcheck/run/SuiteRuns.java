package dev.promptcheck.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Runs suites from Java against loopback servers, for the call path's tests. */
final class SuiteRuns {
  private SuiteRuns() {}

  static RunOptions options(
      List<String> models,
      int concurrency,
      CacheMode cache,
      Path cacheDir,
      Path recordDir,
      Path replayDir) {
    return RunOptions.builder()
        .models(models)
        .concurrency(concurrency)
        .timeout(Duration.ofSeconds(10))
        .retries(0)
        .cache(cache)
        .cacheDir(cacheDir)
        .recordDir(recordDir)
        .replayDir(replayDir)
        .build();
  }

  /** {@code cases} questions to {@code model}; each passes when the answer echoes its question. */
  static void echoSuite(Path dir, String model, int cases) {
    StringBuilder yaml =
        new StringBuilder(
            "name: echo\nmodel: "
                + model
                + "\nmessages: [{role: user, content: '{{input}}'}]\n"
                + "evaluators: [{name: echoes, string: {contains: '{{input}}'}}]\ntestData:\n");
    for (int i = 0; i < cases; i++) {
      yaml.append("  - input: question ").append(i).append('\n');
    }
    Fixtures.write(dir, "prompts/echo.prompt.yml", yaml.toString());
  }

  static RunResult run(Path dir, RunOptions options, CallPaths pool, String runId) {
    PromptSuite suite = new SuiteLoader(dir).load(List.of("prompts"));
    Diagnostics diagnostics = new Diagnostics();
    RunResult result =
        RunSession.execute(
            suite.runnable(),
            options,
            pool,
            new RunSession.Setup(runId, dir.resolve("reports").resolve(runId), dir, List.of()),
            TrialRunner.Listener.NONE,
            diagnostics);
    if (diagnostics.hasErrors() || !suite.diagnostics().stream().noneMatch(d -> d.isError())) {
      throw new AssertionError("suite did not load: " + diagnostics.all() + suite.diagnostics());
    }
    return result;
  }

  /** The last user message of an OpenAI chat request. */
  static String question(RecordedRequest request) {
    try {
      JsonNode messages = new ObjectMapper().readTree(request.getBody().utf8()).path("messages");
      return messages.get(messages.size() - 1).path("content").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers every question with {@code prefix} and the question itself. */
  static Dispatcher echo(String prefix) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return FakeOpenAi.ok(prefix + question(request));
      }
    };
  }
}
