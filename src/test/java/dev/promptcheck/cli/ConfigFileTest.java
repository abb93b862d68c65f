package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promptcheck.yaml as `run` finds and checks it: from the suite's folder up to the repository root
 * (or --config), read before any call, a misspelt key or an unknown model an error that costs no
 * request. Models reach a loopback server that counts requests: through promptcheck.yaml's baseUrl
 * in this JVM, and through OPENAI_BASE_URL in the one run that starts its own process (the typo
 * that used to call api.openai.com).
 */
class ConfigFileTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  Path repo;

  @BeforeEach
  void repositoryWithASuiteInASubfolder() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return FakeOpenAi.ok("hello");
          }
        });
    repo = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(repo.resolve(".git"));
    Fixtures.write(
        repo,
        "team/prompts/hi.prompt.yml",
        "name: hi\nmessages: [{role: user, content: 'say hello'}]\ntestData: [{x: 1}]\n"
            + "evaluators: [{name: greets, string: {contains: hello}}]\n");
  }

  @Test
  void theRepositorysFileIsFoundFromAnotherWorkingDirectory() throws Exception {
    Fixtures.write(
        repo,
        "promptcheck.yaml",
        "models:\n  steady:\n    model: openai:gpt-test\n    baseUrl: " + server.url("/v1") + "\n");
    Cli.Result run = inProcess(repo.resolve("team/prompts"), "--model", "steady");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aMisspeltTopLevelKeyStopsTheRunBeforeAnyRequest() throws Exception {
    Fixtures.write(repo, "promptcheck.yaml", "model:\n  steady:\n    model: openai:gpt-test\n");
    Outcome run = run(repo, "run", "team/prompts", "--model", "steady");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("promptcheck.yaml:1:1: error: 'model' is not a top-level key")
        .contains("did you mean 'models'?");
    assertThat(server.getRequestCount()).isZero();
    assertThat(repo.resolve("reports")).doesNotExist();
  }

  @Test
  void anUnknownModelNameIsAnErrorNeverASilentOpenAiModel() throws Exception {
    Fixtures.write(repo, "promptcheck.yaml", "models:\n  steady: {model: 'openai:gpt-test'}\n");
    Cli.Result typo = inProcess(repo.resolve("team/prompts"), "--model", "stedy");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("--model stedy: unknown model 'stedy'; did you mean 'steady'?");

    // a file's own bare model: named with the file, before any call
    Fixtures.write(
        repo,
        "team/prompts/hi.prompt.yml",
        "name: hi\nmodel: gpt-4o\nmessages: [{role: user, content: hello}]\ntestData: [{x: 1}]\n");
    Cli.Result bare = inProcess(repo.resolve("team/prompts"));
    assertThat(bare.exit()).isEqualTo(2);
    assertThat(bare.err())
        .contains("team/prompts/hi.prompt.yml: model: unknown model 'gpt-4o'")
        .contains("openai:gpt-4o");
  }

  @Test
  void configNamesTheFileToUse() throws Exception {
    Path other =
        Fixtures.write(
            dir,
            "elsewhere/models.yaml",
            "models:\n  steady:\n    model: openai:gpt-test\n    baseUrl: "
                + server.url("/v1")
                + "\n");
    Fixtures.write(repo, "promptcheck.yaml", "models: {}\n");
    Cli.Result run =
        inProcess(repo.resolve("team/prompts"), "--model", "steady", "--config", other.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);

    Cli.Result missing =
        inProcess(repo.resolve("team/prompts"), "--config", dir.resolve("nope.yaml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml: no such file");
  }

  record Outcome(int exit, String out, String err) {}

  /** In this JVM, from the checkout: the suite is found by its absolute path. */
  private Cli.Result inProcess(Path suite, String... more) {
    List<String> args = new ArrayList<>(List.of("run", suite.toString()));
    args.addAll(List.of(more));
    args.addAll(List.of("--cache", "off", "--quiet", "--out", dir.resolve("reports").toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  private Outcome run(Path cwd, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--cache", "off", "--quiet"));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("OPENAI_BASE_URL", server.url("/v1").toString());
    pb.environment().put("OPENAI_API_KEY", "sk-test");
    pb.environment().put("CI", "true");
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
