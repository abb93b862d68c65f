package dev.promptcheck.eval;

import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.TestCase;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compiles a prompt file's evaluator specs once; trials then only call {@link #forCase}. Each spec
 * is compiled by its kind ({@link EvaluatorKinds}). A spec that cannot compile is a located
 * diagnostic and an evaluator that reports an error on every trial, so a broken check is never
 * silently dropped or counted as a pass.
 */
public final class EvaluatorCompiler {
  // by identity: two entries written alike are two checks, each with its own name and verdicts
  private final IdentityHashMap<EvaluatorSpec, Evaluator> compiled = new IdentityHashMap<>();
  private final PromptFile file;
  private final EvaluatorKinds kinds;

  private EvaluatorCompiler(PromptFile file, EvaluatorKinds kinds) {
    this.file = file;
    this.kinds = kinds;
  }

  /** Compiles with the kinds installed with promptcheck. */
  public static EvaluatorCompiler compile(PromptFile file, Diagnostics diagnostics) {
    return compile(file, diagnostics, EvaluatorKinds.STANDARD);
  }

  public static EvaluatorCompiler compile(
      PromptFile file, Diagnostics diagnostics, EvaluatorKinds kinds) {
    EvaluatorCompiler c = new EvaluatorCompiler(file, kinds);
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
    Optional<EvaluatorKind<?>> kind = kinds.forSpec(spec);
    if (kind.isEmpty()) {
      // only when suites were loaded with a parse table this registry does not match
      String reason = "no evaluator kind compiles " + spec.getClass().getName();
      diagnostics.error(
          spec.where(), "bad-evaluator", "evaluator '" + spec.name() + "': " + reason);
      compiled.put(spec, SkippedEvaluator.broken(spec, reason));
      return;
    }
    try {
      compiled.put(spec, EvaluatorKinds.compile(kind.get(), spec, file));
    } catch (IllegalArgumentException e) {
      diagnostics.error(
          spec.where(),
          kind.get().compileErrorCode(),
          "evaluator '" + spec.name() + "': " + e.getMessage());
      compiled.put(spec, SkippedEvaluator.broken(spec, e.getMessage()));
    }
  }
}
