package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table per evaluator kind: the evaluator as a file writes it, an output, the status expected
 * and a fragment of the reason a person reads.
 */
class EvaluatorsTest {
  @TempDir Path dir;

  static Stream<Arguments> regex() {
    return Stream.of(
        Arguments.of(
            "{regex: '^## Plan', flags: m}", "intro\n## Plan\nx", Status.PASS, "matched '## Plan'"),
        Arguments.of(
            "{regex: '^## Plan'}",
            "intro\n## Plan",
            Status.FAIL,
            "not found; nearest line '## Plan'"),
        Arguments.of(
            "{regex: {pattern: 'TODO', negate: true}}",
            "all done",
            Status.PASS,
            "absent, as required"),
        Arguments.of(
            "{regex: 'TODO', invert: true}",
            "one TODO left",
            Status.FAIL,
            "must not match but found 'TODO'"),
        Arguments.of("{regex: '(?i)error'}", "An ERROR occurred", Status.PASS, "matched 'ERROR'"),
        Arguments.of("{regex: '{\"ok\": true}'}", "reply {\"ok\": true}", Status.PASS, "matched"),
        Arguments.of("{regex: 'a{2,}b', flags: x}", "caaab", Status.PASS, "matched 'aaab'"),
        Arguments.of(
            "{regex: '{{expected}}'}", "the answer is Paris.", Status.PASS, "matched 'Paris'"),
        Arguments.of("{regex: '(a+)+$'}", "a".repeat(100_000) + "b", Status.FAIL, "not found"),
        Arguments.of("{regex: '^(a+)+\\1c'}", "a".repeat(5000), Status.ERROR, "budget"),
        Arguments.of("{regex: '(unclosed'}", "x", Status.ERROR, "invalid regex"));
  }

  static Stream<Arguments> string() {
    return Stream.of(
        Arguments.of(
            "{string: {contains: paris}}",
            "  The capital is Paris.  ",
            Status.PASS,
            "contains 'paris'"),
        Arguments.of(
            "{string: {contains: '{{expected}}'}}", "It is Paris", Status.PASS, "contains 'Paris'"),
        Arguments.of("{string: {equals: 'Paris'}}", "  Paris \n", Status.PASS, "equals 'Paris'"),
        Arguments.of("{string: {equals: 'Paris'}}", "paris", Status.FAIL, "fails equals 'Paris'"),
        Arguments.of("{string: {startsWith: 'the'}}", "The end", Status.PASS, "startsWith"),
        Arguments.of("{string: {endsWith: 'END.'}}", "the end.", Status.PASS, "endsWith"),
        Arguments.of(
            "{string: {notContains: sorry}}",
            "I'm SORRY",
            Status.FAIL,
            "fails notContains 'sorry'"),
        Arguments.of(
            "{type: includes_all, options: {strings: [a, z]}}",
            "abc",
            Status.FAIL,
            "fails contains 'z'"),
        Arguments.of("{string: {contains: x}}", "   ", Status.FAIL, "(the output is empty)"));
  }

  static Stream<Arguments> headers() {
    String good =
        "# Report\n\n## ⏱ Performance Analysis\ntext\n\n```python\n# not a heading\n```\n\n## Optimized Implementation\n\nPlan\n----\n";
    return Stream.of(
        Arguments.of(
            "{headers: {expect: ['⏱️ Performance Analysis', '💻 Optimized Implementation']}}",
            good,
            Status.PASS,
            "all 2 expected headings present"),
        Arguments.of(
            "{headers: {expect: [Performance Analysis, Plan], order: true}}",
            good,
            Status.PASS,
            "in order"),
        Arguments.of(
            "{headers: {expect: [Plan, Performance Analysis], order: true}}",
            good,
            Status.FAIL,
            "out of order 'Performance Analysis'"),
        Arguments.of(
            "{headers: {expect: [not a heading]}}",
            good,
            Status.FAIL,
            "missing 'not a heading'; found: # Report | ## ⏱ Performance Analysis"),
        Arguments.of(
            "{headers: {expect: [Report], level: 2}}",
            good,
            Status.FAIL,
            "missing 'Report' at level 2"),
        Arguments.of("{headers: {expect: ['1. Summary']}}", "## Summary\n", Status.PASS, "present"),
        Arguments.of(
            "{headers: {expect: [Summary]}}",
            "no headings here",
            Status.FAIL,
            "found: no headings"));
  }

