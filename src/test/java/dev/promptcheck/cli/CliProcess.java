package dev.promptcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI run in a folder with an OpenAI-compatible server's address and a key in its environment:
 * in this JVM through an {@link Invocation}, or in its own (so signals and raw streams are real).
 */
final class CliProcess {
  static final String KEY = "sk-test-key-for-loopback-4242";

  final Path dir;
  final Map<String, String> env = new LinkedHashMap<>();

  CliProcess(Path dir, String baseUrl) {
    this.dir = dir;
    env.put("OPENAI_BASE_URL", baseUrl);
    env.put("OPENAI_API_KEY", KEY);
    env.put("CI", "true");
  }

  List<String> command(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  Process start(String... args) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command(args))
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The CLI in this JVM, in {@link #dir} with {@link #env}: what most drills need. */
  Cli.Result run(String... args) {
    return Cli.run(new Invocation(dir, env), args);
  }

  /** The CLI in its own JVM: where the raw streams, signals or exit of a process matter. */
  Cli.Result runInItsOwnJvm(String... args) throws Exception {
    Process p = start(args);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promptcheck " + String.join(" ", args) + " did not finish");
    }
    return new Cli.Result(
        p.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }
}
