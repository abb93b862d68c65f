package dev.promptcheck.model;

import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YamlReader;
import dev.promptcheck.support.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's {@code promptcheck.yaml}, optional: the model names it defines and the ceilings it
 * sets.
 *
 * <pre>
 * models:
 *   fast:
 *     model: openai:gpt-4o-mini
 *     baseUrl: http://127.0.0.1:8000/v1     # optional
 *     keyEnv: MY_OPENAI_KEY                 # optional, default per provider
 *     price: {input: 0.15, output: 0.60}    # USD per million tokens
 *     concurrency: 4                        # this model's calls in flight (default --concurrency)
 *     rpm: 500                              # this model's requests per minute (default --rpm)
 * providers:                                # optional ceilings over all models of a provider
 *   openai: {concurrency: 16, rpm: 3000}
 * </pre>
 *
 * A name not defined there must say where the model is ({@code provider:model}, or a GitHub Models
 * {@code publisher/model}); an entry keyed by {@code provider:model} adds prices or limits to that
 * model. Every key is checked when the file is read, so a misspelt one is an error before any call,
 * never a silently different model.
 */
public final class ProjectConfig {
  public static final String FILE = "promptcheck.yaml";

  /** The keys promptcheck.yaml may hold, at the top, in a model entry, and in its price. */
  public static final List<String> TOP_LEVEL_KEYS = List.of("models", "providers");

  public static final List<String> MODEL_KEYS =
      List.of("model", "baseUrl", "keyEnv", "price", "concurrency", "rpm");
  public static final List<String> PRICE_KEYS = List.of("input", "output");
  public static final List<String> PROVIDER_KEYS = List.of("concurrency", "rpm");

  /**
   * A provider's ceiling over all its models together (an account-wide limit); null: no ceiling.
   */
  public record Ceiling(Integer concurrency, Integer requestsPerMinute) {}

  private final Map<String, ModelConfig> byName;
  private final Path source;
  private final Map<String, Ceiling> ceilings;

  private ProjectConfig(
      Map<String, ModelConfig> byName, Path source, Map<String, Ceiling> ceilings) {
    this.byName = byName;
    this.source = source;
    this.ceilings = ceilings;
  }

  public static ProjectConfig empty() {
    return new ProjectConfig(Map.of(), null, Map.of());
  }

  /** The ceiling configured for {@code provider} under {@code providers:}, if any. */
  public Optional<Ceiling> ceiling(String provider) {
    return Optional.ofNullable(ceilings.get(provider));
  }

