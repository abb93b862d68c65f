package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promptcheck run} with no PATH finds prompt files where GitHub Models users keep them:
 * {@code prompts/} and {@code .github/prompts/}, else any {@code *.prompt.yml} in the repository
 * (not in .git, build output, dependencies or other hidden folders); with none, it says where it
 * looked.
 */
class DefaultPromptPathsTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach
  void model() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return FakeOpenAi.ok("fine");
          }
        });
  }

  private void prompt(String path) {
    Fixtures.write(
        dir,
        path,
        """
        name: %s
        model: openai:gpt-test
        messages: [{role: user, content: hi}]
        testData: [{x: 1}]
        evaluators: [{name: any, string: {contains: fine}}]
        """
            .formatted(path));
  }

  private Cli.Result run() {
    return new CliProcess(dir, server.url("/v1").toString())
        .run("run", "--out", "out", "--run-id", "r", "--cache", "off", "--quiet");
  }

  private List<String> filesRun() throws Exception {
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/r/results.json").toFile());
    List<String> files = new ArrayList<>();
    json.path("suites").forEach(s -> files.add(s.path("file").asText()));
    return files;
  }

  /** Where a walk must not look: a copy there would run twice or run a dependency's prompts. */
  private void distractors() {
    prompt("node_modules/some-package/x.prompt.yml");
    prompt("target/classes/x.prompt.yml");
    prompt("build/resources/x.prompt.yml");
    prompt(".git/x.prompt.yml");
    prompt(".venv/x.prompt.yml");
    prompt(".idea/x.prompt.yml");
  }

  @Test
  void githubPromptsFolderRunsWithNoPath() throws Exception {
    prompt(".github/prompts/summarize.prompt.yml");
    distractors();

    Cli.Result r = run();

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(filesRun()).containsExactly(".github/prompts/summarize.prompt.yml");
  }

  @Test
  void promptsAndGithubPromptsRunTogetherAndOtherFilesAreNamedNotRun() throws Exception {
    prompt("prompts/a.prompt.yml");
    prompt(".github/prompts/b.prompt.yaml");
    prompt("src/features/c.prompt.yml");
    distractors();

    Cli.Result r = run();

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(filesRun())
        .containsExactlyInAnyOrder("prompts/a.prompt.yml", ".github/prompts/b.prompt.yaml");
    assertThat(r.err())
        .contains("src/features/c.prompt.yml")
        .contains("1 other prompt file is not run")
        .doesNotContain("node_modules");
  }

  @Test
  void withoutEitherFolderEveryPromptYmlInTheRepositoryRuns() throws Exception {
    prompt("src/features/classify.prompt.yml");
    prompt("docs/examples/greet.prompt.yaml");
    prompt(".github/workflows-prompts/review.prompt.yml"); // .github is searched, other dot-folders
    // not
    Fixtures.write(dir, "docker-compose.yml", "services: {}\n");
    distractors();

    Cli.Result r = run();

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(filesRun())
        .containsExactlyInAnyOrder(
            "src/features/classify.prompt.yml",
            "docs/examples/greet.prompt.yaml",
            ".github/workflows-prompts/review.prompt.yml");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void validateAndLintTakeTheSameFilesAsRun() {
    prompt(".github/prompts/summarize.prompt.yml");
    Fixtures.write(dir, "src/broken.prompt.yml", "name: broken\nmessages: {oops\n");
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());

    Cli.Result validate = cli.run("validate");
    assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();
    assertThat(validate.out() + validate.err())
        .contains("src/broken.prompt.yml")
        .contains("not checked");
    assertThat(cli.run("lint").exit()).isZero();
    assertThat(cli.run("validate", "src").exit()).isEqualTo(ExitCode.INVALID_INPUT);
  }

  @Test
  void withNothingToFindItSaysWhereItLooked() {
    distractors();
    Fixtures.write(dir, "README.md", "# nothing here\n");

    Cli.Result r = run();

    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err())
        .contains("no prompt files")
        .contains("prompts/")
        .contains(".github/prompts/")
        .contains("*.prompt.yml")
        .contains(dir.toString())
        .contains("node_modules");
    assertThat(server.getRequestCount()).isZero();
  }
}
