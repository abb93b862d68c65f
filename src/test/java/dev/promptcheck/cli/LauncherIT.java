package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.run.HeldAnswers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
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
 * The launcher as another repository uses it: the distribution that `mvn package` built, unpacked
 * outside the checkout and called through symlinks from an unrelated working directory. Runs in
 * `verify` (failsafe), after `package`, so it reuses that build instead of making its own.
 */
class LauncherIT {
  static final Path CHECKOUT = Path.of("").toAbsolutePath();
  @TempDir static Path installRoot;
  static Path installed;

  @TempDir Path elsewhere;

  record Outcome(int exit, String out, String err) {}

  @BeforeAll
  static void unpackDistribution() throws Exception {
    String archive = System.getProperty("promptcheck.dist");
    assumeTrue(archive != null, "run through failsafe (mvn verify), which builds the distribution");
    Outcome untar =
        run(
            installRoot,
            Map.of(),
            List.of("tar", "xzf", Path.of(archive).toAbsolutePath().toString()));
    assertThat(untar.exit()).as(untar.err()).isZero();
    installed = installRoot.resolve("promptcheck-" + Main.version());
    assertThat(installed.resolve("promptcheck")).isExecutable();
    assertThat(installed.resolve("promptcheck.jar")).isRegularFile();
  }

  @Test
  void runsASuiteThroughAChainOfSymlinksFromAnotherRepository() throws Exception {
    // ~/bin/promptcheck -> ../tools/pc (relative) -> <install>/promptcheck (absolute)
    Path tools = Files.createDirectories(elsewhere.resolve("tools"));
    Files.createSymbolicLink(tools.resolve("pc"), installed.resolve("promptcheck"));
    Path bin = Files.createDirectories(elsewhere.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("promptcheck"), Path.of("../tools/pc"));
    Path repo = Files.createDirectories(elsewhere.resolve("repo/prompts"));
    Files.writeString(
        repo.resolve("hello.prompt.yml"),
        """
        name: hello
        model: openai:gpt-4o-mini
        messages:
          - {role: user, content: "Say hello to {{who}}"}
        testData:
          - {who: Ada}
        evaluators:
          - {name: greets, string: {contains: hello}}
        """);

    Outcome version =
        run(
            repo.getParent(),
            Map.of(),
            List.of(bin.resolve("promptcheck").toString(), "--version"));
    assertThat(version.exit()).as(version.err()).isZero();
    assertThat(version.out()).contains("promptcheck " + Main.version());

    Outcome validate =
        run(
            repo.getParent(),
            Map.of(),
            List.of(bin.resolve("promptcheck").toString(), "validate", "prompts"));
    assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();
    assertThat(validate.err()).doesNotContain("building");
    assertThat(elsewhere.resolve("tools/target")).doesNotExist();
  }

