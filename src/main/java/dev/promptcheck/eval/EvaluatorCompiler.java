package dev.promptcheck.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.Mojibake;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.TestCase;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles a prompt file's evaluator specs once; trials then only call {@link #forCase}. A spec
 * that cannot compile is a located diagnostic and an evaluator that reports an error on every
 * trial, so a broken check is never silently dropped or counted as a pass.
 */
public final class EvaluatorCompiler {
  private final Map<EvaluatorSpec, Evaluator> compiled = new IdentityHashMap<>();
  private final PromptFile file;

  private EvaluatorCompiler(PromptFile file) {
    this.file = file;
  }

  public static EvaluatorCompiler compile(PromptFile file, Diagnostics diagnostics) {
    EvaluatorCompiler c = new EvaluatorCompiler(file);
    file.evaluators().forEach(s -> c.add(s, diagnostics));
    file.testCases().forEach(tc -> tc.evaluators().forEach(s -> c.add(s, diagnostics)));
    return c;
  }

  /** Compiles every spec of the file and counts the evaluators that compiled, by kind. */
  public static Map<String, Integer> compileAll(PromptFile file, Diagnostics diagnostics) {
    EvaluatorCompiler c = compile(file, diagnostics);
    Map<String, Integer> counts = new TreeMap<>();
    c.compiled.values().stream()
        .filter(e -> !(e instanceof SkippedEvaluator))
        .forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
    return counts;
  }

  public List<Evaluator> forCase(TestCase testCase) {
    List<Evaluator> out = new ArrayList<>();
    for (EvaluatorSpec s : file.evaluatorsFor(testCase)) {
      out.add(compiled.get(s));
    }
    return out;
  }

  private void add(EvaluatorSpec spec, Diagnostics diagnostics) {
    try {
      compiled.put(spec, build(spec));
    } catch (IllegalArgumentException e) {
      String code =
          spec instanceof EvaluatorSpec.Regex
              ? "bad-regex"
              : spec instanceof EvaluatorSpec.Json ? "bad-schema" : "bad-evaluator";
      diagnostics.error(spec.where(), code, "evaluator '" + spec.name() + "': " + e.getMessage());
      compiled.put(spec, SkippedEvaluator.broken(spec, e.getMessage()));
    }
  }

  private Evaluator build(EvaluatorSpec spec) {
    if (spec instanceof EvaluatorSpec.Regex r) {
      return new RegexEvaluator(r);
    }
    if (spec instanceof EvaluatorSpec.Text t) {
      return new StringEvaluator(t);
    }
    if (spec instanceof EvaluatorSpec.Headers h) {
      return new HeadersEvaluator(h, expectedHeadings(h));
    }
    if (spec instanceof EvaluatorSpec.Json j) {
      Object schema = j.schema() != null ? j.schema() : file.jsonSchema();
      return new JsonEvaluator(j, (JsonNode) schema);
    }
    if (spec instanceof EvaluatorSpec.Llm l) {
      return new JudgeEvaluator(l);
    }
    if (spec instanceof EvaluatorSpec.Limit l) {
      return new LimitEvaluator(l);
    }
    return SkippedEvaluator.unsupported((EvaluatorSpec.Unsupported) spec);
  }

  private List<String> expectedHeadings(EvaluatorSpec.Headers h) {
    List<String> expected = new ArrayList<>(h.expect());
    if (h.fromPrompt()) {
      List<String> prescribed =
          MarkdownHeadings.prescribed(Mojibake.repair(file.systemPrompt())).stream()
              .map(MarkdownHeadings.Heading::text)
              .toList();
      if (prescribed.isEmpty()) {
        throw new IllegalArgumentException(
            "fromPrompt: the system message prescribes no Markdown structure"
                + " (no headings after an 'output format' or 'following Markdown structure' line)");
      }
      expected.addAll(prescribed);
    }
    return expected;
  }
}
