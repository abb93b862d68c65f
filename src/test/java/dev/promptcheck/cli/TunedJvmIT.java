package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.run.HeldAnswers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code java -jar target/promptcheck.jar}, as CI and the Action start it: it restarts in a
 * tuned JVM, and the caller sees no difference (exit codes, arguments, stdin, signals).
 */
class TunedJvmIT {
  static final Path JAR = Path.of("target/promptcheck.jar").toAbsolutePath();
  @TempDir Path work;

  record Outcome(int exit, String out, String err) {}

  @BeforeAll
  static void needsTheJar() {
    assumeTrue(Files.isRegularFile(JAR), "run after package (mvn verify)");
  }

  private ProcessBuilder java(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().remove(TunedJvm.ENV);
    pb.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().putAll(env);
    return pb;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Outcome run(ProcessBuilder pb, File stdin) throws Exception {
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    Process p =
        pb.redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(stdin))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("timed out: " + pb.command());
    }
    return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void exitCodesAndArgumentsWithSpacesAndUnicodeReachTheTunedJvm() throws Exception {
    assumeTrue(
        "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
        "file names in Unicode need a UTF-8 locale");
    Path folder = Files.createDirectories(work.resolve("my prompts ü 日本"));
    Files.writeString(
        folder.resolve("good.prompt.yml"),
        "name: good\nmodel: openai:m\nmessages:\n  - {role: user, content: hi}\n");
    Outcome ok = run(java(Map.of(), "validate", folder.toString()), new File("/dev/null"));
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out() + ok.err()).contains("1 loaded");

