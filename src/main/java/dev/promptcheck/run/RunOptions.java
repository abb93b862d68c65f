package dev.promptcheck.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs besides its prompt files; the CLI fills it from flags, a library user
 * directly.
 */
public record RunOptions(
    List<String> models,
    String judge,
    int concurrency,
    int requestsPerMinute,
    int repeat,
    Duration timeout,
    int retries,
    CacheMode cache,
    Path cacheDir,
    Path recordDir,
    Path replayDir,
    Map<String, String> vars,
    String filter,
    Shard shard) {

  public static RunOptions defaults() {
    return new RunOptions(
        List.of(),
        null,
        8,
        0,
        1,
        Duration.ofSeconds(60),
        3,
        CacheMode.ON,
        Path.of(".promptcheck-cache"),
        null,
        null,
        Map.of(),
        null,
        Shard.ALL);
  }
}
