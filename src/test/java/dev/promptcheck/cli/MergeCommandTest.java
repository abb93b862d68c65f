package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `merge` as a CI matrix uses it: a suite run as {@code --shard 1/3}, {@code 2/3}, {@code 3/3} into
 * three folders (in this JVM, against a loopback server), then merged whole, with a shard missing,
 * with a shard twice, and with a shard of another suite.
 */
class MergeCommandTest {
  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();
  Path config;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void setUp() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return FakeOpenAi.ok("## Answer\nhello");
          }
        });
    config =
        Fixtures.write(
            dir,
            "promptcheck.yaml",
            "models:\n  steady:\n    model: openai:gpt-test\n    baseUrl: "
                + server.url("/v1")
                + "\n");
  }

  /** A suite of {@code cases} cases named {@code prefix0..}: every one passes. */
  private Path suite(String name, String prefix, int cases) {
    StringBuilder yaml =
        new StringBuilder(
            "name: "
                + name
                + "\nmessages: [{role: user, content: '{{input}}'}]\n"
                + "evaluators: [{name: says hello, string: {contains: hello}}]\ntestData:\n");
    for (int i = 0; i < cases; i++) {
      yaml.append("  - {id: ")
          .append(prefix)
          .append(i)
          .append(", input: q")
          .append(i)
          .append("}\n");
    }
    return Fixtures.write(dir, name + "/" + name + ".prompt.yml", yaml.toString());
  }

  /** Runs {@code suite} as shard {@code k}/3 into reports/{@code runId}; returns that folder. */
  private Path shard(Path suite, int k, String runId) {
    Cli.Result r =
        Cli.run(
            "run",
            suite.toString(),
            "--model",
            "steady",
            "--config",
            config.toString(),
            "--shard",
            k + "/3",
            "--cache",
            "off",
            "--quiet",
            "--out",
            reports().toString(),
            "--run-id",
            runId);
    assertThat(r.exit()).as(r.err()).isZero();
    return reports().resolve(runId);
  }

  private Path reports() {
    return dir.resolve("reports");
  }

  private Cli.Result merge(Path... inputs) {
    List<String> args = new ArrayList<>(List.of("merge"));
    for (Path p : inputs) {
      args.add(p.toString());
    }
    args.addAll(List.of("--out", reports().toString(), "--run-id", "merged", "--quiet"));
    return Cli.run(args.toArray(String[]::new));
  }

  private static JsonNode results(Path runDir) throws Exception {
    return JSON.readTree(runDir.resolve("results.json").toFile());
  }

  private static List<String> trialIds(Path runDir) throws Exception {
    List<String> ids = new ArrayList<>();
    results(runDir).path("testResults").forEach(t -> ids.add(t.path("trialId").asText()));
    return ids;
  }

  @Test
  void allThreeShardsMergeIntoTheWholeSuiteWithEveryReportAndTheJournal() throws Exception {
    Path suite = suite("alpha", "a", 9);
    Path s1 = shard(suite, 1, "s1");
    Path s2 = shard(suite, 2, "s2");
    Path s3 = shard(suite, 3, "s3");
    JsonNode plan = results(s2).path("plan");
    assertThat(plan.path("shard").asText()).isEqualTo("2/3");
    assertThat(plan.path("plannedTrials").asInt()).isEqualTo(9);
    assertThat(plan.path("suiteFingerprint").asText())
        .matches("[0-9a-f]{64}")
        .isEqualTo(results(s1).path("plan").path("suiteFingerprint").asText())
        .isEqualTo(results(s3).path("plan").path("suiteFingerprint").asText());
    for (Path s : List.of(s1, s2, s3)) {
      assertThat(trialIds(s)).as("every shard holds some of the 9 cases").isNotEmpty();
    }

    Cli.Result r = merge(s1, s2, s3);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Path merged = reports().resolve("merged");
    List<String> ids = trialIds(merged);
    Set<String> expected = new HashSet<>(trialIds(s1));
    expected.addAll(trialIds(s2));
    expected.addAll(trialIds(s3));
    assertThat(ids)
        .hasSize(9)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(results(merged).path("incomplete").isNull()).isTrue();
    assertThat(results(merged).path("plan").path("shard").isNull()).isTrue();
    assertThat(Files.readAllLines(merged.resolve("results.jsonl"))).hasSize(9);
    assertThat(merged.resolve("junit.xml")).isRegularFile();
    assertThat(merged.resolve("summary.md")).isRegularFile();
    assertThat(merged.resolve("report.html")).isRegularFile();
    // the merged run reads like any other: re-rendered from its folder
    assertThat(Cli.run("report", merged.toString(), "--quiet").exit()).isZero();
  }

  @Test
  void aMissingShardIsNamedTheReportsAreWrittenAndTheExitIsThree() throws Exception {
    Path suite = suite("alpha", "a", 9);
    Path s1 = shard(suite, 1, "s1");
    Path s3 = shard(suite, 3, "s3");
    int given = trialIds(s1).size() + trialIds(s3).size();

    Cli.Result r = merge(s1, s3);

    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "promptcheck: run incomplete: missing shard 2/3: the merged run has 2 of 3 shards ("
                + given
                + " of 9 trials)"
                + System.lineSeparator());
    Path merged = reports().resolve("merged");
    assertThat(trialIds(merged)).hasSize(given);
    assertThat(results(merged).path("incomplete").asText()).startsWith("missing shard 2/3: ");
    for (String f : List.of("results.jsonl", "junit.xml", "summary.md", "report.html")) {
      assertThat(merged.resolve(f)).isRegularFile();
    }
  }

  @Test
  void aShardGivenTwiceIsRefusedAsOverlappingAndNothingIsWritten() throws Exception {
    Path suite = suite("alpha", "a", 9);
    Path s1 = shard(suite, 1, "s1");
    Path again = shard(suite, 1, "s1-again");
    String trial = trialIds(s1).get(0);

    Cli.Result r = merge(s1, again);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "promptcheck: merge refused: overlapping shards: "
                + s1.resolve("results.json")
                + " and "
                + again.resolve("results.json")
                + " both ran shard 1/3 (trial "
                + trial
                + " is in both)"
                + System.lineSeparator()
                + "promptcheck: split the suite with --shard K/N, each K once"
                + System.lineSeparator());
    assertThat(r.out()).isEmpty();
    assertThat(reports().resolve("merged")).doesNotExist();

    Cli.Result self = merge(s1, s1);
    assertThat(self.exit()).isEqualTo(2);
    assertThat(self.err()).startsWith("promptcheck: merge refused: overlapping shards: ");
  }

  @Test
  void shardsOfTwoSuitesAreRefusedAsMixedNamingTheirFingerprints() throws Exception {
    Path s1 = shard(suite("alpha", "a", 9), 1, "s1");
    Path b2 = shard(suite("beta", "b", 9), 2, "b2");
    String a = results(s1).path("plan").path("suiteFingerprint").asText();
    String b = results(b2).path("plan").path("suiteFingerprint").asText();
    assertThat(a).isNotEqualTo(b);

    Cli.Result r = merge(s1, b2);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "promptcheck: merge refused: mixed suites: "
                + s1.resolve("results.json")
                + " ran suite "
                + a.substring(0, 12)
                + "\u2026; "
                + b2.resolve("results.json")
                + " ran suite "
                + b.substring(0, 12)
                + "\u2026"
                + System.lineSeparator()
                + "promptcheck: merge only the shards of one run of one suite (the same files,"
                + " models, --filter and --repeat)"
                + System.lineSeparator());
    assertThat(reports().resolve("merged")).doesNotExist();
  }
}
