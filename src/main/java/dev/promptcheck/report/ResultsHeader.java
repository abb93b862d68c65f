package dev.promptcheck.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.promptcheck.result.ResultCodec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The few top-level facts of a {@code results.json} that say how its run was compared: its run id,
 * the run id of the baseline it was compared against (null: compared with nothing), and the alpha
 * and correction of its comparisons (null when the file predates them). Read by streaming the
 * fields before {@code testResults}, so a 100,000-trial file costs no more than a small one.
 */
public record ResultsHeader(String runId, String baselineRunId, Double alpha, String pAdjust) {

  /**
   * @throws IOException when the file cannot be read or is not JSON
   */
  public static ResultsHeader read(Path file) throws IOException {
    String runId = null;
    String baselineRunId = null;
    Double alpha = null;
    String pAdjust = null;
    try (JsonParser p = ResultCodec.JSON.getFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(file + " is not a promptcheck results.json");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "runId" -> runId = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "alpha" -> alpha = value.isNumeric() ? p.getDoubleValue() : null;
          case "pAdjust" -> pAdjust = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "baseline" -> baselineRunId = baselineId(p, value);
          case "testResults" -> {
            // everything that says how the run was compared is written before the trials
            return new ResultsHeader(orFolder(runId, file), baselineRunId, alpha, pAdjust);
          }
          default -> p.skipChildren();
        }
      }
    }
    return new ResultsHeader(orFolder(runId, file), baselineRunId, alpha, pAdjust);
  }

  /** {@code baseline.baseline}: the id of the run compared against. */
  private static String baselineId(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String id = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("baseline") && v == JsonToken.VALUE_STRING) {
        id = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return id;
  }

  /** As {@link JsonReport#read}: a file without a run id is named by its folder. */
  private static String orFolder(String runId, Path file) {
    Path folder = file.toAbsolutePath().getParent();
    return runId != null ? runId : folder == null ? "" : folder.getFileName().toString();
  }
}
