package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * results.json says where a run came from, so the run history can explain a change (issue 22): the
 * git commit and branch, a content hash per prompt file and per case, and the model version the
 * provider reported on each answer.
 */
class ProvenanceTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String content = request.getBody().utf8().contains("alpha") ? "alpha" : "beta";
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(
                    "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":0,"
                        + "\"model\":\"gpt-test-2026-11-01\",\"system_fingerprint\":\"fp_42\","
                        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"echo "
                        + content
                        + "\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}")
                .build();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private static final String SUITE =
      """
      name: hashes
      model: openai:gpt-test
      messages: [{role: user, content: 'say {{word}}'}]
      evaluators: [{name: echoes, string: {contains: '{{word}}'}}]
      testData:
        - word: alpha
        - word: beta
      """;

  private JsonNode run(String runId, CliProcess cli) throws IOException {
    Cli.Result r = cli.run("run", "prompts", "--cache", "off", "--run-id", runId);
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    return new ObjectMapper()
        .readTree(dir.resolve("reports").resolve(runId).resolve("results.json").toFile());
  }

  @Test
  void resultsJsonCarriesTheCommitTheContentHashesAndTheReportedModelVersion() throws IOException {
    Fixtures.write(dir, "prompts/h.prompt.yml", SUITE);
    // a repository checked out on a branch whose ref is packed (as after a fresh clone)
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/nightly\n");
    Files.writeString(
        dir.resolve(".git/packed-refs"),
        "# pack-refs with: peeled\n" + COMMIT + " refs/heads/nightly\n");
    CliProcess cli = new CliProcess(dir, server.url("/v1").toString());

    JsonNode first = run("one", cli);
    assertThat(first.path("git").path("commit").asText()).isEqualTo(COMMIT);
    assertThat(first.path("git").path("branch").asText()).isEqualTo("nightly");
    JsonNode trial = first.path("testResults").get(0);
    assertThat(trial.path("modelVersion").path("name").asText()).isEqualTo("gpt-test-2026-11-01");
    assertThat(trial.path("modelVersion").path("fingerprint").asText()).isEqualTo("fp_42");
    JsonNode suite = first.path("suites").get(0);
    String fileHash = suite.path("contentHash").asText();
    assertThat(fileHash).hasSize(16);
    assertThat(suite.path("caseHashes").size()).isEqualTo(2);
    JsonNode caseHashes = suite.path("caseHashes");

    // a comment changes no hash; in Actions the commit and branch come from the environment
    Fixtures.write(dir, "prompts/h.prompt.yml", "# reviewed\n" + SUITE);
    cli.env.put("GITHUB_SHA", "feedface");
    cli.env.put("GITHUB_REF_NAME", "main");
    JsonNode second = run("two", cli);
    assertThat(second.path("git").path("commit").asText()).isEqualTo("feedface");
    assertThat(second.path("git").path("branch").asText()).isEqualTo("main");
    assertThat(second.path("suites").get(0).path("contentHash").asText()).isEqualTo(fileHash);
    assertThat(second.path("suites").get(0).path("caseHashes")).isEqualTo(caseHashes);

    // an edit of the message changes the file's hash and every case's; ids stay
    Fixtures.write(dir, "prompts/h.prompt.yml", SUITE.replace("say {{word}}", "repeat {{word}}"));
    JsonNode third = run("three", cli);
    JsonNode edited = third.path("suites").get(0);
    assertThat(edited.path("contentHash").asText()).isNotEqualTo(fileHash);
    assertThat(edited.path("caseHashes").fieldNames())
        .toIterable()
        .containsExactlyElementsOf(() -> caseHashes.fieldNames());
    caseHashes
        .fields()
        .forEachRemaining(
            e ->
                assertThat(edited.path("caseHashes").path(e.getKey()).asText())
                    .isNotEqualTo(e.getValue().asText()));

    // `report` re-renders from results.json and keeps all of it
    Cli.Result again = cli.run("report", "reports/three");
    assertThat(again.exit()).as(again.err()).isZero();
    JsonNode reread =
        new ObjectMapper().readTree(dir.resolve("reports/three/results.json").toFile());
    assertThat(reread.path("git")).isEqualTo(third.path("git"));
    assertThat(reread.path("suites")).isEqualTo(third.path("suites"));
    assertThat(reread.path("testResults").get(0).path("modelVersion"))
        .isEqualTo(third.path("testResults").get(0).path("modelVersion"));
  }
}