    Files.writeString(
        folder.resolve("bad é.prompt.yml"),
        "name: bad\nmodel: openai:m\nmessages:\n  - {role: user, content: hi}\n"
            + "evaluators:\n  - {name: x, regex: '(unclosed'}\n");
    Outcome bad = run(java(Map.of(), "validate", folder.toString()), new File("/dev/null"));
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out() + bad.err()).contains("bad é.prompt.yml");
  }

  @Test
  void stdinIsTheCallersStdin() throws Exception {
    Path prompts = Files.createDirectories(work.resolve("prompts"));
    Path fromStdin = prompts.resolve("piped.prompt.yml");
    Files.createSymbolicLink(fromStdin, Path.of("/dev/stdin"));
    Path input =
        Files.writeString(
            work.resolve("input.yml"),
            "name: piped\nmodel: openai:m\nmessages:\n  - {role: user, content: hi}\n"
                + "evaluators:\n  - {name: x, regex: '(onlyinstdin'}\n",
            StandardCharsets.UTF_8);
    Outcome o = run(java(Map.of(), "validate", fromStdin.toString()), input.toFile());
    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.out() + o.err()).contains("bad-regex").contains("piped.prompt.yml:6:");
  }

  @Test
  void aRunRecordsTheClassArchiveOnceInPlaceOfTheJarsOlderOneAndFailingChecksStillExitOne()
      throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return FakeOpenAi.ok("goodbye");
            }
          });
      server.start();
      Path prompts = Files.createDirectories(work.resolve("prompts"));
      Files.writeString(
          prompts.resolve("hello.prompt.yml"),
          "name: hello\nmodel: openai:m\nmessages:\n  - {role: user, content: hi}\n"
              + "testData:\n  - {}\nevaluators:\n  - {name: greets, string: {contains: hello}}\n");
      Map<String, String> env =
          Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_API_KEY", "test-key-1");
      String archive = ClassArchiveCache.archiveName(JAR, Path.of(javaBin()));
      String anOlderBuild = ClassArchiveCache.jarPrefix(archive);
      Path cache = Files.createDirectories(work.resolve("cache/promptcheck"));
      Files.writeString(cache.resolve(anOlderBuild + "0-0.jsa"), "an older build's archive");
      Files.writeString(cache.resolve("promptcheck-0-0-0.jsa"), "another checkout's");
      // OpenAI itself, not the loopback server (which needs no key), and no key
      ProcessBuilder noKey = java(Map.of(), "run", "prompts");
      noKey.environment().remove("OPENAI_API_KEY");
      noKey.environment().remove("OPENAI_BASE_URL");
      Outcome refused = run(noKey, new File("/dev/null"));
      assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
      assertThat(archives()) // no key: the run stopped before loading what a run loads
          .containsExactlyInAnyOrder(anOlderBuild + "0-0.jsa", "promptcheck-0-0-0.jsa");

      Outcome first = run(java(env, "run", "prompts", "--cache", "off"), new File("/dev/null"));
      assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
      assertThat(archives()).containsExactlyInAnyOrder(archive, "promptcheck-0-0-0.jsa");

      Outcome second =
          run(
              java(env, "run", "prompts", "--cache", "off", "--run-id", "r2"),
              new File("/dev/null"));
      assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(1);
      assertThat(archives()).containsExactlyInAnyOrder(archive, "promptcheck-0-0-0.jsa");
      assertThat(first.err() + second.err()).doesNotContain("cds");
    }
  }

  @Test
  void ctrlCOnATerminalPrintsTheResumeLine() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for a pty");
    try (HeldAnswers server = new HeldAnswers()) {
      onePromptOfOneCase();
      // the run on a pseudo-terminal, as in a shell: the progress bar is on, and a Ctrl-C typed
      // into the terminal (byte 3) becomes SIGINT to both JVMs
      String run = String.join(" ", java(Map.of(), "run", "prompts", "--cache", "off").command());
      ProcessBuilder pb =
          new ProcessBuilder("/usr/bin/script", "-qefc", run, "/dev/null")
              .directory(work.toFile())
              .redirectOutput(work.resolve("tty.txt").toFile())
              .redirectErrorStream(true);
      pb.environment().putAll(java(Map.of(), "x").environment());
      pb.environment().put("OPENAI_BASE_URL", server.baseUrl());
      pb.environment().put("OPENAI_API_KEY", "test-key-1");
      pb.environment().remove("CI");
      Process terminal = pb.start();
      server.awaitCall(); // the tuned JVM is calling
      Thread.sleep(500); // the progress bar has drawn
      terminal.getOutputStream().write(3);
      terminal.getOutputStream().flush();
      assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String screen = Files.readString(work.resolve("tty.txt"));
      assertThat(screen)
          .contains("trials")
          .contains("promptcheck: stopped: 0 of 1 trials finished");
      assertThat(screen.substring(screen.lastIndexOf("stopped:"))).doesNotContain("trials  ");
    }
  }

  /** prompts/slow.prompt.yml: one case, no checks. */
  private void onePromptOfOneCase() throws Exception {
    Path prompts = Files.createDirectories(work.resolve("prompts"));
    Files.writeString(
        prompts.resolve("slow.prompt.yml"),
        "name: slow\nmodel: openai:m\nmessages:\n  - {role: user, content: hi}\ntestData:\n  - {}\n");
  }

  private List<String> archives() throws Exception {
    try (Stream<Path> files = Files.list(work.resolve("cache/promptcheck"))) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  @Test
  void aTermToTheOuterJvmEndsTheTunedOneAndNothingIsLeftBehind() throws Exception {
    try (HeldAnswers server = new HeldAnswers()) {
      onePromptOfOneCase();
      Map<String, String> env =
          Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "test-key-1");
      Process outer =
          java(env, "run", "prompts", "--cache", "off")
              .redirectOutput(work.resolve("o.txt").toFile())
              .redirectError(work.resolve("e.txt").toFile())
              .start();
      server.awaitCall(); // the tuned JVM is calling
      List<ProcessHandle> inner = outer.descendants().toList();
      assertThat(inner).as("the tuned JVM").isNotEmpty();
      outer.destroy(); // SIGTERM to the outer JVM only
      assertThat(outer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (ProcessHandle p : inner) {
        p.onExit().get(10, TimeUnit.SECONDS);
        assertThat(p.isAlive()).isFalse();
      }
      assertThat(outer.exitValue()).isNotZero();
    }
  }
}
