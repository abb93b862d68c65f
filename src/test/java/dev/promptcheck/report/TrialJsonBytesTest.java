package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.run.Journal;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import dev.promptcheck.support.Secrets;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial's JSON written field by field ({@link ResultCodec#write}) is, byte for byte, what the
 * Jackson tree it replaced gave: each trial alone, the journal's lines (appended and merged) and
 * results.json. The tree is kept here, as it was, as the oracle.
 */
class TrialJsonBytesTest {
  /** Registered for the whole test JVM; it appears in no other test's data. */
  private static final String SECRET = "tjb-Secret\"<&>\u00e9";

  private static final Secrets SECRETS = Secrets.of(Map.of("TJB_API_KEY", SECRET));

  @TempDir Path dir;

  /** The tree the writers built per trial before {@link ResultCodec#write}, unchanged. */
  private static ObjectNode oldTree(TrialResult t) {
    ObjectNode n = ResultCodec.JSON.createObjectNode();
    n.put("trialId", t.trialId());
    n.put("caseId", t.caseId());
    n.put("file", t.file());
    n.put("prompt", t.prompt());
    n.put("model", t.model());
    n.put("caseIndex", t.caseIndex());
    n.put("caseLabel", t.caseLabel());
    n.put("repeat", t.repeat());
    n.put("status", t.status().id());
    n.set("testCase", ResultCodec.JSON.valueToTree(t.testCase()));
    ArrayNode messages = n.putArray("messages");
    t.messages()
        .forEach(m -> messages.addObject().put("role", m.role().id()).put("content", m.content()));
    n.put("modelResponse", t.output());
    ArrayNode verdicts = n.putArray("evaluationResults");
    for (Verdict v : t.verdicts()) {
      verdicts
          .addObject()
          .put("evaluatorName", v.name())
          .put("kind", v.kind())
          .put("status", v.status().id())
          .put("passed", v.status() == Status.PASS)
          .put("score", v.score())
          .put("details", v.reason());
    }
    n.put("latencyMs", t.latencyMs());
    if (t.inputTokens() == null) {
      n.putNull("inputTokens");
    } else {
      n.put("inputTokens", t.inputTokens());
    }
    if (t.outputTokens() == null) {
      n.putNull("outputTokens");
    } else {
      n.put("outputTokens", t.outputTokens());
    }
    if (t.cost() == null) {
      n.putNull("cost");
    } else {
      n.put("cost", t.cost());
    }
    n.put("finishReason", t.finishReason());
    n.put("error", t.error());
    n.put("attempts", t.attempts());
    n.put("source", t.source() == null ? null : t.source().id());
    n.put("endpoint", t.endpoint());
    if (t.modelVersion() == null) {
      n.putNull("modelVersion");
    } else {
      n.putObject("modelVersion")
          .put("name", t.modelVersion().name())
          .put("fingerprint", t.modelVersion().fingerprint());
    }
    return n;
  }

