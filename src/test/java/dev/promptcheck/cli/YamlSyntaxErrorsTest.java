package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.suite.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * YAML syntax errors in plain words (issue 24): for each shape people write, {@code validate}
 * prints file:line:col where the mistake is (not where the parser gave up), the line with a caret
 * under the column, and what is wrong, instead of SnakeYAML's parser states ("expected <block end>,
 * but found '?'" where the file has no '?').
 */
class YamlSyntaxErrorsTest {
  @TempDir Path dir;

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "a tab in the indentation",
            "name: x\nmessages:\n  - role: user\n\tcontent: hi\n",
            "4:1",
            "\tcontent: hi",
            "^",
            "a tab in the indentation: YAML indents with spaces only"),
        Arguments.of(
            "an unclosed double quote",
            "name: x\nmessages:\n  - role: user\n    content: \"hello\nmodel: openai:gpt-4o\n",
            "4:14",
            "    content: \"hello",
            "             ^",
            "the \"-quoted value that starts here is never closed: end it with \""),
        Arguments.of(
            "an unclosed single quote",
            "name: 'x\nmodel: openai:gpt-4o\n",
            "1:7",
            "name: 'x",
            "      ^",
            "the '-quoted value that starts here is never closed"),
        Arguments.of(
            "inconsistent indentation",
            "name: x\ntestData:\n  - a: 1\n   b: 2\n",
            "4:4",
            "   b: 2",
            "   ^",
            "inconsistent indentation: this line is indented 3 spaces, but the blocks above it are"
                + " indented 0, 2 or 4 spaces"),
        Arguments.of(
            "a key among list items",
            "name: x\nmessages:\n  - role: user\n    content: hi\n  evaluators: []\n",
            "5:3",
            "  evaluators: []",
            "  ^",
            "a key among the items of the list that starts at line 3: make it an item with '- ',"
                + " indent it 4 spaces"),
        Arguments.of(
            "a key without a colon",
            "name: x\nmodel openai:gpt-4o\ndescription: y\n",
            "2:1",
            "model openai:gpt-4o",
            "^",
            "'model openai:gpt-4o' is not 'key: value': a key needs ': ' after it"),
        Arguments.of(
            "a value holding ': '",
            "name: x\ndescription: Note: keep it short\n",
            "2:18",
            "description: Note: keep it short",
            "                 ^",
            "the value of 'description' holds ': ', which YAML reads as the start of another key:"
                + " quote the whole value"),
        Arguments.of(
            "an unclosed flow mapping",
            "name: x\nmessages:\n  - {role: user, content: hi\n",
            "3:5",
            "  - {role: user, content: hi",
            "    ^",
            "the mapping opened here with '{' is not closed with '}'"),
        Arguments.of(
            "a backslash escape in double quotes",
            "name: x\nevaluators:\n  - name: digits\n    regex: \"\\d+\"\n",
            "4:13",
            "    regex: \"\\d+\"",
            "            ^",
            "use single quotes ('\\d+')"),
        Arguments.of(
            "two documents",
            "name: x\n---\nname: y\n",
            "2:1",
            "---",
            "^",
            "a second YAML document starts here ('---')"),
        Arguments.of(
            "nothing plainer to say: SnakeYAML's words, still located and shown",
            "name: x\nmodel: *fast\n",
            "2:8",
            "model: *fast",
            "       ^",
            "found undefined alias fast"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void eachShapeIsLocatedShownAndSaidInPlainWords(
      String shape, String yaml, String at, String line, String caret, String reason) {
    Fixtures.write(dir, "p.prompt.yml", yaml);

    Cli.Result r = Cli.run(new Invocation(dir, Map.of()), "validate", "p.prompt.yml");

    assertThat(r.exit()).isEqualTo(2);
    List<String> out = r.out().lines().toList();
    String first =
        out.stream()
            .filter(l -> l.contains("[yaml-syntax]"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.out()));
    assertThat(first).startsWith("p.prompt.yml:" + at + ": error: YAML syntax: ").contains(reason);
    assertThat(first).doesNotContain("<block").doesNotContain("while scanning");
    int i = out.indexOf(first);
    String number = at.substring(0, at.indexOf(':'));
    assertThat(out.get(i + 1)).isEqualTo("  " + number + " | " + line);
    assertThat(out.get(i + 2)).isEqualTo("  " + " ".repeat(number.length()) + " | " + caret);
  }
}