  static Stream<Arguments> json() {
    String schema =
        "{json: {schema: {type: object, required: [name, tags], properties: {name: {type: string}, tags: {type: array, items: {type: string}}}}}}";
    return Stream.of(
        Arguments.of("{json: true}", "{\"a\": 1}", Status.PASS, "valid JSON"),
        Arguments.of(
            "{json: true}", "Sure!\n```json\n{\"a\": [1, 2]}\n```\n", Status.PASS, "valid JSON"),
        Arguments.of("{json: true}", "{\"a\": 1,}", Status.FAIL, "not JSON"),
        Arguments.of("{json: true}", "no json", Status.FAIL, "not JSON"),
        Arguments.of(
            schema,
            "{\"name\": \"x\", \"tags\": [\"a\"]}",
            Status.PASS,
            "valid against the schema"),
        Arguments.of(
            schema,
            "{\"name\": \"x\", \"tags\": [\"a\", 2]}",
            Status.FAIL,
            "schema violation at /tags/1"),
        Arguments.of(schema, "{\"tags\": []}", Status.FAIL, "missing /name"),
        Arguments.of(
            "{type: json_schema, schema: '{\"type\": \"array\"}'}",
            "[1]",
            Status.PASS,
            "valid against the schema"));
  }

  static Stream<Arguments> limits() {
    return Stream.of(
        Arguments.of("{latency: {maxMs: 1000}}", "x", Status.PASS, "400 ms (limit 1000 ms)"),
        Arguments.of("{latency: {maxMs: 100}}", "x", Status.FAIL, "400 ms (limit 100 ms)"),
        Arguments.of(
            "{tokens: {maxOutput: 10}}",
            "x",
            Status.FAIL,
            "42 output tokens (limit 10 output tokens)"),
        Arguments.of("{cost: {max: 0.01}}", "x", Status.SKIPPED, "no price configured"));
  }

  static Stream<Arguments> levenshtein() {
    return Stream.of(
        Arguments.of(
            "{levenshtein: {expected: '{{expected}}', maxDistance: 2}}",
            "  Pariss ",
            Status.PASS,
            "edit distance to 'Paris' is 1 (at most 2 allowed)"),
        Arguments.of(
            "{levenshtein: {expected: Paris, maxDistance: 1}}",
            "Lyon",
            Status.FAIL,
            "is more than 1 (at most 1 allowed)"),
        Arguments.of("{levenshtein: Paris}", "Paris", Status.PASS, "is 0 (at most 0 allowed)"),
        Arguments.of("{levenshtein: Paris}", "paris", Status.FAIL, "more than 0"),
        Arguments.of(
            "{type: levenshtein, value: '{{expected}}', threshold: 3}",
            "Pa-ri-s",
            Status.PASS,
            "is 2 (at most 3 allowed)"),
        Arguments.of(
            "{type: levenshtein, value: kitten}", "sitting", Status.PASS, "is 3 (at most 5"));
  }

  static Stream<Arguments> skipped() {
    return Stream.of(
        Arguments.of(
            "{python: \"'x' in output\"}", "x", Status.SKIPPED, "python expressions cannot run"),
        Arguments.of("{rule: Must be polite}", "x", Status.SKIPPED, "no judge model configured"),
        Arguments.of("{uses: github/coherence}", "x", Status.SKIPPED, "no judge model configured"),
        Arguments.of("{type: sentiment}", "x", Status.SKIPPED, "unknown evaluator type"));
  }

