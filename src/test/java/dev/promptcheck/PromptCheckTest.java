package dev.promptcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.CacheMode;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.run.RunOptions;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The library facade: what the CLI does, from Java, with nothing read from the process. */
class PromptCheckTest {
  private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  private void capitals() {
    Fixtures.write(
        dir,
        "prompts/capitals.prompt.yml",
        """
        name: capitals
        model: openai:gpt-test
        messages: [{role: user, content: 'Capital of {{country}}?'}]
        testData:
          - {country: France, expected: Paris}
          - {country: Peru, expected: Lima}
          - {country: Chile, expected: Santiago}
        evaluators:
          - {name: right city, string: {contains: '{{expected}}'}}
        """);
  }

  private static RunOptions quiet() {
    return RunOptions.builder().concurrency(2).retries(0).cache(CacheMode.OFF).build();
  }

  @Test
  void runsASuiteWithItsOwnClientClockAndFoldersAndWritesReports() throws Exception {
    capitals();
    PromptCheck check =
        PromptCheck.builder()
            .workingDir(dir)
            .environment(Map.of())
            .clock(Clock.fixed(NOON, ZoneOffset.UTC))
            .outputDir(Path.of("out"))
            .options(quiet())
            .client(
                model ->
                    request -> {
                      String q = request.messages().get(0).content();
                      return new ModelResponse(
                          q.contains("France") ? "Paris." : q.contains("Peru") ? "Lima" : "Lyon",
                          "stop",
                          3,
                          1,
                          1);
                    })
            .build();

    RunResult run = check.run("prompts");

    assertThat(run.startedAt()).isEqualTo(NOON);
    assertThat(run.finishedAt()).isEqualTo(NOON);
    assertThat(run.trials())
        .extracting(TrialResult::caseLabel, TrialResult::status)
        .containsExactly(
            Tuple.tuple("#1", Status.PASS),
            Tuple.tuple("#2", Status.PASS),
            Tuple.tuple("#3", Status.FAIL));
    Path runDir = dir.resolve("out").resolve(run.runId());
    assertThat(run.runId()).startsWith("20260601-120000");
    assertThat(runDir.resolve("results.jsonl")).exists();

    assertThat(check.writeReports(run, "json", "junit"))
        .containsExactly(runDir.resolve("results.json"), runDir.resolve("junit.xml"));
    JsonNode json = new ObjectMapper().readTree(runDir.resolve("results.json").toFile());
    assertThat(json.path("summary").path("passed").asInt()).isEqualTo(2);
    assertThat(check.writeReports(run)).hasSize(4);
    assertThatThrownBy(() -> check.writeReports(run, "pdf"))
        .hasMessageContaining("no report format 'pdf'")
        .hasMessageContaining("html");
  }

