package dev.promptcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Json;
import dev.promptcheck.support.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@code run} was asked, as typed fields, stored in its run folder ({@code command.json}) so
 * that {@code run --resume DIR} rebuilds the same run exactly: no command line is re-parsed, paths
 * are absolute or relative to the stored working directory, and options given again on the resume
 * line win. Secret values are stored masked ({@link Secrets}), so a secret {@code --var} must be
 * given again.
 */
record RunArguments(
    int format,
    String workingDir,
    List<String> paths,
    List<String> models,
    String judge,
    int concurrency,
    int rpm,
    int repeat,
    String timeout,
    int retries,
    String maxWait,
    Double maxCost,
    String cache,
    String record,
    String replay,
    Map<String, String> vars,
    String filter,
    String shard,
    String out,
    List<String> formats,
    String baseline,
    String failOn,
    Double minPassRate,
    String gate,
    String regressions,
    String clusterBy,
    String history,
    List<String> commandLine) {

  static final String FILE = "command.json";
  static final int FORMAT = 2;
  private static final ObjectMapper JSON = Json.MAPPER;

  /**
   * Written through {@link AtomicFiles} with the run's {@code secrets} (keys, secret {@code
   * --var}s) masked.
   */
  void write(Path runDir, Secrets secrets) throws IOException {
    AtomicFiles.write(runDir.resolve(FILE), secrets, JSON.writeValueAsString(this));
  }

  /**
   * @throws Main.UsageError when {@code runDir} holds no run this version can resume
   */
  static RunArguments read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isDirectory(runDir)) {
      throw new Main.UsageError("--resume " + runDir + ": no such run folder");
    }
    if (!Files.isRegularFile(file)) {
      throw new Main.UsageError(
          "--resume " + runDir + ": no " + FILE + " there; is it a promptcheck run folder?");
    }
    try {
      if (JSON.readTree(file.toFile()).isArray()) {
        throw new Main.UsageError(
            "--resume "
                + runDir
                + ": this run was started by an older promptcheck, which stored its command line"
                + " as text; run it again with the same arguments and --run-id");
      }
      return JSON.readValue(file.toFile(), RunArguments.class);
    } catch (IOException e) {
      throw new Main.UsageError(
          "--resume "
              + runDir
              + ": "
              + FILE
              + " is unreadable: "
              + originalMessage(e).lines().findFirst().orElse(""));
    }
  }

  private static String originalMessage(IOException e) {
    return e.getMessage();
  }
}
