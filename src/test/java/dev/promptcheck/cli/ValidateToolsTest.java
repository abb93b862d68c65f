package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.suite.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code promptcheck validate} on a file with tools: each mistake one located line, exit 2. */
class ValidateToolsTest {
  @TempDir Path dir;

  @Test
  void toolMistakesAreLocatedLinesAndAGoodFileValidates() {
    Path good =
        Fixtures.write(
            dir,
            "good/w.prompt.yml",
            """
            name: w
            tools:
              - type: function
                function: {name: get_weather, parameters: {type: object, properties: {city: {type: string}}}}
            toolChoice: auto
            messages: [{role: user, content: 'weather in {{city}}'}]
            testData: [{city: Oslo}]
            evaluators:
              - toolCall: {name: get_weather, arguments: {city: '{{city}}'}}
            """);
    Cli.Result ok = Cli.run("validate", good.toString());
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();

    Fixtures.write(
        dir,
        "bad/w.prompt.yml",
        """
        name: w
        tools:
          - type: function
            function: {description: nameless}
          - {name: f, parameters: {type: array}}
        toolChoice: g
        messages: [{role: user, content: hi}]
        testData: [{x: 1}]
        evaluators:
          - toolCall: get_weather
        """);
    Cli.Result bad = Cli.run("validate", dir.resolve("bad").toString());
    assertThat(bad.exit()).isEqualTo(2);
    String all = bad.out() + bad.err();
    assertThat(all)
        .contains("w.prompt.yml:4:15: error: a tool needs a 'name'")
        .contains(
            "w.prompt.yml:5:27: error: the parameters of tool 'f' must be a JSON Schema of type object")
        .contains("w.prompt.yml:6:13: error: toolChoice 'g' names no tool")
        .contains(
            "toolCall names 'get_weather', which the file's tools do not declare (it declares none)")
        .doesNotContain("Exception");
  }
}
