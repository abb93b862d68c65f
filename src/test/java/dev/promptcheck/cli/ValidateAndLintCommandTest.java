package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateAndLintCommandTest {
  @TempDir Path dir;

  @Test
  void validateExitsTwoOnAnyErrorAndKeepsCheckingTheOtherFiles() {
    Path good =
        Fixtures.write(dir, "good.prompt.yml", "name: ok\nmessages: [{role: user, content: hi}]\n");
    Path bad =
        Fixtures.write(
            dir, "bad.prompt.yml", "name: bad\nmessages:\n  - {role: user, content: hi\n");
    Fixtures.write(dir, "jinja.prompt.yaml", "{% import 'x' as y %}\nname: j\n");
    Cli.Result r = Cli.run("validate", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out())
        .contains("bad.prompt.yml:3:5: error: YAML syntax")
        .contains("jinja.prompt.yaml:1:1: error: this file is a Jinja template")
        .contains("3 files read, 1 loaded, 2 with errors")
        .doesNotContain("Exception");
    assertThat(Cli.run("validate", good.toString()).exit()).isZero();
    assertThat(bad).exists();
  }

  @Test
  void warningsAloneExitZeroAndVarCountsForValidation() {
    Fixtures.write(
        dir,
        ".github/prompts/w.prompt.yml",
        "name: w\nmodel: openai:gpt-test\nauthor_note: x\n"
            + "messages: [{role: user, content: '{{a}} {{b}}'}]\n"
            + "testData: [{a: 1}]\n");
    Fixtures.write(dir, "docker-compose.yml", "services: {}\n");
    Cli.Result missing = Cli.run("validate", dir.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.out()).contains("'{{b}}' has no value in test case 1");
    Cli.Result given = Cli.run("validate", dir.toString(), "--var", "b=2");
    assertThat(given.exit()).as(given.out()).isZero();
    assertThat(given.out())
        .contains("1 file read, 1 loaded, 0 with errors; 0 errors, 1 warning")
        .containsPattern("warnings by code: [a-z-]+ 1\\n")
        .doesNotContain("=1}");
  }

  @Test
  void validateSpeaksJson() throws Exception {
    Fixtures.write(dir, "bad.prompt.yml", "name: x\nmessages: [{role: robot, content: hi}]\n");
    Cli.Result r = Cli.run("validate", dir.toString(), "--format", "json");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.path("files").asInt()).isEqualTo(1);
    assertThat(doc.path("errors").path("bad-role").asInt()).isEqualTo(1);
    JsonNode d = doc.path("diagnostics").get(0);
    assertThat(d.path("line").asInt()).isEqualTo(2);
    assertThat(d.path("column").asInt()).isEqualTo(19);
    assertThat(d.path("severity").asText()).isEqualTo("error");
  }

  @Test
  void missingPathsAndBadOptionsAreOneLineUsageErrors() {
    Cli.Result r = Cli.run("validate", dir.resolve("nope").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("error: no such file or folder");
    Cli.Result bad = Cli.run("run", "--concurrency", "many");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("promptcheck: --concurrency: 'many' is not a whole number");
  }

  @Test
  void lintExplainsAJavaScriptRegexLiteral() {
    Fixtures.write(
        dir,
        "js.prompt.yml",
        "name: js\nmessages: [{role: user, content: hi}]\ntestData: [{input: a}]\n"
            + "evaluators:\n  - name: caching\n    regex: '/caching/i'\n"
            + "  - name: a path\n    regex: '/api/v1/'\n");
    Cli.Result r = Cli.run("lint", dir.toString());
    assertThat(r.out())
        .contains(
            "pattern '/caching/i' is a JavaScript regex literal: here the slashes and 'i' are part"
                + " of the text to find; write the pattern without them and the flags apart:"
                + " regex: {pattern: 'caching', flags: i} [regex-literal]")
        .containsOnlyOnce("[regex-literal]");
  }

  @Test
  void lintFixRepairsTheSeedInPlace() throws Exception {
    Path copy = dir.resolve("seed.prompt.yaml");
    Files.copy(Fixtures.resource("seed/python_performance_optimization.prompt.yaml"), copy);
    Cli.Result report = Cli.run("lint", copy.toString());
    assertThat(report.out())
        .contains("[mojibake]")
        .contains("the only repair that fits: '\u23F1\uFE0F'")
        .contains("decoded as cp1254; repaired: '\uD83D\uDCBB'");
    Cli.Result fixed = Cli.run("lint", "--fix", copy.toString());
    assertThat(fixed.out()).contains("4 damaged texts repaired in place");
    assertThat(Files.readString(copy))
        .contains("## \u23F1\uFE0F Performance Analysis")
        .doesNotContain("â±");
    assertThat(Cli.run("lint", copy.toString()).out()).doesNotContain("[mojibake]");
  }

  @Test
  void evaluatorCountsAreWordsNotAJavaMap() {
    Fixtures.write(
        dir,
        "e.prompt.yml",
        "name: e\nmessages: [{role: user, content: hi}]\ntestData: [{a: 1}]\n"
            + "evaluators:\n  - name: says hi\n    string: {contains: hi}\n"
            + "  - name: says ho\n    string: {contains: ho}\n");
    Cli.Result r = Cli.run("validate", dir.toString());
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("evaluators compiled by kind: string 2\n")
        .doesNotContain("{string");
  }

  @Test
  void aMisspeltKeyIsARefusalWithDidYouMeanNotASilentAllPass() {
    Fixtures.write(
        dir,
        "typo.prompt.yml",
        "name: t\nmessages: [{role: user, content: hi}]\ntestData: [{a: 1}]\n"
            + "evaluator:\n  - name: says hi\n    string: {contains: hi}\n");
    Fixtures.write(
        dir,
        "check.prompt.yml",
        "name: c\nmessages: [{role: user, content: hi}]\ntestData: [{a: 1}]\n"
            + "evaluators:\n  - name: says hi\n    string: {contians: hi}\n");
    Cli.Result r = Cli.run("validate", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out())
        .contains(
            "typo.prompt.yml:4:1: error: 'evaluator' is not a key of a prompt file: did you mean"
                + " 'evaluators'?")
        .contains(
            "check.prompt.yml:6:14: error: 'contians' is not a string check: did you mean"
                + " 'contains'")
        .contains("[misspelt-key]");
  }

  /** Whatever run refuses before calling, validate refuses too: the config and the model names. */
  @Test
  void validateRefusesWhatRunRefusesModelNamesConfigAndEvaluatorVariables() throws Exception {
    Fixtures.write(
        dir,
        "prompts/m.prompt.yml",
        """
        name: m
        model: gpt-4o-mini
        messages: [{role: user, content: 'Say {{topic}}'}]
        testData: [{topic: cats, expected: meow}]
        evaluators:
          - name: sound
            string: {notContains: '{{expectd}}'}
          - name: judged
            llm:
              modelId: judgy
              prompt: 'Is {{completion}} about {{topic}}?'
              choices: [{choice: 'yes', score: 1}]
        """);
    Cli.Result bare = Cli.run("validate", dir.resolve("prompts").toString());
    assertThat(bare.exit()).as(bare.out()).isEqualTo(2);
    assertThat(bare.out())
        .contains(
            "m.prompt.yml:2:1: error: model: unknown model 'gpt-4o-mini': it names no provider")
        .contains("github:openai/gpt-4o-mini")
        .contains("m.prompt.yml:10:7: error: modelId: unknown model 'judgy'")
        .contains("'{{expectd}}' in evaluator 'sound' has no value in test case 1")
        .contains("did you mean 'expected'")
        .doesNotContain("{{topic}}' in evaluator")
        .doesNotContain("{{completion}}");

    // the same names, defined by the project's promptcheck.yaml, pass; a misspelt key there does
    // not
    Fixtures.write(
        dir,
        "promptcheck.yaml",
        """
        models:
          gpt-4o-mini: {model: openai:gpt-4o-mini}
          judgy: {model: openai:gpt-4o}
        """);
    Fixtures.write(
        dir,
        "prompts/m.prompt.yml",
        Files.readString(dir.resolve("prompts/m.prompt.yml"))
            .replace("{{expectd}}", "{{expected}}"));
    Cli.Result defined = Cli.run(new Invocation(dir, Map.of()), "validate", "prompts");
    assertThat(defined.exit()).as(defined.out()).isZero();

    Fixtures.write(dir, "promptcheck.yaml", "modells:\n  judgy: {model: openai:x}\n");
    Cli.Result misspelt = Cli.run(new Invocation(dir, Map.of()), "validate", "prompts");
    assertThat(misspelt.exit()).isEqualTo(2);
    assertThat(misspelt.out())
        .contains(
            "promptcheck.yaml:1:1: error: 'modells' is not a top-level key; did you mean 'models'?");

    Cli.Result flag =
        Cli.run(new Invocation(dir, Map.of()), "validate", "prompts", "--model", "nosuch");
    assertThat(flag.exit()).isEqualTo(2);
    assertThat(flag.err()).contains("--model nosuch: unknown model 'nosuch'");
  }
}
