package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password in a base URL (http://user:pass@host/v1) is never written into what a run keeps. */
class BaseUrlUserInfoTest {
  static final String PASSWORD = "hunter2-in-the-url";

  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  @BeforeEach
  void suite() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return FakeOpenAi.ok("## Answer\nfine");
          }
        });
    Fixtures.write(
        dir,
        "prompts/p.prompt.yml",
        """
        name: p
        model: openai:gpt-test
        messages: [{role: user, content: 'Say {{x}}'}]
        testData: [{x: hi}, {x: yo}]
        evaluators: [{name: any, string: {contains: Answer}}]
        """);
  }

  private String withUserInfo() {
    String plain = server.url("/v1").toString();
    return plain.replace("http://", "http://alice:" + PASSWORD + "@");
  }

  @Test
  void fromTheEnvironment() throws Exception {
    Cli.Result r =
        Cli.run(
            new Invocation(
                dir, Map.of("OPENAI_BASE_URL", withUserInfo(), "OPENAI_API_KEY", "sk-test")),
            "run",
            "prompts",
            "--run-id",
            "env",
            "--record",
            "recorded");
    assertThat(r.exit()).as(r.err()).isZero();
    assertNothingWrittenHoldsTheUserInfo(r, "env");
  }

  @Test
  void fromPromptcheckYaml() throws Exception {
    Fixtures.write(
        dir,
        "promptcheck.yaml",
        "models:\n  gpt-test: {model: openai:gpt-test, baseUrl: '" + withUserInfo() + "'}\n");
    Fixtures.write(
        dir,
        "prompts/p.prompt.yml",
        Files.readString(dir.resolve("prompts/p.prompt.yml"))
            .replace("openai:gpt-test", "gpt-test"));
    Cli.Result r =
        Cli.run(
            new Invocation(dir, Map.of("OPENAI_API_KEY", "sk-test")),
            "run",
            "prompts",
            "--run-id",
            "config");
    assertThat(r.exit()).as(r.err()).isZero();
    assertNothingWrittenHoldsTheUserInfo(r, "config");
  }

  private void assertNothingWrittenHoldsTheUserInfo(Cli.Result r, String runId) throws Exception {
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain("alice");
    var results =
        new ObjectMapper().readTree(dir.resolve("reports/" + runId + "/results.json").toFile());
    assertThat(results.path("testResults").get(0).path("endpoint").asText())
        .isEqualTo(server.url("/v1").toString());
    List<Path> written;
    try (Stream<Path> s = Files.walk(dir)) {
      written =
          s.filter(Files::isRegularFile).filter(f -> !f.endsWith("promptcheck.yaml")).toList();
    }
    assertThat(written).anyMatch(f -> f.toString().contains(".promptcheck-cache"));
    for (Path f : written) {
      assertThat(Files.readString(f, StandardCharsets.UTF_8))
          .as(f.toString())
          .doesNotContain(PASSWORD)
          .doesNotContain("alice:");
    }
  }
}
