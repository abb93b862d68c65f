package dev.promptcheck.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import dev.promptcheck.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code testData:} file (.jsonl, .json, .csv, .yaml/.yml) into located case nodes. The
 * path is taken relative to the prompt file and must stay inside the suite root, symlinks followed
 * ({@link SuitePaths}).
 */
final class TestDataReader {
  private static final ObjectMapper JSON = Json.MAPPER;

  private TestDataReader() {}

  static List<YNode> read(String reference, SourceRef at, Path suiteRoot, Diagnostics diagnostics) {
    Path base = at.file().toAbsolutePath().getParent();
    Path file = base.resolve(reference).normalize();
    var escape = SuitePaths.outside(file, suiteRoot);
    if (escape.isPresent()) {
      diagnostics.error(
          at,
          "path-escape",
          "testData path '"
              + reference
              + "' "
              + escape.get()
              + "; keep datasets inside it (e.g. test-data/)");
      return List.of();
    }
    if (!Files.isRegularFile(file)) {
      diagnostics.error(at, "missing-file", "testData file not found: " + file);
      return List.of();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      diagnostics.error(at, "io", "cannot read testData file " + file + ": " + e.getMessage());
      return List.of();
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return jsonLines(file, text, diagnostics);
    }
    if (name.endsWith(".json")) {
      return json(file, text, diagnostics);
    }
    if (name.endsWith(".csv")) {
      return csv(file, text, diagnostics);
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return yaml(file, text, diagnostics);
    }
    diagnostics.error(
        at,
        "bad-testdata",
        "testData file must be .jsonl, .json, .csv or .yaml: " + file.getFileName());
    return List.of();
  }

  private static List<YNode> jsonLines(Path file, String text, Diagnostics diagnostics) {
    List<YNode> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      SourceRef where = new SourceRef(file, i + 1, 1);
      try {
        out.add(fromJson(JSON.readTree(line), where));
      } catch (JsonProcessingException e) {
        int col = e.getLocation() != null ? Math.max(1, e.getLocation().getColumnNr()) : 1;
        diagnostics.error(
            new SourceRef(file, i + 1, col),
            "bad-testdata",
            "invalid JSON: " + e.getOriginalMessage());
      }
    }
    return out;
  }

  private static List<YNode> json(Path file, String text, Diagnostics diagnostics) {
    try {
      JsonNode tree = JSON.readTree(text);
      YNode node = fromJson(tree, new SourceRef(file, 1, 1));
      return casesOf(node, diagnostics);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      diagnostics.error(
          loc == null
              ? SourceRef.of(file)
              : new SourceRef(file, loc.getLineNr(), loc.getColumnNr()),
          "bad-testdata",
          "invalid JSON: " + e.getOriginalMessage());
      return List.of();
    }
  }

  private static List<YNode> csv(Path file, String text, Diagnostics diagnostics) {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<YNode> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows =
        mapper.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
      while (rows.hasNextValue()) {
        int line = rows.getCurrentLocation().getLineNr();
        Map<String, String> row = rows.nextValue();
        SourceRef where = new SourceRef(file, Math.max(2, line), 1);
        LinkedHashMap<String, YMap.Entry> entries = new LinkedHashMap<>();
        row.forEach(
            (k, v) -> entries.put(k, new YMap.Entry(YNode.text(k, where), YNode.text(v, where))));
        out.add(new YMap(entries, where));
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.error(
          SourceRef.of(file),
          "bad-testdata",
          "invalid CSV: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return out;
  }

  private static List<YNode> yaml(Path file, String text, Diagnostics diagnostics) {
    return YamlReader.read(file, text, diagnostics)
        .map(n -> casesOf(n, diagnostics))
        .orElse(List.of());
  }

  private static List<YNode> casesOf(YNode node, Diagnostics diagnostics) {
    if (node instanceof YMap m) {
      var list = m.first("testData", "cases", "tests");
      if (list.isPresent()) {
        node = list.get().value();
      }
    }
    if (node instanceof YSeq q) {
      return q.items();
    }
    diagnostics.error(
        node.where(),
        "bad-testdata",
        "a testData file must hold a list of cases, found " + node.shape());
    return List.of();
  }

  private static YNode fromJson(JsonNode json, SourceRef where) {
    if (json.isObject()) {
      LinkedHashMap<String, YMap.Entry> entries = new LinkedHashMap<>();
      json.fields()
          .forEachRemaining(
              e ->
                  entries.put(
                      e.getKey(),
                      new YMap.Entry(
                          YNode.text(e.getKey(), where), fromJson(e.getValue(), where))));
      return new YMap(entries, where);
    }
    if (json.isArray()) {
      List<YNode> items = new ArrayList<>();
      json.forEach(i -> items.add(fromJson(i, where)));
      return new YSeq(items, where);
    }
    if (json.isNull()) {
      return new YScalar("", YNode.ScalarType.NULL, where, -1, -1);
    }
    YNode.ScalarType type =
        json.isBoolean()
            ? YNode.ScalarType.BOOL
            : json.isIntegralNumber()
                ? YNode.ScalarType.INT
                : json.isNumber() ? YNode.ScalarType.FLOAT : YNode.ScalarType.STRING;
    return new YScalar(json.asText(), type, where, -1, -1);
  }
}
