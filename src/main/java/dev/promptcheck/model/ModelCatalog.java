package dev.promptcheck.model;

import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model names from an optional {@code promptcheck.yaml}:
 *
 * <pre>
 * models:
 *   fast:
 *     model: openai:gpt-4o-mini
 *     baseUrl: http://127.0.0.1:8000/v1     # optional
 *     keyEnv: MY_OPENAI_KEY                 # optional, default per provider
 *     price: {input: 0.15, output: 0.60}    # USD per million tokens
 *     concurrency: 4
 * </pre>
 *
 * A name not defined there is read as {@code provider:model}; an entry keyed by {@code
 * provider:model} adds prices or limits to that model.
 */
public final class ModelCatalog {
  private final Map<String, ModelConfig> byName;

  private ModelCatalog(Map<String, ModelConfig> byName) {
    this.byName = byName;
  }

  public static ModelCatalog empty() {
    return new ModelCatalog(Map.of());
  }

  public static ModelCatalog load(Path file, Diagnostics diagnostics) {
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
    var root = YamlReader.read(file, text, diagnostics);
    if (root.isEmpty()) {
      return empty();
    }
    if (!(root.get() instanceof YMap m) || !(m.get("models").orElse(null) instanceof YMap models)) {
      diagnostics.error(
          root.get().where(), "bad-config", "promptcheck.yaml needs a 'models:' mapping");
      return empty();
    }
    for (YMap.Entry e : models.list()) {
      String name = e.key().text();
      if (!(e.value() instanceof YMap entry)) {
        diagnostics.error(
            e.value().where(), "bad-config", "model '" + name + "' must be a mapping");
        continue;
      }
      String model = text(entry, "model");
      ModelRef ref = ModelRef.parse(model != null ? model : name);
      Double in = null;
      Double outPrice = null;
      if (entry.get("price").orElse(null) instanceof YMap price) {
        in = number(price, "input", diagnostics);
        outPrice = number(price, "output", diagnostics);
      }
      Double concurrency = number(entry, "concurrency", diagnostics);
      out.put(
          name,
          new ModelConfig(
              name,
              ref,
              text(entry, "baseUrl"),
              text(entry, "keyEnv"),
              in,
              outPrice,
              concurrency == null ? null : concurrency.intValue()));
    }
    return new ModelCatalog(out);
  }

  /** The configuration for a model name as the user wrote it. */
  public ModelConfig resolve(String name) {
    ModelConfig named = byName.get(name);
    if (named != null) {
      return named;
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

  private static String text(YMap m, String key) {
    return m.get(key).filter(YScalar.class::isInstance).map(v -> ((YScalar) v).text()).orElse(null);
  }

  private static Double number(YMap m, String key, Diagnostics diagnostics) {
    YNode v = m.get(key).orElse(null);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(((YScalar) v).text());
    } catch (RuntimeException e) {
      diagnostics.error(v.where(), "bad-config", "'" + key + "' must be a number");
      return null;
    }
  }
}