  @ParameterizedTest(name = "regex {0} on {1}")
  @MethodSource("regex")
  void regexEvaluator(String spec, String output, Status status, String reason) {
    check(spec, output, status, reason);
  }

  @ParameterizedTest(name = "string {0} on {1}")
  @MethodSource("string")
  void stringEvaluator(String spec, String output, Status status, String reason) {
    check(spec, output, status, reason);
  }

  @ParameterizedTest(name = "headers {0}")
  @MethodSource("headers")
  void headersEvaluator(String spec, String output, Status status, String reason) {
    check(spec, output, status, reason);
  }

  @ParameterizedTest(name = "json {0} on {1}")
  @MethodSource("json")
  void jsonEvaluator(String spec, String output, Status status, String reason) {
    check(spec, output, status, reason);
  }

  @ParameterizedTest(name = "limit {0}")
  @MethodSource("limits")
  void limitEvaluator(String spec, String output, Status status, String reason) {
    check(spec, output, status, reason);
  }

  @ParameterizedTest(name = "levenshtein {0} on {1}")
  @MethodSource("levenshtein")
  void levenshteinEvaluator(String spec, String output, Status status, String reason) {
    check(spec, output, status, reason);
  }

  @ParameterizedTest(name = "skipped {0}")
  @MethodSource("skipped")
  void skippedEvaluators(String spec, String output, Status status, String reason) {
    check(spec, output, status, reason);
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of("{regex: '(unclosed'}", "[bad-regex]"),
        Arguments.of("{regex: {flags: i}}", "has no 'pattern'"),
        Arguments.of("{headers: {}}", "expects no heading"),
        Arguments.of("{headers: {expect: [A], level: 9}}", "heading level must be 1 to 6"),
        Arguments.of("{json: {schema: '{not json'}}", "[bad-schema]"),
        Arguments.of("{levenshtein: {maxDistance: 2}}", "levenshtein needs the expected text"),
        Arguments.of(
            "{levenshtein: {expected: x, maxDistance: -1}}", "maxDistance must be a whole number"),
        Arguments.of("{type: json_schema, schema: {type: 12}}", "[bad-schema]"),
        Arguments.of("{latency: {}}", "needs a non-negative maximum"),
        Arguments.of("{llm: {choices: [yes]}}", "has no prompt"),
        Arguments.of("{type: contains}", "has nothing to look for"),
        Arguments.of("{string: {}}", "has no check"));
  }

  @ParameterizedTest(name = "bad spec {0}")
  @MethodSource("badSpecs")
  void badSpecsAreLocatedErrors(String spec, String message) {
    Fixtures.Loaded loaded = Fixtures.load(dir, file(spec));
    Diagnostics d = new Diagnostics();
    loaded.file().ifPresent(f -> EvaluatorCompiler.compile(f, d));
    String all =
        loaded.messages() + d.all().stream().map(x -> x.format()).reduce("", String::concat);
    assertThat(all).contains("case.prompt.yml:5:").contains("error").contains(message);
  }

  private static String file(String spec) {
    return "name: t\nmessages: [{role: user, content: '{{input}}'}]\ntestData: [{input: q, expected: Paris}]\nevaluators:\n  - "
        + spec
        + "\n";
  }

  private void check(String spec, String output, Status status, String reason) {
    PromptFile f = Fixtures.load(dir, file(spec)).get();
    Diagnostics d = new Diagnostics();
    List<Evaluator> evaluators = EvaluatorCompiler.compile(f, d).forCase(f.testCases().get(0));
    assertThat(evaluators).hasSize(1);
    Verdict v =
        evaluators
            .get(0)
            .evaluate(
                new EvaluationInput(
                    output, Map.of("input", "q", "expected", "Paris"), 400, 42, null, Judges.NONE));
    assertThat(v.status()).as(v.reason()).isEqualTo(status);
    assertThat(v.reason()).contains(reason);
  }
}