  /**
   * Every field null or empty where it can be, typed case values of every kind the suites and
   * journals give (nested, null, beyond the BMP), text that needs escaping, a secret, and the
   * report tests' run with every status.
   */
  private static List<TrialResult> varied() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("k", "v");
    nested.put("deeper", Map.of("z", false));
    nested.put("nothing", null);
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("long", 42L);
    typed.put("int", 7);
    typed.put("huge", Long.MAX_VALUE);
    typed.put("bigger", new BigInteger("123456789012345678901234567890"));
    typed.put("double", 1.5);
    typed.put("tiny", 1e-7);
    typed.put("negativeZero", -0.0);
    typed.put("float", 0.1f);
    typed.put("flag", true);
    typed.put("none", null);
    typed.put("list", Arrays.asList(1L, "two", null, List.of(3.25, false), Map.of()));
    typed.put("map", nested);
    typed.put("empty", "");
    typed.put("text", "\uD83D\uDCBB caf\u00e9 \u2028\u2029 \"q\" \\ \u0000\u001f </script>");
    typed.put("secret", "key=" + SECRET);
    List<TrialResult> trials = new ArrayList<>(SampleRuns.mixed().trials());
    trials.add(
        trial(
            "typed",
            typed,
            List.of(
                new RenderedMessage(Role.SYSTEM, "sys \uD83D\uDE00"),
                new RenderedMessage(Role.USER, "my key is " + SECRET)),
            "answer with " + SECRET + " and \uD800 a lone surrogate",
            List.of(
                new Verdict.Pass("p", "string", 1, "ok \u00e9"),
                new Verdict.Fail("f", "regex", 0.333333333333, "no \"match\""),
                new Verdict.Error("e", "judge", "judge said <nothing>"),
                new Verdict.Skipped("s", "rule", "")),
            12,
            null,
            1e-9,
            null,
            Source.CACHE,
            "http://127.0.0.1:9/v1"));
    trials.add(
        trial(
            "nothing",
            Map.of(),
            List.of(),
            null,
            List.of(),
            null,
            null,
            null,
            "HTTP 500",
            null,
            null));
    trials.add(
        trial(
            "zero",
            Map.of("n", 0L),
            List.of(),
            "",
            List.of(),
            0,
            0,
            0.0,
            null,
            Source.REPLAY,
            null));
    return trials;
  }

  private static TrialResult trial(
      String id,
      Map<String, Object> testCase,
      List<RenderedMessage> messages,
      String output,
      List<Verdict> verdicts,
      Integer inputTokens,
      Integer outputTokens,
      Double cost,
      String error,
      Source source,
      String endpoint) {
    Map<String, String> vars = new LinkedHashMap<>();
    testCase.forEach((k, v) -> vars.put(k, String.valueOf(v)));
    return new TrialResult(
        id + ":m:0",
        id,
        "prompts/demo.prompt.yml",
        "demo",
        "openai:a",
        3,
        "case " + id + " \u00e9",
        0,
        vars,
        messages,
        error == null ? Status.PASS : Status.ERROR,
        output,
        verdicts,
        Long.MAX_VALUE / 3,
        inputTokens,
        outputTokens,
        cost,
        error == null ? "stop" : null,
        error,
        2,
        source,
        endpoint,
        testCase,
        // a reported version on answered trials, with and without a fingerprint
        error != null
            ? null
            : ModelVersion.of("gpt-a-2026-01-01", id.hashCode() % 2 == 0 ? "fp_\"1\"" : null));
  }

  private static String written(ObjectWriter settings, TrialResult t) throws Exception {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = settings.createGenerator(text)) {
      ResultCodec.write(g, t);
    }
    return text.toString();
  }

  @Test
  void eachTrialIsTheOldTreeCompactAndIndented() throws Exception {
    ObjectWriter compact = ResultCodec.JSON.writer();
    ObjectWriter indented = compact.with(SerializationFeature.INDENT_OUTPUT);
    for (TrialResult t : varied()) {
      assertThat(written(compact, t)).isEqualTo(compact.writeValueAsString(oldTree(t)));
      assertThat(ResultCodec.toJsonText(t)).isEqualTo(compact.writeValueAsString(oldTree(t)));
      assertThat(written(indented, t)).isEqualTo(indented.writeValueAsString(oldTree(t)));
    }
  }

  @Test
  void journalLinesAppendedAndMergedAreTheOldLines() throws Exception {
    List<TrialResult> trials = varied();
    StringBuilder lines = new StringBuilder();
    for (TrialResult t : trials) {
      lines.append(SECRETS.scrub(ResultCodec.JSON.writeValueAsString(oldTree(t)))).append('\n');
    }
    byte[] expected = lines.toString().getBytes(StandardCharsets.UTF_8);
    Path appended = dir.resolve("appended");
    try (Journal journal = Journal.open(appended, SECRETS)) {
      trials.forEach(journal::append);
    }
    assertThat(Files.readAllBytes(appended.resolve(Journal.FILE))).isEqualTo(expected);
    Path merged = Journal.write(dir.resolve("merged"), trials, SECRETS);
    assertThat(Files.readAllBytes(merged)).isEqualTo(expected);

    String text = new String(expected, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("tjb-Secret").contains("key=" + Secrets.MASK);
    assertThat(Journal.read(appended).results()).hasSize(trials.size());
  }

  @Test
  void resultsJsonIsTheOldFile() throws Exception {
    List<TrialResult> trials = varied();
    Path file =
        new JsonReport().write(RunSummary.of(SampleRuns.of(trials), SECRETS), Comparison.NONE, dir);
    // the rest of the document as written (StreamedReportsTest: it reads back to the same text),
    // the trials as the old trees
    ObjectNode root = (ObjectNode) ResultCodec.JSON.readTree(file.toFile());
    ArrayNode old = root.putArray("testResults");
    trials.forEach(t -> old.add(oldTree(t)));
    String expected =
        SECRETS.scrub(
            ResultCodec.JSON
                .writer()
                .with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(root));
    assertThat(Files.readAllBytes(file)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }
}
