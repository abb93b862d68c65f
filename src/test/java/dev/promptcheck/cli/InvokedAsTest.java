package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.support.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines that say what to type next say it as the user typed it (issue 24): after Ctrl-C a tool
 * started as {@code ./promptcheck} (the launcher passes its {@code $0}) or {@code java -jar
 * promptcheck.jar} says to resume with that, not with a {@code promptcheck} that may not be on
 * PATH.
 */
class InvokedAsTest {
  @TempDir Path dir;

  @Test
  void theWordsComeFromTheLauncherElseTheJarElseTheName() {
    Path own = Path.of("dist/promptcheck.jar");
    assertThat(InvokedAs.of("./promptcheck", List.of("-jar", "x.jar"), own))
        .isEqualTo("./promptcheck");
    assertThat(InvokedAs.of(null, List.of("-Xmx1g", "-jar", "dist/promptcheck.jar", "run"), own))
        .isEqualTo("java -jar dist/promptcheck.jar");
    assertThat(
            InvokedAs.of(
                null,
                List.of("-jar", "my tools/promptcheck.jar"),
                Path.of("my tools/promptcheck.jar")))
        .isEqualTo("java -jar 'my tools/promptcheck.jar'");
    assertThat(
            InvokedAs.of(null, List.of("-cp", "target/classes", "dev.promptcheck.cli.Main"), null))
        .isEqualTo("promptcheck");
    // another program's jar (a test runner's) calling the CLI in its JVM: not how to start it
    assertThat(InvokedAs.of(null, List.of("-jar", "surefirebooter.jar"), null))
        .isEqualTo("promptcheck");
    assertThat(InvokedAs.of(null, List.of("-jar", "app.jar"), own)).isEqualTo("promptcheck");
    assertThat(InvokedAs.of("  ", null, null)).isEqualTo("promptcheck");
  }

  @Test
  void theTunedRelaunchOfAJarPassesTheJarAsTheUserGaveIt() throws Exception {
    Path jar = Files.createFile(dir.resolve("promptcheck.jar"));
    List<String> jvm = List.of("-jar", jar.toString(), "run");
    TunedJvm.Plan plan =
        TunedJvm.plan(
                new String[] {"run"}, null, null, jvm, Path.of("/jdk/bin/java"), dir.resolve("c"))
            .orElseThrow();
    assertThat(plan.command()).contains("-D" + InvokedAs.PROPERTY + "=java -jar " + jar);
    assertThat(plan.command().indexOf("-D" + InvokedAs.PROPERTY + "=java -jar " + jar))
        .isLessThan(plan.command().indexOf("-jar"));
  }

  @Test
  void ctrlCSaysToResumeWithTheCommandAsInvoked() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return FakeOpenAi.ok("hello")
                  .newBuilder()
                  .bodyDelay(150, TimeUnit.MILLISECONDS)
                  .build();
            }
          });
      server.start();
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        rows.append("  - input: q").append(i).append('\n');
      }
      Fixtures.write(
          dir,
          "prompts/p.prompt.yml",
          "name: p\nmodel: openai:gpt-test\nmessages: [{role: user, content: '{{input}}'}]\n"
              + "evaluators: [{name: greets, string: {contains: hello}}]\ntestData:\n"
              + rows);
      CliProcess cli = new CliProcess(dir, server.url("/v1").toString());
      List<String> command =
          new ArrayList<>(
              cli.command(
                  "run", "prompts", "--run-id", "sig", "--cache", "off", "--concurrency", "2"));
      command.add(1, "-D" + InvokedAs.PROPERTY + "=./tools/promptcheck");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(dir.resolve("out.txt").toFile())
              .redirectError(dir.resolve("err.txt").toFile());
      pb.environment().putAll(cli.env);
      Process p = pb.start();
      Path journal = dir.resolve("reports/sig/results.jsonl");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (p.isAlive()
          && System.nanoTime() < deadline
          && (!Files.exists(journal) || Files.readAllLines(journal).size() < 3)) {
        Thread.sleep(20);
      }
      p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook prints the line
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

      assertThat(Files.readString(dir.resolve("err.txt")))
          .contains("resume with: ./tools/promptcheck run --resume reports/sig")
          .doesNotContain("resume with: promptcheck run");
    }
  }

  @Test
  void anInProcessInvocationGivesItsOwnWords() {
    Invocation mine = new Invocation(dir, Map.of(), Secrets.of(Map.of()), "java -jar pc.jar");
    assertThat(mine.commandLine("run --resume r")).isEqualTo("java -jar pc.jar run --resume r");
    assertThat(new Invocation(dir, Map.of()).command()).isEqualTo("promptcheck");
  }
}
