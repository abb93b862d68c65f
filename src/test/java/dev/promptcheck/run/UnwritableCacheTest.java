package dev.promptcheck.run;

import static dev.promptcheck.run.SuiteRuns.echo;
import static dev.promptcheck.run.SuiteRuns.echoSuite;
import static dev.promptcheck.run.SuiteRuns.options;
import static dev.promptcheck.run.SuiteRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache is optional: when it cannot be written the run warns once, in one line naming
 * the path and the cause, and goes on with live answers (it used to abort with "a trial failed
 * unexpectedly").
 */
class UnwritableCacheTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private CallPaths pool(RunOptions options) {
    return new CallPaths(
            options,
            ProjectConfig.empty(),
            Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_API_KEY", "sk-1"))
        .onWarning(warnings::add);
  }

  private RunResult runWithCacheAt(Path cache, CallPaths pool) {
    server.setDispatcher(echo("answer: "));
    echoSuite(dir, "openai:gpt-test", 5);
    RunOptions options = options(List.of(), 3, CacheMode.ON, cache, null, null);
    return run(dir, options, pool == null ? pool(options) : pool, "r");
  }

  private static void assertAllAnsweredLive(RunResult run) {
    assertThat(run.trials()).hasSize(5);
    assertThat(run.trials()).extracting(TrialResult::status).containsOnly(Status.PASS);
    assertThat(run.trials()).extracting(TrialResult::source).containsOnly(Source.LIVE);
  }

  @Test
  void aCachePathThatIsARegularFile() throws IOException {
    Path cache = Files.writeString(dir.resolve(".promptcheck-cache"), "not a folder");
    assertAllAnsweredLive(runWithCacheAt(cache, null));
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains(cache.toString())
        .contains("FileAlreadyExistsException")
        .contains("going on without caching answers")
        .doesNotContain("\n");
  }

  @Test
  void aReadOnlyCacheFolder() throws IOException {
    Path cache = Files.createDirectories(dir.resolve(".promptcheck-cache"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(cache), "running as root: a read-only folder stays writable");
      assertAllAnsweredLive(runWithCacheAt(cache, null));
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains(cache.toString()).contains("not writable");
    } finally {
      Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aStoreWhoseWritesFailMidRunWarnsOnceAndTheRunGoesOn() {
    Path cache = dir.resolve(".promptcheck-cache");
    RunOptions options = options(List.of(), 3, CacheMode.ON, cache, null, null);
    CallPaths pool =
        pool(options)
            .cacheWriter(
                (file, content) -> {
                  throw new IOException("No space left on device");
                });
    assertAllAnsweredLive(runWithCacheAt(cache, pool));
    assertThat(warnings)
        .containsExactly(
            "cannot write the response cache "
                + cache
                + " (IOException: No space left on device); going on without caching answers");
  }
}
