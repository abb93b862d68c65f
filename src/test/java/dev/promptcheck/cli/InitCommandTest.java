package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `init` writes a starter suite that `run --replay` passes offline, and never overwrites. */
class InitCommandTest {
  @TempDir Path dir;

  @Test
  void theStarterSuitePassesOfflineFromItsRecordings() throws Exception {
    Cli.Result init = Cli.run("init", dir.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    String prompt = Files.readString(dir.resolve("prompts/support-reply.prompt.yml"));
    assertThat(prompt)
        .contains("testData:")
        .contains("headers:")
        .contains("string:")
        .contains("regex:");
    assertThat(dir.resolve("promptcheck.yaml")).content().contains("starter:");
    try (Stream<Path> recordings = Files.list(dir.resolve("test-data/recordings"))) {
      assertThat(recordings.toList())
          .hasSize(3)
          .allSatisfy(
              r -> assertThat(r).content().contains("sample answer written by promptcheck init"));
    }

    Cli.Result run =
        Cli.run(
            "run",
            dir.resolve("prompts").toString(),
            "--replay",
            dir.resolve("test-data/recordings").toString(),
            "--out",
            dir.resolve("reports").toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("PASS 3/3").contains("3 answers replayed from recordings");
    assertThat(dir.resolve("reports/latest/report.html")).isRegularFile();
  }

  @Test
  void refusesToOverwriteAndSaysWhichFilesAreInTheWay() throws Exception {
    Files.createDirectories(dir.resolve("prompts"));
    Files.writeString(dir.resolve("promptcheck.yaml"), "models: {}\n");
    Cli.Result init = Cli.run("init", dir.toString());
    assertThat(init.exit()).isEqualTo(2);
    assertThat(init.err())
        .contains("not overwriting " + dir.resolve("promptcheck.yaml"))
        .contains("nothing was written");
    assertThat(dir.resolve("promptcheck.yaml")).hasContent("models: {}");
    assertThat(dir.resolve("prompts/support-reply.prompt.yml")).doesNotExist();
  }
}
