package dev.promptcheck.suite;

import java.util.List;

/** Sampling parameters; null means "not set, let the provider decide". */
public record ModelParameters(
    Double temperature,
    Integer maxTokens,
    Double topP,
    List<String> stop,
    Integer seed,
    Double presencePenalty,
    Double frequencyPenalty) {

  public static final ModelParameters NONE =
      new ModelParameters(null, null, null, List.of(), null, null, null);
}
