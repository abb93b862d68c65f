package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, read from the README itself, run in-process against the project's own
 * prompts and recordings. A change to a demo prompt or to the request shape that leaves a recording
 * unmatched fails here (the demo once broke silently that way: every release-notes request became a
 * replay miss).
 */
class ReadmeDemoTest {
  @TempDir Path out;

  @Test
  void theReadmeDemoReplaysEveryAnswerAndNamesTheBetterModel() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = Pattern.compile("(?m)^\\./promptcheck (run --replay .*)$").matcher(readme);
    assertThat(m.find()).as("the README shows the demo command").isTrue();
    List<String> args = new ArrayList<>(List.of(m.group(1).strip().split("\\s+")));
    args.addAll(List.of("--out", out.toString()));

    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out() + r.err()).doesNotContain("no recording");
    assertThat(r.out()).containsPattern("beats .*exact McNemar p = ");
    Path results;
    try (var files = Files.walk(out)) {
      results =
          files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().get();
    }
    JsonNode json = new ObjectMapper().readTree(results.toFile());
    int trials = 0;
    for (JsonNode t : json.path("testResults")) {
      trials++;
      assertThat(t.path("error").asText(""))
          .as("trial %s", t.path("id").asText())
          .doesNotContain("no recording");
    }
    assertThat(trials).as("trials in results.json").isGreaterThan(0);
    assertThat(json.path("comparisons").size()).isEqualTo(1);
  }
}
