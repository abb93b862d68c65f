package dev.promptcheck.suite;

import dev.promptcheck.support.FrozenMap;
import java.util.List;
import java.util.Map;

/**
 * One row of test data: the variables it provides (including {@code expected} when given) and the
 * evaluators it adds to the file's own. {@code index} is 0-based, as in the file.
 */
public record TestCase(
    int index,
    String id,
    Map<String, String> vars,
    List<EvaluatorSpec> evaluators,
    SourceRef where,
    Map<String, Object> values) {

  /**
   * {@code values}: the same variables with the types the row gives them in YAML or JSON (numbers,
   * booleans, lists), for reports that show the case as written ({@code gh models eval --json}
   * prints the row's own values, github/gh-models cmd/eval/eval.go:47); null values are kept.
   */
  public TestCase {
    // frozen: a suite's cases live for the whole run (compact, and shared by every trial of the
    // case)
    vars = vars == null ? null : FrozenMap.of(vars);
    values = FrozenMap.of(values == null ? vars : values);
  }

  /** A case whose values are all text. */
  public TestCase(
      int index,
      String id,
      Map<String, String> vars,
      List<EvaluatorSpec> evaluators,
      SourceRef where) {
    this(index, id, vars, evaluators, where, null);
  }

  public String expected() {
    return vars.get("expected");
  }

  /** The case's number as people count, from 1 (gh says "test case 1" for the first row too). */
  public int number() {
    return index + 1;
  }

  /** The label people see: the explicit id when the file gives one, else "#number" (from 1). */
  public String label() {
    return id != null ? id : "#" + number();
  }
}
