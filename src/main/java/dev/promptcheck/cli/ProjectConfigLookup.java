package dev.promptcheck.cli;

import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.suite.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The promptcheck.yaml a command uses and the model names its flags give: {@code run} and {@code
 * validate} find and check them the same way, so validate passes only what run accepts.
 */
final class ProjectConfigLookup {
  private ProjectConfigLookup() {}

  /**
   * The promptcheck.yaml of the suite, read and checked before anything else: {@code config}
   * (--config), else the nearest one from the first suite path's folder up to the repository root;
   * an empty one when there is none. Its problems go to {@code problems}.
   */
  static ProjectConfig load(
      Invocation invocation, Path config, Path cwd, List<String> paths, Diagnostics problems) {
    Path file;
    if (config != null) {
      file = invocation.resolve(config);
      if (!Files.isRegularFile(file)) {
        throw new Main.UsageError("--config " + config + ": no such file");
      }
    } else {
      file = ProjectConfig.forSuite(cwd, paths).orElse(null);
    }
    return file == null ? ProjectConfig.empty() : ProjectConfig.load(file, problems);
  }

  /** Names given with --model and --judge must resolve now, not after the suite is planned. */
  static void checkModelFlags(ProjectConfig catalog, List<String> models, String judge) {
    List<String> flags = new ArrayList<>();
    models.forEach(m -> flags.add("--model " + m));
    if (judge != null) {
      flags.add("--judge " + judge);
    }
    for (String flag : flags) {
      try {
        catalog.resolve(flag.substring(flag.indexOf(' ') + 1));
      } catch (ConfigurationException e) {
        throw new Main.UsageError(flag + ": " + e.getMessage());
      }
    }
  }
}
