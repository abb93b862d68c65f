package dev.promptcheck.run;

import dev.promptcheck.model.ConfigurationException;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.model.Provider;
import dev.promptcheck.model.Providers;
import dev.promptcheck.suite.CaseIds;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Message;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.PromptRenderer;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.TestCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Expands prompt files into trials: file × model × case × repeat, filtered and sharded. The order
 * is stable, and every trial's id is its case's id ({@link CaseIds}: relative to the suite root,
 * from content, distinct even for identical rows), model and repeat.
 */
public final class Planner {
  /** The warning for a file without test data whose variables were not passed with --var. */
  public static final String NEEDS_VARIABLES = "needs-variables";

  private Planner() {}

  /**
   * The trials this run executes (its shard of the whole plan), and what identifies the whole plan
   * before sharding.
   *
   * @param suiteFingerprint SHA-256 (hex) of the sorted ids of every trial of the unsharded plan:
   *     the same for every shard of one suite, different for another suite or model list
   * @param plannedTrials how many trials the unsharded plan has
   */
  public record Plan(List<Trial> trials, String suiteFingerprint, int plannedTrials) {
    public Plan {
      trials = List.copyOf(trials);
    }
  }

  public static List<Trial> plan(
      List<PromptFile> files,
      RunOptions options,
      ProjectConfig catalog,
      Path base,
      Diagnostics diagnostics) {
    return planned(files, options, catalog, base, diagnostics).trials();
  }

  /** Plans the whole suite, then keeps this run's shard of it ({@link RunOptions#shard()}). */
  public static Plan planned(
      List<PromptFile> files,
      RunOptions options,
      ProjectConfig catalog,
      Path base,
      Diagnostics diagnostics) {
    List<Trial> all = unsharded(files, options, catalog, base, diagnostics);
    Shard shard = options.shard();
    List<Trial> mine = all.stream().filter(t -> shard.includes(t.caseId())).toList();
    return new Plan(mine, fingerprint(all), all.size());
  }

  /** SHA-256 (hex) of the sorted trial ids, one per line. */
  static String fingerprint(List<Trial> trials) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    trials.stream()
        .map(Trial::id)
        .sorted()
        .forEach(id -> digest.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(digest.digest());
  }

  private static List<Trial> unsharded(
      List<PromptFile> files,
      RunOptions options,
      ProjectConfig catalog,
      Path base,
      Diagnostics diagnostics) {
    List<Trial> out = new ArrayList<>();
    Map<String, ModelConfig> resolved = new HashMap<>();
    for (PromptFile file : files) {
      List<String> models =
          options.models().isEmpty() && file.model() != null
              ? List.of(file.model())
              : options.models();
      if (models.isEmpty()) {
        diagnostics.error(
            SourceRef.of(file.path()),
            "no-model",
            "no model to run: give --model provider:name or 'model:' in the file");
        continue;
      }
      String relative = relative(base, file.path());
      List<TestCase> cases =
          file.hasTestData() ? file.testCases() : runTimeCases(file, options, diagnostics);
      List<String> caseIds = CaseIds.of(file, cases);
      for (int i = 0; i < cases.size(); i++) {
        TestCase testCase = cases.get(i);
        String caseId = caseIds.get(i);
        if (!matches(options.filter(), relative, file, testCase)) {
          continue;
        }
        for (String modelName : models) {
          // one config per model name, not one per case: the plan lives for the whole run
          ModelConfig model =
              resolved.computeIfAbsent(modelName, n -> resolve(catalog, n, relative));
          refuseImages(file, relative, model);
          for (int r = 0; r < options.repeat(); r++) {
            String id = caseId + ":" + model.ref().id() + ":" + r;
            out.add(new Trial(id, caseId, relative, file, testCase, model, r));
          }
        }
      }
    }
    return out;
  }

  /**
   * A file without test data runs once when {@code --var} and the defaults fill every variable it
   * needs (as {@code gh models run} does); otherwise it has nothing to run, which is a warning
   * naming what to pass, not an error.
   */
  private static List<TestCase> runTimeCases(
      PromptFile file, RunOptions options, Diagnostics diagnostics) {
    TestCase only = file.runTimeCase();
    Set<String> unfilled = new PromptRenderer(file, options.vars()).unfilled(only);
    if (unfilled.isEmpty()) {
      return List.of(only);
    }
    diagnostics.warning(
        only.where(),
        NEEDS_VARIABLES,
        "no testData, and no value for "
            + unfilled.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "))
            + ": not run; pass "
            + unfilled.stream().map(v -> "--var " + v + "=...").collect(Collectors.joining(" "))
            + " (gh models eval runs no test of a file without testData)");
    return List.of();
  }

  /**
   * A file that sends an image to a provider promptcheck cannot send images through stops the run
   * before any call: a text-only request would test something else than the file says.
   */
  private static void refuseImages(PromptFile file, String relative, ModelConfig model) {
    for (Message m : file.messages()) {
      if (m.images().isEmpty()) {
        continue;
      }
      String provider = model.ref().provider();
      boolean takes = Providers.byId(provider).map(Provider::takesImages).orElse(false);
      if (!takes) {
        SourceRef at = m.images().get(0).where();
        throw new ConfigurationException(
            relative
                + ":"
                + at.line()
                + ":"
                + at.column()
                + ": this message sends an image, and "
                + model.ref().id()
                + " ("
                + provider
                + ": provider) cannot take images in promptcheck; use an openai: or github: model");
      }
    }
  }

  /** A model the file names (its {@code model:}) that cannot resolve stops the run, naming it. */
  private static ModelConfig resolve(ProjectConfig catalog, String name, String file) {
    try {
      return catalog.resolve(name);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(file + ": model: " + e.getMessage());
    }
  }

  static String relative(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return (abs.startsWith(b) ? b.relativize(abs) : abs).toString().replace('\\', '/');
  }

  private static boolean matches(
      String filter, String relative, PromptFile file, TestCase testCase) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String f = filter.toLowerCase(Locale.ROOT);
    if (relative.toLowerCase(Locale.ROOT).contains(f)
        || file.name().toLowerCase(Locale.ROOT).contains(f)
        || testCase.label().toLowerCase(Locale.ROOT).contains(f)) {
      return true;
    }
    for (Map.Entry<String, String> e : testCase.vars().entrySet()) {
      if (e.getValue().toLowerCase(Locale.ROOT).contains(f)) {
        return true;
      }
    }
    return false;
  }
}
