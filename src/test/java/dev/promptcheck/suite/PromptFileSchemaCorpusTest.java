package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every file of the shared corpus ({@code ../shared/corpus}, real prompt files from public
 * repositories; not copied into the project) that promptcheck loads without an error validates
 * against {@code promptcheck schema}: the schema is never stricter than the parser.
 */
class PromptFileSchemaCorpusTest {

  @Test
  void everyCorpusFileThatLoadsWithoutErrorsValidates() throws IOException {
    Path corpus = Path.of("").toAbsolutePath().getParent().resolve("shared/corpus");
    Assumptions.assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
              .sorted()
              .toList();
    }
    SuiteLoader loader = new SuiteLoader(corpus);
    int clean = 0;
    int valid = 0;
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      Diagnostics d = new Diagnostics();
      PromptFile loaded = loader.loadOne(file, d);
      if (loaded == null || d.hasErrors()) {
        continue;
      }
      clean++;
      String text = SuiteLoader.readText(file, new Diagnostics());
      List<String> problems = SchemaChecks.problems(file, text);
      if (problems.isEmpty()) {
        valid++;
      } else {
        failures.add(corpus.relativize(file) + "\n    " + String.join("\n    ", problems));
      }
    }
    System.out.printf(
        "schema corpus check: %d files, %d load without errors, %d of them validate%n",
        files.size(), clean, valid);
    assertThat(clean).as("files that load without errors").isPositive();
    assertThat(failures)
        .as("files that load without errors but fail the schema (%d of %d)", failures.size(), clean)
        .isEmpty();
  }
}
