package dev.promptcheck.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads of a {@code results.json} what the history keeps, streaming: the run's facts, each suite's
 * content hashes, and per trial its case, model, status, tokens, cost, latency, model version and
 * (where it did not pass) its output. Messages, test case values and each check's verdict are
 * skipped unread. A night of 6,000 trials is 11 MB of JSON; read as a tree ({@link
 * dev.promptcheck.report.JsonReport#read}) 365 of them took most of the 215 s of indexing
 * (bench/MEASUREMENTS.md). The field names are those {@link dev.promptcheck.report.JsonReport} and
 * {@link ResultCodec} write; ResultsReaderTest pins that both readers agree on what is kept.
 */
final class ResultsReader {
  private ResultsReader() {}

  /**
   * @throws IOException when the file cannot be read, is not JSON (a {@link
   *     com.fasterxml.jackson.core.JsonProcessingException} carrying where) or is not a promptcheck
   *     results file
   */
  static RunResult read(Path file) throws IOException {
    try (JsonParser p = ResultCodec.JSON.getFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(file + " is not a promptcheck results.json (no testResults)");
      }
      String runId = null;
      String toolVersion = "";
      Instant started = Instant.EPOCH;
      Instant finished = Instant.EPOCH;
      String incomplete = null;
      String commit = null;
      String branch = null;
      List<RunResult.SuiteInfo> suites = new ArrayList<>();
      List<TrialResult> trials = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "runId" -> runId = text(p);
          case "tool" -> {
            String version = objectField(p, "version");
            toolVersion = version == null ? "" : version;
          }
          case "startedAt" -> started = instant(text(p));
          case "finishedAt" -> finished = instant(text(p));
          case "incomplete" -> incomplete = text(p);
          case "git" -> {
            if (value == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                  case "commit" -> commit = text(p);
                  case "branch" -> branch = text(p);
                  default -> p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
          case "suites" -> {
            if (value == JsonToken.START_ARRAY) {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                suites.add(suite(p));
              }
            } else {
              p.skipChildren();
            }
          }
          case "testResults" -> {
            trials = new ArrayList<>();
            if (value == JsonToken.START_ARRAY) {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                trials.add(trial(p));
              }
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (trials == null) {
        throw new IOException(file + " is not a promptcheck results.json (no testResults)");
      }
      if (runId == null) {
        runId = file.getParent() == null ? "" : file.getParent().getFileName().toString();
      }
      return new RunResult(
          runId,
          toolVersion,
          started,
          finished,
          List.of(),
          List.of(),
          null,
          suites,
          trials,
          incomplete,
          List.of(),
          List.of(),
          null,
          new RunResult.Provenance(commit, branch),
          Map.of());
    }
  }

  private static RunResult.SuiteInfo suite(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return new RunResult.SuiteInfo("", "", "", Map.of(), null, Map.of());
    }
    String file = "";
    String name = "";
    String description = "";
    String contentHash = null;
    Map<String, String> caseHashes = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      switch (key) {
        case "file" -> file = orEmpty(text(p));
        case "name" -> name = orEmpty(text(p));
        case "description" -> description = orEmpty(text(p));
        case "contentHash" -> contentHash = text(p);
        case "caseHashes" -> {
          if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String caseId = p.currentName();
              p.nextToken();
              String hash = text(p);
              caseHashes.put(caseId, hash == null ? "null" : hash);
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new RunResult.SuiteInfo(file, name, description, Map.of(), contentHash, caseHashes);
  }

  /** One trial, without what the history does not keep (messages, case values, checks). */
  private static TrialResult trial(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IOException("a trial that is not an object at " + where(p));
    }
    String trialId = "";
    String caseId = "";
    String file = "";
    String prompt = "";
    String model = "";
    int caseIndex = 0;
    String caseLabel = "";
    int repeat = 0;
    Status status = null;
    String output = null;
    long latencyMs = 0;
    Integer inputTokens = null;
    Integer outputTokens = null;
    Double cost = null;
    String finishReason = null;
    String error = null;
    int attempts = 0;
    Source source = null;
    boolean sourceSeen = false;
    boolean replayed = false;
    String endpoint = null;
    String versionName = null;
    String fingerprint = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      switch (key) {
        case "trialId" -> trialId = orEmpty(text(p));
        case "caseId" -> caseId = orEmpty(text(p));
        case "file" -> file = orEmpty(text(p));
        case "prompt" -> prompt = orEmpty(text(p));
        case "model" -> model = orEmpty(text(p));
        case "caseIndex" -> caseIndex = p.getValueAsInt();
        case "caseLabel" -> caseLabel = orEmpty(text(p));
        case "repeat" -> repeat = p.getValueAsInt();
        case "status" -> status = Status.parse(orEmpty(text(p)));
        case "modelResponse" -> {
          // a passing trial's output is not kept: left unread (status comes first as written)
          if (status == Status.PASS) {
            p.skipChildren();
          } else {
            output = text(p);
          }
        }
        case "latencyMs" -> latencyMs = p.getValueAsLong();
        case "inputTokens" -> inputTokens = value == JsonToken.VALUE_NULL ? null : intOf(p);
        case "outputTokens" -> outputTokens = value == JsonToken.VALUE_NULL ? null : intOf(p);
        case "cost" -> cost = value == JsonToken.VALUE_NULL ? null : p.getValueAsDouble();
        case "finishReason" -> finishReason = text(p);
        case "error" -> error = text(p);
        case "attempts" -> attempts = p.getValueAsInt();
        case "source" -> {
          sourceSeen = true;
          String s = text(p);
          source = s == null ? null : Source.parse(s);
        }
        case "replayed" -> replayed = value == JsonToken.VALUE_TRUE;
        case "endpoint" -> endpoint = text(p);
        case "modelVersion" -> {
          if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              p.nextToken();
              switch (k) {
                case "name" -> versionName = text(p);
                case "fingerprint" -> fingerprint = text(p);
                default -> p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren(); // testCase, messages, evaluationResults
      }
    }
    if (status == null) {
      throw new IOException("a trial without a status at " + where(p));
    }
    if (status == Status.PASS) {
      output = null;
    }
    if (!sourceSeen) { // as ResultCodec reads files written before source existed
      source = replayed ? Source.CACHE : output != null ? Source.LIVE : null;
    }
    return new TrialResult(
        trialId,
        caseId,
        file,
        prompt,
        model,
        caseIndex,
        caseLabel,
        repeat,
        Map.of(),
        List.of(),
        status,
        output,
        List.of(),
        latencyMs,
        inputTokens,
        outputTokens,
        cost,
        finishReason,
        error,
        attempts,
        source,
        endpoint,
        Map.of(),
        ModelVersion.of(versionName, fingerprint));
  }

  /**
   * The current value as text as {@code JsonNode.asText} gives it; null for null, "" for
   * containers.
   */
  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return "";
    }
    return p.getText();
  }

  /**
   * The text of field {@code name} of the object at the parser, the rest skipped; null if absent.
   */
  private static String objectField(JsonParser p, String name) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String out = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      if (key.equals(name)) {
        out = text(p);
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  private static Integer intOf(JsonParser p) throws IOException {
    return p.getValueAsInt();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Instant instant(String s) {
    try {
      return s == null ? Instant.EPOCH : Instant.parse(s);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  private static String where(JsonParser p) {
    return "line "
        + p.currentLocation().getLineNr()
        + ", column "
        + p.currentLocation().getColumnNr();
  }
}
