package dev.promptcheck.cli;

import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * For {@code validate}: the model names each loaded file would run with (its {@code model:} unless
 * {@code --model} is given, its judges' {@code modelId} unless {@code --judge} is), resolved
 * against the project's promptcheck.yaml as {@code run} resolves them. A name run would refuse
 * (undefined, or bare like {@code gpt-4o-mini}, which names no provider: gh refuses it too) is a
 * located error; a file with no model at all and no {@code --model} is a warning, since run needs
 * the flag for it.
 */
final class ModelNames {
  static final String UNKNOWN_MODEL = "unknown-model";

  private ModelNames() {}

  static void check(
      PromptSuite suite,
      ProjectConfig catalog,
      List<String> modelFlags,
      String judgeFlag,
      Diagnostics diagnostics) {
    for (PromptFile file : suite.files()) {
      List<String> lines = lines(file.path());
      if (modelFlags.isEmpty()) {
        if (file.model() == null) {
          diagnostics.warning(
              SourceRef.of(file.path()),
              "no-model",
              "no model: run needs --model provider:name for this file");
        } else {
          resolve(
              catalog,
              file.model(),
              "model",
              locate(file.path(), lines, "model", file.model()),
              diagnostics);
        }
      }
      if (judgeFlag != null) {
        continue;
      }
      List<EvaluatorSpec> specs = new ArrayList<>(file.evaluators());
      file.testCases().forEach(c -> specs.addAll(c.evaluators()));
      for (EvaluatorSpec spec : specs) {
        if (spec instanceof EvaluatorSpec.Llm l && l.modelId() != null) {
          SourceRef where =
              spec.where() != null && spec.where().file().equals(file.path())
                  ? locate(file.path(), lines, "modelId", l.modelId())
                  : spec.where();
          resolve(catalog, l.modelId(), "modelId", where, diagnostics);
        }
      }
    }
  }

  private static void resolve(
      ProjectConfig catalog, String name, String key, SourceRef where, Diagnostics diagnostics) {
    try {
      catalog.resolve(name);
    } catch (ConfigurationException e) {
      diagnostics.error(
          where,
          UNKNOWN_MODEL,
          key
              + ": "
              + e.getMessage()
              + (key.equals("model") ? " (run refuses it unless --model is given)" : ""));
    }
  }

  /**
   * The line and column of {@code key: value} in the file, for the diagnostic; the file's start
   * when it cannot be found (a flow mapping, a key spelt with quotes).
   */
  private static SourceRef locate(Path file, List<String> lines, String key, String value) {
    Pattern line =
        Pattern.compile(
            "^(\\s*(?:-\\s+)?)" + Pattern.quote(key) + "\\s*:\\s*[\"']?" + Pattern.quote(value));
    for (int i = 0; i < lines.size(); i++) {
      var m = line.matcher(lines.get(i));
      if (m.find()) {
        return new SourceRef(file, i + 1, m.group(1).length() + 1);
      }
    }
    return SourceRef.of(file);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of(); // it loaded a moment ago; without its lines the file's start will do
    }
  }
}