  /** A copy of the distribution of its own, so no other test's run has recorded an archive yet. */
  private Path distributionCopy() throws IOException {
    Path dist = Files.createDirectories(elsewhere.resolve("dist"));
    for (String file : List.of("promptcheck", "promptcheck.jar")) {
      Files.copy(installed.resolve(file), dist.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    return dist;
  }

  /** A repository with one prompt file of one case; its folder. */
  private Path helloRepo() throws IOException {
    Path repo = Files.createDirectories(elsewhere.resolve("repo/prompts"));
    Files.writeString(
        repo.resolve("hello.prompt.yml"),
        "name: hello\nmodel: openai:m\nmessages:\n  - {role: user, content: hi}\n"
            + "testData:\n  - {}\nevaluators:\n  - {name: greets, string: {contains: hello}}\n");
    return repo.getParent();
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  @Test
  void ctrlCOrTermDuringTheRecordingRunStopsJavaKeepsNoArchiveAndExitsAsJavaWould()
      throws Exception {
    Path dist = distributionCopy();
    Path repo = helloRepo();
    try (HeldAnswers server = new HeldAnswers()) {
      for (String signal : List.of("INT", "TERM")) {
        ProcessBuilder pb =
            new ProcessBuilder(dist.resolve("promptcheck").toString(), "run", "prompts")
                .directory(repo.toFile())
                .redirectOutput(elsewhere.resolve("o.txt").toFile())
                .redirectError(elsewhere.resolve("e.txt").toFile());
        pb.environment().put("OPENAI_BASE_URL", server.baseUrl());
        pb.environment().put("OPENAI_API_KEY", "k-1");
        pb.environment().remove("PROMPTCHECK_JAVA_OPTS");
        Process launcher = pb.start();
        server.awaitCall(); // Java is calling
        List<ProcessHandle> java = launcher.descendants().toList();
        // the signal to the script alone, as a terminal's Ctrl-C or a CI runner's TERM would reach
        // it
        Process kill =
            new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as(signal).isTrue();
        assertThat(launcher.exitValue()).as(signal).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(Files.readString(elsewhere.resolve("e.txt"))).contains("resume with");
        for (ProcessHandle p : java) {
          assertThat(p.isAlive()).as("Java after " + signal).isFalse();
        }
        assertThat(filesIn(dist)).containsExactlyInAnyOrder("promptcheck", "promptcheck.jar");
      }
    }
  }

  @Test
  void theClassArchiveIsKeptFromARunThatRanNotFromOneRefusedAtItsInput() throws Exception {
    Path dist = distributionCopy();
    Path repo = helloRepo().resolve("prompts");
    List<String> run = List.of(dist.resolve("promptcheck").toString(), "run", "prompts");
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return FakeOpenAi.ok("hello");
            }
          });
      server.start();
      String base = server.url("/v1").toString();

      // OpenAI itself, not the loopback server (which needs no key), and no key
      Outcome refused = run(repo.getParent(), Map.of(), run);
      assertThat(refused.exit()).as(refused.err()).isEqualTo(2);
      assertThat(refused.err()).contains("OPENAI_API_KEY");
      assertThat(filesIn(dist)).containsExactlyInAnyOrder("promptcheck", "promptcheck.jar");

      Outcome ran =
          run(repo.getParent(), Map.of("OPENAI_BASE_URL", base, "OPENAI_API_KEY", "k-1"), run);
      assertThat(ran.exit()).as(ran.out() + ran.err()).isZero();
      assertThat(filesIn(dist))
          .containsExactlyInAnyOrder("promptcheck", "promptcheck.jar", "promptcheck.jsa");
    }
  }

  @Test
  void honoursJavaHomeAndRefusesAJavaOlderThan17() throws Exception {
    Path oldJava = Files.createDirectories(elsewhere.resolve("jdk11/bin")).resolve("java");
    Files.writeString(
        oldJava,
        "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\nexit 0\n",
        StandardCharsets.UTF_8);
    assertThat(oldJava.toFile().setExecutable(true)).isTrue();

    Outcome refused =
        run(
            elsewhere,
            Map.of("JAVA_HOME", elsewhere.resolve("jdk11").toString()),
            List.of(installed.resolve("promptcheck").toString(), "--version"));
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err()).contains("Java 11").contains("needs Java 17 or newer");

    Outcome viaJavaHome =
        run(
            elsewhere,
            Map.of("JAVA_HOME", System.getProperty("java.home")),
            List.of(installed.resolve("promptcheck").toString(), "--version"));
    assertThat(viaJavaHome.exit()).as(viaJavaHome.err()).isZero();
  }

  @Test
  void aLauncherWithoutItsJarSaysSoAndDoesNotTryToBuild() throws Exception {
    Path lonely = elsewhere.resolve("promptcheck");
    Files.copy(installed.resolve("promptcheck"), lonely);
    Outcome outcome = run(elsewhere, Map.of(), List.of(lonely.toString(), "--version"));
    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.err()).contains("no promptcheck.jar beside").doesNotContain("building");
  }

  @Test
  void theCheckoutsLauncherFindsItsJarThroughASymlink() throws Exception {
    assumeTrue(Files.isRegularFile(CHECKOUT.resolve("target/promptcheck.jar")));
    Path link = elsewhere.resolve("promptcheck");
    Files.createSymbolicLink(link, CHECKOUT.resolve("promptcheck"));
    Outcome outcome = run(elsewhere, Map.of(), List.of(link.toString(), "--version"));
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("promptcheck " + Main.version());
    assertThat(outcome.err()).doesNotContain("building");
  }

  /**
   * A checkout whose jar is stale builds it first; that build's output (Maven's colour resets
   * included) must not reach a log or a pipe as raw escape codes.
   */
  @Test
  void aBuildingLauncherPassesNoAnsiEscapesWhenNotOnATerminal() throws Exception {
    Path jar = CHECKOUT.resolve("target/promptcheck.jar");
    assumeTrue(Files.isRegularFile(jar));
    Path checkout = Files.createDirectories(elsewhere.resolve("checkout"));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(checkout.resolve("src/main"));
    Files.copy(CHECKOUT.resolve("promptcheck"), checkout.resolve("promptcheck"));
    checkout.resolve("promptcheck").toFile().setExecutable(true);
    Path bin = Files.createDirectories(elsewhere.resolve("fake-bin"));
    // a stand-in for mvn that writes colour resets whatever it is told, as Maven 3.8 does under -q
    // even with -B -Dstyle.color=never (its terminal library resets the colour as it closes)
    Files.writeString(
        bin.resolve("mvn"),
        "#!/bin/sh\n"
            + "printf '\\033[0m\\033[0m'; printf '\\033[0m\\033[0m' >&2\n"
            + "mkdir -p target && cp '"
            + jar
            + "' target/promptcheck.jar\n");
    bin.resolve("mvn").toFile().setExecutable(true);
    Outcome outcome =
        run(
            elsewhere,
            Map.of("PATH", bin + ":" + System.getenv("PATH")),
            List.of(checkout.resolve("promptcheck").toString(), "--version"));
    assertThat(outcome.exit()).as(outcome.err()).isZero();
    assertThat(outcome.err()).contains("building");
    assertThat(outcome.out() + outcome.err()).doesNotContain("\u001b");
  }

  static Outcome run(Path cwd, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> environment = pb.environment();
    environment.remove("JAVA_HOME");
    environment.remove("PROMPTCHECK_JAVA_OPTS");
    environment.remove("OPENAI_API_KEY");
    environment.remove("OPENAI_BASE_URL");
    environment.putAll(new HashMap<>(env));
    Path stdout = Files.createTempFile("launcher", ".out");
    Path stderr = Files.createTempFile("launcher", ".err");
    try {
      Process p =
          pb.redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Outcome(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