  @Test
  void keysAndBaseUrlsComeFromTheInjectedEnvironmentNotTheProcesss() {
    capitals();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return FakeOpenAi.ok("Paris, Lima, Santiago");
          }
        });
    PromptCheck withoutKey =
        PromptCheck.builder()
            .workingDir(dir)
            .environment(Map.of("OPENAI_BASE_URL", "https://api.openai.com/v1"))
            .options(quiet())
            .build();
    assertThatThrownBy(() -> withoutKey.run("prompts"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("OPENAI_API_KEY");
    assertThat(server.getRequestCount()).isZero();

    PromptCheck local =
        PromptCheck.builder()
            .workingDir(dir)
            .environment(
                Map.of(
                    "OPENAI_BASE_URL",
                    server.url("/v1").toString(),
                    "OPENAI_API_KEY",
                    "sk-injected"))
            .options(quiet())
            .build();
    RunResult run = local.run("prompts");
    assertThat(run.trials()).extracting(TrialResult::status).containsOnly(Status.PASS);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(Files.exists(dir.resolve("reports").resolve(run.runId()))).isTrue();
  }

  /** The suite a Java project would write: a factory that hands its prompt files to JUnit. */
  static class PromptSuiteTests {
    static volatile Path root;

    @TestFactory
    Stream<DynamicNode> prompts() {
      return PromptCheck.builder()
          .workingDir(root)
          .environment(Map.of())
          .options(quiet())
          .client(
              model ->
                  request -> {
                    String q = request.messages().get(0).content();
                    return new ModelResponse(
                        q.contains("France") ? "Paris" : "Lyon", "stop", 1, 1, 1);
                  })
          .build()
          .asDynamicTests("prompts");
    }
  }

  @Test
  void asDynamicTestsPassesFailsAndAbortsCasesAsTheirChecksSay() {
    capitals();
    Fixtures.write(
        dir,
        "prompts/judged.prompt.yml",
        """
        name: judged
        model: openai:gpt-test
        messages: [{role: user, content: 'Tell me about {{country}}'}]
        testData: [{country: France}]
        evaluators: [{name: polite, rule: the answer is polite}]
        """);
    Fixtures.write(dir, "prompts/broken.prompt.yml", "name: broken\nmessages: {oops\n");
    PromptSuiteTests.root = dir;

    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(PromptSuiteTests.class))
            .execute()
            .testEvents();

    tests.assertStatistics(s -> s.started(5).succeeded(1).failed(3).aborted(1));
    tests.assertThatEvents().haveExactly(1, event(displayName("#1"), finishedSuccessfully()));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName("#3"),
                finishedWithFailure(
                    message(m -> m.contains("right city: output fails contains 'Santiago'")))));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName("prompts/broken.prompt.yml (refused)"),
                finishedWithFailure(
                    message(m -> m.contains("broken.prompt.yml:2:11: error: YAML syntax")))));
    tests
        .assertThatEvents()
        .haveExactly(1, event(abortedWithReason(message(m -> m.contains("no check could run")))));
  }

  @Test
  void asDynamicTestsFailsWhenNothingRanAndSkipsAFileThatNeedsVariables() {
    Fixtures.write(
        dir,
        "prompts/summary.prompt.yml",
        """
        name: summary
        model: openai:gpt-test
        messages: [{role: user, content: 'Sum up {{diff}}'}]
        evaluators: [{name: any, string: {contains: Paris}}]
        """);
    PromptSuiteTests.root = dir;

    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(PromptSuiteTests.class))
            .execute()
            .testEvents();

    // a factory of zero tests would be green: the gap is a failing test and a skipped file
    tests.assertStatistics(s -> s.started(2).succeeded(0).failed(1).aborted(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                displayName("nothing ran"),
                finishedWithFailure(message(m -> m.contains("not a pass")))))
        .haveExactly(
            1,
            event(
                displayName("prompts/summary.prompt.yml (not run)"),
                abortedWithReason(message(m -> m.contains("no value for 'diff'")))));
  }

  @Test
  void asDynamicTestsOverAFolderWithNoPromptFileIsAFailureNotAnEmptyGreen() throws Exception {
    Files.createDirectories(dir.resolve("prompts"));
    PromptSuiteTests.root = dir;
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(PromptSuiteTests.class))
            .execute()
            .testEvents();
    tests.assertStatistics(s -> s.started(1).failed(1));
  }

  /**
   * A key given to the builder, echoed back by the model, is masked in every file the run writes.
   */
  @Test
  void aKeyGivenToTheBuilderIsMaskedInEverythingTheRunWrites() throws Exception {
    capitals();
    String key = "sk-builder-only-4b1d9e77";
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String auth = r.getHeaders().get("Authorization");
            return FakeOpenAi.ok("Paris. By the way, your header was " + auth);
          }
        });
    PromptCheck check =
        PromptCheck.builder()
            .workingDir(dir)
            .environment(
                Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_API_KEY", key))
            .options(quiet())
            .build();
    RunResult run = check.run("prompts");
    assertThat(server.getRequestCount()).isEqualTo(3);
    check.writeReports(run);
    Path runDir = dir.resolve("reports").resolve(run.runId());
    for (String file : List.of("results.jsonl", "results.json", "junit.xml")) {
      String text = Files.readString(runDir.resolve(file));
      assertThat(text).as(file).contains("your header was").doesNotContain(key);
    }
    for (String file : List.of("summary.md", "report.html")) {
      assertThat(Files.readString(runDir.resolve(file))).as(file).doesNotContain(key);
    }
  }

  @Test
  void twoFacadesInOneJvmEachMaskTheirOwnKeyAndNotTheOthers() throws Exception {
    capitals();
    String keyA = "sk-first-facade-6c2a9f10";
    String keyB = "sk-second-facade-93d1e4b7";
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return FakeOpenAi.ok("Paris. Keys seen: " + keyA + " " + keyB);
          }
        });
    PromptCheck first = facadeWithKey(keyA, "reports-a");
    PromptCheck second = facadeWithKey(keyB, "reports-b");
    RunResult a = first.run("prompts");
    RunResult b = second.run("prompts");
    first.writeReports(a, "json");
    second.writeReports(b, "json");
    String fromA =
        Files.readString(dir.resolve("reports-a").resolve(a.runId()).resolve("results.json"));
    String fromB =
        Files.readString(dir.resolve("reports-b").resolve(b.runId()).resolve("results.json"));
    // each masks the key it was given; the other run's key was never its secret
    assertThat(fromA).doesNotContain(keyA).contains(keyB);
    assertThat(fromB).doesNotContain(keyB).contains(keyA);
    String journalA =
        Files.readString(dir.resolve("reports-a").resolve(a.runId()).resolve("results.jsonl"));
    assertThat(journalA).doesNotContain(keyA).contains(keyB);
  }

  private PromptCheck facadeWithKey(String key, String reports) {
    return PromptCheck.builder()
        .workingDir(dir)
        .outputDir(Path.of(reports))
        .environment(Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_API_KEY", key))
        .options(quiet())
        .build();
  }

  /** Two facades stamping runs in the same second share no folder, so no journal mixes two runs. */
  @Test
  void twoFacadesInTheSameSecondWriteTwoFolders() throws Exception {
    capitals();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return FakeOpenAi.ok("Paris");
          }
        });
    Clock frozen = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    List<RunResult> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      PromptCheck facade =
          PromptCheck.builder()
              .workingDir(dir)
              .outputDir(Path.of("reports"))
              .environment(Map.of("OPENAI_BASE_URL", server.url("/v1").toString()))
              .clock(frozen)
              .options(quiet())
              .build();
      runs.add(facade.run("prompts"));
    }
    assertThat(runs.get(0).runId()).isNotEqualTo(runs.get(1).runId());
    for (RunResult run : runs) {
      Path journal = dir.resolve("reports").resolve(run.runId()).resolve("results.jsonl");
      // one line per trial of this run, none of the other's
      assertThat(Files.readAllLines(journal).stream().filter(l -> !l.isBlank()))
          .as("lines of %s", journal)
          .hasSize(run.trials().size());
    }
  }
}
