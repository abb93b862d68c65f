package dev.promptcheck.suite;

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
    SourceRef where) {

  public String expected() {
    return vars.get("expected");
  }

  /** The label people see: the explicit id when the file gives one, else "#index". */
  public String label() {
    return id != null ? id : "#" + index;
  }
}
