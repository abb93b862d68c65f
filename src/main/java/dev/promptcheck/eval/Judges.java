package dev.promptcheck.eval;

import dev.promptcheck.model.ModelClient;
import dev.promptcheck.model.ModelRef;
import java.util.Optional;

/**
 * Where judge evaluators get their model: the spec's own {@code modelId}, else the run's {@code
 * --judge}. The run stage supplies the clients (with its retries and cache).
 */
public interface Judges {
  Judges NONE = modelId -> Optional.empty();

  /**
   * The judge for {@code modelId} (null: the run's default judge), or empty when none is
   * configured.
   */
  Optional<Judge> judge(String modelId);

  record Judge(ModelRef model, ModelClient client) {}
}
