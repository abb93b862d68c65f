package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a folder walk or a glob reads as prompt files. */
class DiscoveryTest {
  @TempDir Path dir;

  private static final String PROMPT = "name: p\nmessages: [{role: user, content: hi}]\n";

  private List<String> found(String... args) {
    return new SuiteLoader(dir)
        .load(List.of(args)).files().stream()
            .map(f -> dir.relativize(f.path()).toString().replace('\\', '/'))
            .sorted()
            .toList();
  }

  @Test
  void dotFoldersAreSearchedLikeAnyOther() {
    Fixtures.write(dir, ".github/prompts/triage.prompt.yml", PROMPT);
    Fixtures.write(dir, ".config/ai/summary.prompt.yaml", PROMPT);
    Fixtures.write(dir, "prompts/plain.prompt.yml", PROMPT);
    assertThat(found("."))
        .containsExactly(
            ".config/ai/summary.prompt.yaml",
            ".github/prompts/triage.prompt.yml",
            "prompts/plain.prompt.yml");
  }

  @Test
  void dependencyBuildAndEnvironmentFoldersAreSkipped() {
    for (String skipped :
        List.of(".git", "node_modules", "target", "build", ".venv", "venv", "__pycache__")) {
      Fixtures.write(dir, skipped + "/deep/x.prompt.yml", PROMPT);
    }
    Fixtures.write(dir, "src/build-notes.prompt.yml", PROMPT);
    assertThat(found(".")).containsExactly("src/build-notes.prompt.yml");
  }

  @Test
  void otherYamlIsAPromptFileOnlyWhenItHasMessages() {
    Fixtures.write(dir, "docker-compose.yml", "services:\n  web: {image: nginx}\n");
    Fixtures.write(dir, ".github/workflows/ci.yml", "on: push\njobs: {}\n");
    Fixtures.write(dir, "test-data/rows.yaml", "- {input: a}\n- {input: b}\n");
    Fixtures.write(dir, "evals/sentiment.yml", "# a prompt without the suffix\n" + PROMPT);
    Fixtures.write(dir, "evals/quoted.yaml", "\"messages\": [{role: user, content: hi}]\n");
    Fixtures.write(dir, "evals/nested.yml", "jobs:\n  messages: [1]\n");
    assertThat(found(".")).containsExactly("evals/quoted.yaml", "evals/sentiment.yml");
    assertThat(found("**/*.yml")).containsExactly("evals/sentiment.yml");
  }

  @Test
  void aFileNamedOnTheCommandLineIsAlwaysRead() {
    Path compose = Fixtures.write(dir, "docker-compose.yml", "services: {}\n");
    PromptSuite suite = new SuiteLoader(dir).load(List.of(compose.toString()));
    assertThat(suite.filesRead()).isEqualTo(1);
    assertThat(suite.diagnostics()).extracting(Diagnostic::code).contains("no-messages");
  }

  /** The real-file corpus, when this machine has it: every file of it is found by the walk. */
  @Test
  void theWildCorpusIsFoundWhole() throws Exception {
    Path wild = Path.of("../shared/corpus/wild").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isDirectory(wild), "no corpus here");
    long expected;
    try (var lines = Files.lines(wild.resolve("MANIFEST.tsv"))) {
      expected = lines.skip(1).filter(l -> !l.isBlank()).count();
    }
    assertThat(new SuiteLoader(wild).load(List.of(wild.toString())).filesRead())
        .isEqualTo((int) expected);
  }

  @Test
  void anEmptyPromptFileIsAWarningNotAnError() {
    // gh models loads an empty file as an empty prompt and its eval passes with 0 tests
    Fixtures.write(dir, "prompts/seed.prompt.yml", "");
    Fixtures.write(dir, "prompts/blank.prompt.yml", "\n# nothing yet\n");
    Fixtures.write(dir, "prompts/real.prompt.yml", PROMPT);
    PromptSuite suite = new SuiteLoader(dir).load(List.of("prompts"));
    assertThat(suite.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::isError)
        .containsOnly(Tuple.tuple("empty-file", false));
    assertThat(suite.diagnostics()).hasSize(2);
    assertThat(suite.files()).hasSize(1);
  }

  /**
   * A FIFO named like a prompt file would block a reader forever: refused or warned, never read.
   */
  @Test
  void aPipeIsNotARegularFileNeitherMissingNorSkippedInSilence() throws Exception {
    Path fifo = dir.resolve("prompts/pipe.prompt.yml");
    Files.createDirectories(fifo.getParent());
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      Assumptions.abort("no mkfifo here");
      return;
    }
    Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
    Fixtures.write(dir, "prompts/real.prompt.yml", PROMPT);

    PromptSuite named = new SuiteLoader(dir).load(List.of("prompts/pipe.prompt.yml"));
    assertThat(named.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.isError()).isTrue();
              assertThat(d.code()).isEqualTo(SuiteLoader.NOT_A_FILE);
              assertThat(d.message()).contains("is not a regular file");
            });

    PromptSuite folder = new SuiteLoader(dir).load(List.of("prompts"));
    assertThat(folder.files()).hasSize(1);
    assertThat(folder.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.isError()).isFalse();
              assertThat(d.where().file()).isEqualTo(fifo);
              assertThat(d.code()).isEqualTo(SuiteLoader.NOT_A_FILE);
            });
  }
}
