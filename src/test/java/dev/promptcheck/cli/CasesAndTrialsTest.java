package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases are cases and trials are trials (issue 24): 3 cases on 2 models repeated twice are "3 cases
 * × 2 models" and 12 trials in the summary.md headline, the report.html title and the console's
 * last line, never "6 cases"; one case repeated 3 times is "0/1 case passed · 3 trials". The
 * figures are read back from the reports and checked against results.json.
 */
class CasesAndTrialsTest {
  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  CliProcess cli;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody().utf8();
            // model b never names the word; model a does, except for gamma
            boolean a = body.contains("\"gpt-a\"");
            String word =
                body.contains("alpha") ? "alpha" : body.contains("beta") ? "beta" : "gamma";
            return FakeOpenAi.ok(a && !word.equals("gamma") ? "it is " + word : "no idea");
          }
        });
    server.start();
    Fixtures.write(
        dir,
        "prompts/w.prompt.yml",
        """
        name: words
        model: openai:gpt-a
        messages: [{role: user, content: 'what is {{word}}'}]
        evaluators: [{name: names it, string: {contains: '{{word}}'}}]
        testData:
          - word: alpha
          - word: beta
          - word: gamma
        """);
    Fixtures.write(
        dir,
        "single/s.prompt.yml",
        """
        name: single
        model: openai:gpt-b
        messages: [{role: user, content: 'what is {{word}}'}]
        evaluators: [{name: names it, string: {contains: '{{word}}'}}]
        testData:
          - word: alpha
        """);
    cli = new CliProcess(dir, server.url("/v1").toString());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private static final Pattern HEADLINE =
      Pattern.compile("([0-9.]+)% of (\\d+) cases? (?:× (\\d+) models )?passed");

  /** The headline's figures: rate, cases, models (1 when it names none). */
  private static List<String> headline(String text) {
    Matcher m = HEADLINE.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return List.of(m.group(1), m.group(2), m.group(3) == null ? "1" : m.group(3));
  }

  @Test
  void twoModelsRepeatedSayCasesTimesModelsAndTrialsEverywhere() throws IOException {
    Cli.Result r =
        cli.run(
            "run",
            "prompts",
            "--cache",
            "off",
            "--run-id",
            "two",
            "--repeat",
            "2",
            "--model",
            "openai:gpt-a",
            "--model",
            "openai:gpt-b");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);

    JsonNode results =
        new ObjectMapper().readTree(dir.resolve("reports/two/results.json").toFile());
    Set<String> caseIds = new HashSet<>();
    results.get("testResults").forEach(t -> caseIds.add(t.get("caseId").asText()));
    int models = results.get("models").size();
    int trials = results.get("testResults").size();
    assertThat(List.of(caseIds.size(), models, trials)).containsExactly(3, 2, 12);

    String md = Files.readString(dir.resolve("reports/two/summary.md"));
    String mdHeadline = md.lines().findFirst().orElseThrow();
    assertThat(headline(mdHeadline)).containsExactly("33.3", "3", "2");
    assertThat(md).contains("12 trials");
    String html = Files.readString(dir.resolve("reports/two/report.html"));
    Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(html);
    assertThat(title.find()).isTrue();
    assertThat(headline(title.group(1))).containsExactly("33.3", "3", "2");
    assertThat(html).contains("<h1>" + title.group(1) + "</h1>");

    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("FAIL 2/6 passed (3 cases × 2 models) · 12 trials · exit 1");
    assertThat(r.out())
        .contains(
            "pass, fail, error and skip count trials (12 trials); the rate is over cases ×"
                + " models");
    for (String text : List.of(md, html, r.out())) {
      assertThat(text).doesNotContain("6 cases").doesNotContain("12 cases");
    }
  }

  @Test
  void oneCaseRepeatedIsOneCaseOfThreeTrials() throws IOException {
    Cli.Result r = cli.run("run", "single", "--cache", "off", "--run-id", "one", "--repeat", "3");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);

    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("FAIL 0/1 case passed · 3 trials · exit 1");
    String md = Files.readString(dir.resolve("reports/one/summary.md"));
    assertThat(headline(md.lines().findFirst().orElseThrow())).containsExactly("0.0", "1", "1");
    assertThat(md).contains("3 trials");
    assertThat(Files.readString(dir.resolve("reports/one/report.html")))
        .contains("<title>promptcheck one: 0.0% of 1 case passed</title>");
  }

  @Test
  void withoutRepeatsOneModelSaysCasesAndNoTrialNote() {
    Cli.Result r = cli.run("run", "prompts", "--cache", "off", "--run-id", "plain");
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("FAIL 2/3 cases passed · exit 1");
    assertThat(r.out()).doesNotContain("count trials");
  }
}
