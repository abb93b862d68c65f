package dev.promptcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.promptcheck.cli.Invocation;
import dev.promptcheck.cli.Main;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The facade in a project as a user has it: a build file, the promptcheck.yaml {@code init} wrote
 * and its prompts/ folder, a loopback model. It reads the promptcheck.yaml {@code run} reads, turns
 * a file it cannot run into one failing test, and keeps what it writes under the build's folder.
 */
class FacadeProjectTest {
  private static final String ANSWER = "## Answer\nOpen Settings, Export or Billing in the app.";

  @TempDir Path project;
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach
  void loopbackModel() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return FakeOpenAi.ok(ANSWER);
          }
        });
  }

  private Map<String, String> env() {
    // loopback needs no key: the starter's openai model goes to the stub
    return Map.of("OPENAI_BASE_URL", server.url("/v1").toString());
  }

  private void init() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            new Invocation(project, Map.of()),
            new String[] {"init"},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(exit).as(err.toString()).isZero();
  }

  /** The factory docs/java.md gives, in the project's folder and environment. */
  static class DocumentedFactory {
    static volatile Path root;
    static volatile Map<String, String> env;

    @TestFactory
    Stream<DynamicNode> prompts() {
      return PromptCheck.builder()
          .workingDir(root)
          .environment(env)
          .build()
          .asDynamicTests("prompts");
    }
  }

  private EngineExecutionResults runFactory() {
    DocumentedFactory.root = project;
    DocumentedFactory.env = env();
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(DocumentedFactory.class))
        .execute();
  }

  @Test
  void theSuiteInitWritesRunsUnderTheDocumentedFactoryAndARefusedFileIsOneFailingTest()
      throws Exception {
    Files.writeString(project.resolve("pom.xml"), "<project/>\n");
    init();
    Fixtures.write(
        project,
        "prompts/elsewhere.prompt.yml",
        """
        name: elsewhere
        model: nowhere
        messages: [{role: user, content: hi}]
        testData: [{x: 1}]
        evaluators: [{name: any, string: {contains: Answer}}]
        """);

    EngineExecutionResults all = runFactory();

    // no container errors: the factory ran, three cases of the starter and one refused file
    all.containerEvents().assertStatistics(s -> s.failed(0));
    Events tests = all.testEvents();
    tests.assertStatistics(s -> s.started(4).succeeded(3).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName("prompts/elsewhere.prompt.yml (refused)"),
                finishedWithFailure(message(m -> m.contains("unknown model 'nowhere'")))))
        .haveExactly(3, event(finishedSuccessfully()));
    assertThat(server.getRequestCount()).isEqualTo(3);

    // a Maven project's tests write into target/, never the project's root
    assertThat(project.resolve("reports")).doesNotExist();
    assertThat(project.resolve(".promptcheck-cache")).doesNotExist();
    Path runs = project.resolve("target/promptcheck/reports");
    try (Stream<Path> folders = Files.list(runs)) {
      assertThat(folders)
          .singleElement()
          .satisfies(f -> assertThat(f.resolve("results.jsonl")).exists());
    }
    assertThat(project.resolve("target/promptcheck/cache")).isDirectory();
  }

  @Test
  void runFindsThePromptcheckYamlAsTheCommandLineDoes() {
    init();
    RunResult run =
        PromptCheck.builder().workingDir(project).environment(env()).build().run("prompts");
    assertThat(run.trials()).hasSize(3).extracting(TrialResult::status).containsOnly(Status.PASS);
    assertThat(run.models()).containsExactly("openai:gpt-4o-mini");
  }

  @Test
  void aConfigGivenToTheBuilderIsTheOneUsed() {
    Fixtures.write(
        project,
        "prompts/hello.prompt.yml",
        """
        name: hello
        model: mine
        messages: [{role: user, content: hi}]
        testData: [{x: 1}]
        evaluators: [{name: any, string: {contains: Answer}}]
        """);
    // a promptcheck.yaml beside the suite that would send 'mine' elsewhere: the given one wins
    Fixtures.write(project, "promptcheck.yaml", "models:\n  mine: {model: openai:from-lookup}\n");
    Fixtures.write(project, "config/models.yaml", "models:\n  mine: {model: openai:given}\n");

    RunResult run =
        PromptCheck.builder()
            .workingDir(project)
            .environment(env())
            .config(Path.of("config/models.yaml"))
            .build()
            .run("prompts");

    assertThat(run.models()).containsExactly("openai:given");
    assertThatThrownBy(
            () -> PromptCheck.builder().workingDir(project).config(Path.of("no/such.yaml")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no/such.yaml");
  }

  @Test
  void aPromptcheckYamlWithErrorsIsOneFailingTestAndARunThatStopsNamingIt() {
    init();
    Fixtures.write(project, "promptcheck.yaml", "models:\n  starter: {modle: openai:x}\n");
    PromptCheck check = PromptCheck.builder().workingDir(project).environment(env()).build();
    assertThatThrownBy(() -> check.run("prompts"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("promptcheck.yaml:2:")
        .hasMessageContaining("modle");

    Events tests = runFactory().testEvents();
    tests.assertStatistics(s -> s.started(1).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName("promptcheck.yaml (refused)"),
                finishedWithFailure(message(m -> m.contains("modle")))));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aGradleProjectKeepsRunsAndTheCacheUnderBuild() {
    init();
    Fixtures.write(project, "build.gradle.kts", "plugins { java }\n");
    RunResult run =
        PromptCheck.builder().workingDir(project).environment(env()).build().run("prompts");
    assertThat(project.resolve("build/promptcheck/reports").resolve(run.runId())).isDirectory();
    assertThat(project.resolve("build/promptcheck/cache")).isDirectory();
    assertThat(project.resolve("reports")).doesNotExist();
  }

  @Test
  void outsideABuildAndWithFoldersGivenTheyStayWhereTheyWere() {
    init();
    PromptCheck plain = PromptCheck.builder().workingDir(project).environment(env()).build();
    RunResult run = plain.run("prompts");
    assertThat(project.resolve("reports").resolve(run.runId())).isDirectory();

    Fixtures.write(project, "pom.xml", "<project/>\n");
    RunResult given =
        PromptCheck.builder()
            .workingDir(project)
            .environment(env())
            .outputDir(Path.of("out"))
            .build()
            .run("prompts");
    assertThat(project.resolve("out").resolve(given.runId())).isDirectory();
  }
}
