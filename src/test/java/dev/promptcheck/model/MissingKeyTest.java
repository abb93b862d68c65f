package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A missing key says where to get it when the user already has it: gh users are signed in to the
 * GitHub CLI (gh-models itself takes gh's token, cmd/root.go:41), and a workflow has its own
 * GITHUB_TOKEN once the job may read models (gh-models examples/evals_action.yml:10).
 */
class MissingKeyTest {
  private static ModelConfig model(String name) {
    return ModelConfig.of(ModelRef.parse(name));
  }

  private static String missing(ModelConfig config, Map<String, String> env) {
    try {
      Providers.create(config, Duration.ofSeconds(5), env);
    } catch (ConfigurationException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + config.name());
  }

  @Test
  void githubModelsWithoutATokenSuggestsTheGitHubCli() {
    assertThat(missing(model("github:openai/gpt-4o-mini"), Map.of()))
        .isEqualTo(
            "github:openai/gpt-4o-mini needs an API key: set the environment variable GITHUB_TOKEN"
                + " (signed in to the GitHub CLI: export GITHUB_TOKEN=$(gh auth token))");
  }

  @Test
  void aKeyVariableOfItsOwnIsTheOneToExport() {
    ModelConfig own =
        new ModelConfig(
            "gh",
            ModelRef.parse("github:openai/gpt-4o"),
            null,
            "MY_GH_TOKEN",
            null,
            null,
            null,
            null);
    assertThat(missing(own, Map.of())).endsWith("export MY_GH_TOKEN=$(gh auth token))");
  }

  @Test
  void inAWorkflowItSaysHowTheJobGetsItsToken() {
    assertThat(missing(model("github:openai/gpt-4o"), Map.of("GITHUB_ACTIONS", "true")))
        .contains("set the environment variable GITHUB_TOKEN")
        .contains("GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}")
        .contains("permissions: models: read")
        .doesNotContain("gh auth token");
  }

  @Test
  void otherProvidersOnlyNameTheirVariable() {
    assertThatThrownBy(
            () -> Providers.create(model("openai:gpt-4o"), Duration.ofSeconds(5), Map.of()))
        .hasMessage("openai:gpt-4o needs an API key: set the environment variable OPENAI_API_KEY");
  }
}
