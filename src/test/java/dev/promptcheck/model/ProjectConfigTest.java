package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promptcheck.yaml: where it is found, what it may say, and what a name resolves to. */
class ProjectConfigTest {
  @TempDir Path dir;

  @Test
  void foundFromTheSuitesFolderUpwardToTheRepositoryRootAndNoFurther() throws Exception {
    Path outer = Fixtures.write(dir, "promptcheck.yaml", "models: {}\n");
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(repo.resolve(".git"));
    Path suite = Files.createDirectories(repo.resolve("team/prompts/deep"));
    Path elsewhere = Files.createDirectories(dir.resolve("cwd"));

    // inside a repository without its own file: the file above the repository root is not used
    assertThat(ProjectConfig.find(suite, elsewhere)).isEmpty();

    Path atRoot = Fixtures.write(repo, "promptcheck.yaml", "models: {}\n");
    assertThat(ProjectConfig.find(suite, elsewhere)).contains(atRoot);
    assertThat(ProjectConfig.find(suite.resolve("a.prompt.yml"), elsewhere)).contains(atRoot);

    Path nearer = Fixtures.write(repo, "team/promptcheck.yaml", "models: {}\n");
    assertThat(ProjectConfig.find(suite, elsewhere)).contains(nearer);

    // outside any repository: up to the file system's root; the working directory's own last
    Path loose = Files.createDirectories(dir.resolve("loose/prompts"));
    assertThat(ProjectConfig.find(loose, elsewhere)).contains(outer);
    Files.delete(outer);
    assertThat(ProjectConfig.find(loose, elsewhere).filter(p -> p.startsWith(dir))).isEmpty();
    Path own = Fixtures.write(elsewhere, "promptcheck.yaml", "models: {}\n");
    assertThat(ProjectConfig.find(loose, elsewhere)).contains(own);
  }

  @Test
  void everyKeyIsCheckedAndAMisspeltOneIsALocatedErrorWithTheNearestSpelling() {
    Path file =
        Fixtures.write(
            dir,
            "promptcheck.yaml",
            """
            model:
              steady: {model: openai:gpt-x}
            models:
              fast:
                model: openai:gpt-4o-mini
                baseurl: http://127.0.0.1:9/v1
                price: {input: 0.15, ouput: 0.6}
              bare:
                model: gpt-4o
              concurrent: {model: 'openai:x', concurrency: 0}
            """);
    Diagnostics d = new Diagnostics();
    ProjectConfig.load(file, d);
    assertThat(d.all()).allMatch(Diagnostic::isError);
    assertThat(d.all().stream().map(Diagnostic::format))
        .anyMatch(
            m ->
                m.contains("promptcheck.yaml:1:1: error: 'model' is not a top-level key")
                    && m.contains("did you mean 'models'?"))
        .anyMatch(m -> m.contains(":6:5: error: 'baseurl'") && m.contains("'baseUrl'"))
        .anyMatch(m -> m.contains(":7:26: error: 'ouput'") && m.contains("'output'"))
        .anyMatch(m -> m.contains(":9:12: error: model 'bare': 'gpt-4o' names no provider"))
        .anyMatch(m -> m.contains("'concurrency' must be at least 1, not 0 "));
    assertThat(d.all()).hasSize(5);
  }

  @Test
  void aNameWithoutProviderIsNeverGuessed() {
    Path file =
        Fixtures.write(dir, "promptcheck.yaml", "models:\n  steady: {model: 'openai:gpt-x'}\n");
    ProjectConfig catalog = ProjectConfig.load(file, new Diagnostics());
    assertThat(catalog.resolve("steady").ref()).isEqualTo(new ModelRef("openai", "gpt-x"));
    assertThat(catalog.resolve("openai/gpt-4.1").ref())
        .isEqualTo(new ModelRef("github", "openai/gpt-4.1"));
    assertThat(catalog.resolve("ollama:llama3.2").ref())
        .isEqualTo(new ModelRef("ollama", "llama3.2"));
    assertThatThrownBy(() -> catalog.resolve("stedy"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown model 'stedy'; did you mean 'steady'?")
        .hasMessageContaining("names no provider");
    assertThatThrownBy(() -> ProjectConfig.empty().resolve("gpt-4o"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no promptcheck.yaml defines it")
        .hasMessageContaining("openai:gpt-4o");
  }
}