  /** The file this catalog was read from, if any. */
  public Optional<Path> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The promptcheck.yaml that applies to a suite in {@code start} (a folder, or a file in it): the
   * nearest one in it or a folder above, up to the repository root (the first folder holding {@code
   * .git}), or up to the file system's root outside a repository. Last, the working directory's
   * own.
   */
  public static Optional<Path> find(Path start, Path workingDir) {
    Path dir = start.toAbsolutePath().normalize();
    while (dir != null && !Files.isDirectory(dir)) {
      dir = dir.getParent(); // a file, or a path that does not exist (yet): its folder
    }
    if (dir != null) {
      Path top = repositoryRoot(dir).orElse(dir.getRoot());
      for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
        if (Files.isRegularFile(d.resolve(FILE))) {
          return Optional.of(d.resolve(FILE));
        }
      }
    }
    Path own = workingDir.toAbsolutePath().normalize().resolve(FILE);
    return Files.isRegularFile(own) ? Optional.of(own) : Optional.empty();
  }

  /**
   * The promptcheck.yaml that applies to a suite given as {@code paths} (files, folders or globs,
   * relative to {@code workingDir}): {@link #find} from the first path's folder (for a glob, the
   * folder before its first wildcard; {@code prompts} when none is given). What {@code run}, {@code
   * validate} and the library all use, so they agree on which file a suite's model names mean.
   */
  public static Optional<Path> forSuite(Path workingDir, List<String> paths) {
    String first = paths.isEmpty() ? "prompts" : paths.get(0);
    int wildcard = first.replaceAll("[*?\\[{].*", "").length();
    String plain = first.substring(0, wildcard);
    return find(workingDir.resolve(plain.isEmpty() ? "." : plain), workingDir);
  }

  private static Optional<Path> repositoryRoot(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Reads a promptcheck.yaml; what is wrong in it goes to {@code diagnostics}, located. */
  public static ProjectConfig load(Path file, Diagnostics diagnostics) {
    if (!Files.isRegularFile(file)) {
      return empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      diagnostics.error(SourceRef.of(file), "io", "cannot read: " + e.getMessage());
      return empty();
    }
    Map<String, ModelConfig> out = new LinkedHashMap<>();
    Map<String, Ceiling> ceilings = new LinkedHashMap<>();
    var root = YamlReader.read(file, text, diagnostics);
    if (root.isEmpty()) {
      return new ProjectConfig(out, file, ceilings);
    }
    if (!(root.get() instanceof YMap top)) {
      diagnostics.error(
          root.get().where(), "bad-config", FILE + " must be a mapping with a 'models:' key");
      return new ProjectConfig(out, file, ceilings);
    }
    checkKeys(top, TOP_LEVEL_KEYS, "a top-level key", diagnostics);
    YNode providersNode = top.get("providers").orElse(null);
    if (providersNode instanceof YMap providers) {
      for (YMap.Entry e : providers.list()) {
        if (!(e.value() instanceof YMap limits)) {
          diagnostics.error(
              e.value().where(),
              "bad-config",
              "provider '" + e.key().text() + "' must be a mapping of concurrency and rpm");
          continue;
        }
        checkKeys(limits, PROVIDER_KEYS, "a key of provider '" + e.key().text() + "'", diagnostics);
        ceilings.put(
            e.key().text(),
            new Ceiling(
                whole(limits, "concurrency", 1, diagnostics),
                whole(limits, "rpm", 0, diagnostics)));
      }
    } else if (providersNode != null) {
      diagnostics.error(
          providersNode.where(),
          "bad-config",
          "'providers' must map provider names to {concurrency, rpm}");
    }
    YNode modelsNode = top.get("models").orElse(null);
    if (modelsNode == null) {
      return new ProjectConfig(out, file, ceilings);
    }
    if (!(modelsNode instanceof YMap models)) {
      diagnostics.error(
          modelsNode.where(),
          "bad-config",
          "'models' must map names to models, found " + modelsNode.shape());
      return new ProjectConfig(out, file, ceilings);
    }
    for (YMap.Entry e : models.list()) {
      ModelConfig config = entry(e, diagnostics);
      if (config != null) {
        out.put(config.name(), config);
      }
    }
    return new ProjectConfig(out, file, ceilings);
  }

  private static ModelConfig entry(YMap.Entry e, Diagnostics diagnostics) {
    String name = e.key().text();
    if (!(e.value() instanceof YMap entry)) {
      diagnostics.error(
          e.value().where(),
          "bad-config",
          "model '" + name + "' must be a mapping (model:, baseUrl:, price:, ...)");
      return null;
    }
    checkKeys(entry, MODEL_KEYS, "a key of model '" + name + "'", diagnostics);
    YNode modelNode = entry.get("model").orElse(null);
    String model = text(entry, "model");
    ModelRef ref;
    try {
      ref = ModelRef.parse(model != null ? model : name);
    } catch (IllegalArgumentException bare) {
      diagnostics.error(
          modelNode != null ? modelNode.where() : e.key().where(),
          "unknown-model",
          model != null
              ? "model '" + name + "': " + bare.getMessage()
              : "model '" + name + "' needs 'model: provider:name', e.g. model: openai:" + name);
      return null;
    }
    Double in = null;
    Double outPrice = null;
    YNode priceNode = entry.get("price").orElse(null);
    if (priceNode instanceof YMap price) {
      checkKeys(price, PRICE_KEYS, "a price key", diagnostics);
      in = number(price, "input", 0, diagnostics);
      outPrice = number(price, "output", 0, diagnostics);
    } else if (priceNode != null) {
      diagnostics.error(
          priceNode.where(),
          "bad-config",
          "'price' must be {input: USD, output: USD} per million tokens");
    }
    return new ModelConfig(
        name,
        ref,
        text(entry, "baseUrl"),
        text(entry, "keyEnv"),
        in,
        outPrice,
        whole(entry, "concurrency", 1, diagnostics),
        whole(entry, "rpm", 0, diagnostics));
  }

  /** A whole number of at least {@code least}, or null (with an error when it is not one). */
  private static Integer whole(YMap m, String key, int least, Diagnostics diagnostics) {
    Double d = number(m, key, least, diagnostics);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d) || d > Integer.MAX_VALUE) {
      diagnostics.error(
          m.get(key).get().where(), "bad-config", "'" + key + "' must be a whole number, not " + d);
      return null;
    }
    return d.intValue();
  }

  private static void checkKeys(
      YMap map, List<String> allowed, String what, Diagnostics diagnostics) {
    for (YMap.Entry e : map.list()) {
      String key = e.key().text();
      if (!allowed.contains(key)) {
        diagnostics.error(
            e.key().where(),
            "unknown-key",
            "'"
                + key
                + "' is not "
                + what
                + Suggestions.didYouMean(key, allowed).map(s -> "; " + s).orElse("")
                + " (known: "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  /**
   * The configuration for a model name as the user wrote it.
   *
   * @throws ConfigurationException for a name that is neither defined here nor qualified
   */
  public ModelConfig resolve(String name) {
    ModelConfig named = byName.get(name);
    if (named != null) {
      return named;
    }
    if (!ModelRef.isQualified(name)) {
      throw new ConfigurationException(unknown(name));
    }
    ModelRef ref = ModelRef.parse(name);
    ModelConfig byRef = byName.get(ref.id());
    if (byRef != null) {
      return byRef;
    }
    return byName.values().stream()
        .filter(c -> c.ref().equals(ref))
        .findFirst()
        .orElse(ModelConfig.of(ref));
  }

  private String unknown(String name) {
    String n = name.trim();
    String nearest =
        Suggestions.didYouMean(n, byName.keySet()).map(s -> "; " + s + " It").orElse(": it");
    String where =
        source == null
            ? "no " + FILE + " defines it"
            : "it is not defined in " + source + " (which defines " + listed() + ")";
    return "unknown model '"
        + n
        + "'"
        + nearest
        + " names no provider and "
        + where.replaceFirst("^it is ", "is ")
        + "; write provider:model, e.g. openai:"
        + n
        + " or github:openai/"
        + n;
  }

  private String listed() {
    return byName.isEmpty() ? "no models" : String.join(", ", byName.keySet());
  }

  private static String text(YMap m, String key) {
    return m.get(key).filter(YScalar.class::isInstance).map(v -> ((YScalar) v).text()).orElse(null);
  }

  private static Double number(YMap m, String key, double least, Diagnostics diagnostics) {
    YNode v = m.get(key).orElse(null);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(((YScalar) v).text());
      if (d < least || Double.isNaN(d)) {
        String given = d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        diagnostics.error(
            v.where(),
            "bad-config",
            "'" + key + "' must be at least " + (int) least + ", not " + given);
        return null;
      }
      return d;
    } catch (RuntimeException e) {
      diagnostics.error(v.where(), "bad-config", "'" + key + "' must be a number");
      return null;
    }
  }
}
