package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.report.PrCommentMarkdown;
import dev.promptcheck.run.FakeOpenAi;
import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pr-comment} on a real git repository of two commits: the base (main) and a pull request's
 * head (feature) that edits a suite so that one case regresses and another is fixed, adds a prompt
 * file, removes one and changes a file that is no prompt; the model is a loopback stub whose answer
 * depends on the prompt's version.
 */
class PrCommentCommandTest {
  @TempDir Path repo;
  @StartStop final MockWebServer model = new MockWebServer();
  @StartStop final MockWebServer github = new MockWebServer();

  static final String SUITE =
      """
      name: greeter
      model: openai:gpt-test
      messages:
        - {role: system, content: 'Prompt VERSION.'}
        - {role: user, content: '{{input}}'}
      evaluators:
        - {name: answers, string: {contains: 'ok {{input}}'}}
      testData:
        - input: alpha
        - input: beta
        - input: gamma
      """;

  @BeforeEach
  void twoCommits() throws Exception {
    // v1 answers alpha and gamma; v2 answers beta and gamma: alpha regresses, beta is fixed
    model.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            boolean v2 = body.contains("Prompt v2.");
            String answer;
            if (body.contains("\"alpha\"")) {
              answer = v2 ? "no idea" : "ok alpha";
            } else if (body.contains("\"beta\"")) {
              answer = v2 ? "ok beta" : "no idea";
            } else if (body.contains("\"delta\"")) {
              answer = "ok delta";
            } else {
              answer = "ok gamma";
            }
            return FakeOpenAi.ok(answer);
          }
        });
    git("init", "-q", "-b", "main");
    Fixtures.write(repo, "prompts/greeter.prompt.yml", SUITE.replace("VERSION", "v1"));
    Fixtures.write(
        repo, "prompts/old.prompt.yml", SUITE.replace("VERSION", "v1").replace("greeter", "old"));
    Fixtures.write(repo, "README.md", "# prompts\n");
    commit("the suite");
    git("checkout", "-q", "-b", "feature");
    Fixtures.write(repo, "prompts/greeter.prompt.yml", SUITE.replace("VERSION", "v2"));
    Fixtures.write(
        repo,
        ".github/prompts/extra.yml", // no .prompt.yml suffix: a prompt file by its messages
        """
        name: extra
        model: openai:gpt-test
        messages: [{role: user, content: '{{input}}'}]
        evaluators: [{name: answers, string: {contains: 'ok {{input}}'}}]
        testData: [{input: delta}]
        """);
    Files.delete(repo.resolve("prompts/old.prompt.yml"));
    Fixtures.write(repo, "README.md", "# prompts, edited\n");
    commit("edit the greeter");
  }

  private CliProcess cli() {
    CliProcess cli = new CliProcess(repo, model.url("/v1").toString());
    return cli;
  }

  @Test
  void theCommentPairsEachChangedFileBeforeAndAfter() throws Exception {
    Cli.Result r =
        cli()
            .run(
                "pr-comment",
                "--base",
                "main",
                "--head",
                "feature",
                "--run-id",
                "pr1",
                "--cache",
                "off");

    assertThat(r.exit()).as(r.err()).isEqualTo(1); // a case regressed
    String md = r.out();
    System.out.println(md);
    assertThat(md)
        .startsWith(PrCommentMarkdown.MARKER)
        .contains("### promptcheck: 3 changed prompt files · 1 regression, 1 fix")
        .contains("Base `main` (")
        .contains("→ head `feature` (")
        .contains("#### `prompts/greeter.prompt.yml`\n")
        .contains(
            "| openai:gpt-test | 66.7% of 3 cases | 66.7% of 3 cases | no significant change: 1"
                + " better, 1 worse of 3 cases (exact McNemar p = 1); 0.0 points [-64.0, +64.0] |")
        .contains(
            "**Regressed** (1)\n\n- #1 `input=alpha` · openai:gpt-test: pass → fail — answers:")
        .contains("**Fixed** (1)\n\n- #2 `input=beta` · openai:gpt-test: fail → pass\n")
        .contains("#### `.github/prompts/extra.yml` (new)")
        .contains("| openai:gpt-test | 100.0% of 1 case | 0 |")
        .contains("#### `prompts/old.prompt.yml` (removed)\n\nRemoved by this pull request")
        .contains("Reports: `")
        .doesNotContain("README");
    assertThat(md.indexOf("gamma")).isEqualTo(-1); // unchanged cases are not listed
    Path runDir = repo.resolve("reports/pr1");
    assertThat(Files.readString(runDir.resolve("pr-comment.md"))).isEqualTo(md);
    assertThat(runDir.resolve("base/report.html")).exists();
    assertThat(runDir.resolve("head/report.html")).exists();
    JsonNode base = new ObjectMapper().readTree(runDir.resolve("base/results.json").toFile());
    assertThat(base.path("testResults")).hasSize(3); // the base ran only the file on both sides
    // the worktrees are gone, and the checkout is as it was
    assertThat(git("worktree", "list").strip().lines()).hasSize(1);
    assertThat(git("status", "--porcelain", "--untracked-files=no")).isEmpty();

    // one case worse and one better of 3 (exact McNemar p = 1) is no significant drop
    Cli.Result significant =
        cli()
            .run(
                "pr-comment",
                "--base",
                "main",
                "--head",
                "feature",
                "--run-id",
                "pr2",
                "--cache",
                "off",
                "--regressions",
                "significant");
    assertThat(significant.exit()).as(significant.err()).isZero();
    assertThat(cli().run("pr-comment", "--base", "main", "--regressions", "most").err())
        .contains("--regressions must be any or significant, not 'most'");
  }

  @Test
  void inAWorkflowTheBaseComesFromGithubBaseRefAndTheLinkFromTheRun() throws Exception {
    git("update-ref", "refs/remotes/origin/main", "main");
    CliProcess cli = cli();
    cli.env.put("GITHUB_BASE_REF", "main");
    cli.env.put("GITHUB_SERVER_URL", "https://github.com");
    cli.env.put("GITHUB_REPOSITORY", "acme/prompts");
    cli.env.put("GITHUB_RUN_ID", "777");
    cli.env.put("GITHUB_SHA", "feedface"); // the job's commit: never either side's provenance

    Cli.Result r = cli.run("pr-comment", "--run-id", "ci", "--cache", "off", "--fail-on", "none");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Base `origin/main` (")
        .contains("→ head `HEAD` (")
        .contains(
            "`head/report.html` and `base/report.html` in the artifact `ci` of [this workflow"
                + " run](https://github.com/acme/prompts/actions/runs/777#artifacts)");
    JsonNode head =
        new ObjectMapper().readTree(repo.resolve("reports/ci/head/results.json").toFile());
    assertThat(head.path("git").path("commit").asText())
        .isEqualTo(git("rev-parse", "HEAD").strip());

    // --fail-on failures: a case failing on the head fails the check even without a regression
    Cli.Result failures =
        cli.run("pr-comment", "--run-id", "ci2", "--cache", "off", "--fail-on", "failures");
    assertThat(failures.exit()).as(failures.err()).isEqualTo(1);
    assertThat(cli.run("pr-comment", "--fail-on", "sometimes").err())
        .contains("--fail-on must be regressions, failures or none, not 'sometimes'");
  }

  @Test
  void postCreatesTheCommentThenUpdatesTheSameOne() throws Exception {
    List<String> comments = new CopyOnWriteArrayList<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    github.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String line = request.getMethod() + " " + request.getTarget();
            seen.add(line + " " + request.getHeaders().get("Authorization"));
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            try {
              if (line.startsWith("GET /repos/acme/prompts/issues/7/comments")) {
                List<Map<String, Object>> list = new ArrayList<>();
                list.add(Map.of("id", 5, "body", "LGTM"));
                for (String c : comments) {
                  list.add(Map.of("id", 99, "body", c));
                }
                return json(200, new ObjectMapper().writeValueAsString(list));
              }
              String text = new ObjectMapper().readTree(body).path("body").asText();
              if (line.equals("POST /repos/acme/prompts/issues/7/comments")) {
                comments.add(text);
                return json(201, "{\"id\": 99, \"html_url\": \"https://gh/c/99\"}");
              }
              if (line.equals("PATCH /repos/acme/prompts/issues/comments/99")) {
                comments.set(0, text);
                return json(200, "{\"id\": 99, \"html_url\": \"https://gh/c/99\"}");
              }
            } catch (IOException e) {
              return json(400, "{\"message\": \"bad json\"}");
            }
            return json(404, "{\"message\": \"Not Found\"}");
          }
        });
    Path event = Fixtures.write(repo, ".git/event.json", "{\"pull_request\": {\"number\": 7}}");
    CliProcess cli = cli();
    cli.env.put("GITHUB_API_URL", github.url("/").toString());
    cli.env.put("GITHUB_REPOSITORY", "acme/prompts");
    cli.env.put("GITHUB_TOKEN", "ghs_loopbacktoken1234567890");
    cli.env.put("GITHUB_EVENT_PATH", event.toString());

    Cli.Result first =
        cli.run("pr-comment", "--base", "main", "--post", "--run-id", "push1", "--cache", "off");
    assertThat(first.err()).contains("created comment 99 on pull request #7");
    assertThat(first.exit()).isEqualTo(1);
    Cli.Result second =
        cli.run(
            "pr-comment",
            "--base",
            "main",
            "--post",
            "--run-id",
            "push2",
            "--cache",
            "off",
            "--pr",
            "7");
    assertThat(second.err()).as(second.err()).contains("updated comment 99 on pull request #7");

    assertThat(seen)
        .containsExactly(
            "GET /repos/acme/prompts/issues/7/comments?per_page=100&page=1 Bearer ghs_loopbacktoken1234567890",
            "POST /repos/acme/prompts/issues/7/comments Bearer ghs_loopbacktoken1234567890",
            "GET /repos/acme/prompts/issues/7/comments?per_page=100&page=1 Bearer ghs_loopbacktoken1234567890",
            "PATCH /repos/acme/prompts/issues/comments/99 Bearer ghs_loopbacktoken1234567890");
    assertThat(comments).hasSize(1);
    assertThat(comments.get(0)).startsWith(PrCommentMarkdown.MARKER).contains("**Regressed** (1)");
    assertThat(first.out() + first.err() + second.out() + second.err())
        .doesNotContain("ghs_loopbacktoken1234567890");
  }

  @Test
  void whatCannotWorkIsOneLine() throws Exception {
    CliProcess cli = cli();
    Cli.Result unknown = cli.run("pr-comment", "--base", "nosuch");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().strip())
        .startsWith("promptcheck: pr-comment: --base nosuch: no such commit in")
        .doesNotContain("\n", "Exception");

    Cli.Result noBase = cli.run("pr-comment");
    assertThat(noBase.exit()).isEqualTo(2);
    assertThat(noBase.err()).contains("needs the base: --base REF");

    Cli.Result noToken = cli.run("pr-comment", "--base", "main", "--post", "--pr", "3");
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.err().strip()).startsWith("promptcheck: --post needs GITHUB_TOKEN");

    Cli.Result typo = cli.run("pr-comment", "--base", "main", "--repaet", "3");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("--repaet").doesNotContain("Exception");

    // each side runs with --fail-on none: a rate gate given here would never be checked (a green)
    Cli.Result rate = cli.run("pr-comment", "--base", "main", "--min-pass-rate", "0.9");
    assertThat(rate.exit()).isEqualTo(2);
    assertThat(rate.err()).contains("--min-pass-rate does not apply");
    Cli.Result history = cli.run("pr-comment", "--base", "main", "--history", "h");
    assertThat(history.exit()).isEqualTo(2);
    assertThat(history.err()).contains("--history does not apply");

    Cli.Result path = cli.run("pr-comment", "--base", "main", "prompts");
    assertThat(path.err()).contains("it takes no PATH (prompts)");

    Path elsewhere = Files.createTempDirectory("not-a-repo");
    try {
      Cli.Result notGit =
          Cli.run(new Invocation(elsewhere, Map.of()), "pr-comment", "--base", "main");
      assertThat(notGit.exit()).isEqualTo(2);
      assertThat(notGit.err().strip())
          .startsWith("promptcheck: pr-comment: " + elsewhere.toRealPath())
          .contains("is not in a git repository")
          .doesNotContain("\n");
    } finally {
      Files.delete(elsewhere);
    }
    assertThat(model.getRequestCount()).isZero(); // refused before any call
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private void commit(String message) {
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message);
  }

  private String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = new HashMap<>(pb.environment());
      pb.environment().clear();
      pb.environment().put("PATH", env.getOrDefault("PATH", "/usr/bin:/bin"));
      pb.environment().put("HOME", repo.toString()); // no user's git config
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("git %s: %s", args, out).isZero();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
