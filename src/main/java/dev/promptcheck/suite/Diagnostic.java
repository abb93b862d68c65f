package dev.promptcheck.suite;

/**
 * One located finding about an input file, printed as {@code path:line:col: severity: message
 * [code]}, with the file's line at that place under it when {@code excerpt} holds it (a YAML syntax
 * error: the line and a caret show what the words describe).
 */
public record Diagnostic(
    SourceRef where, Severity severity, String message, String code, String excerpt) {

  public Diagnostic(SourceRef where, Severity severity, String message, String code) {
    this(where, severity, message, code, null);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public String format() {
    return where + ": " + severity.label() + ": " + message + " [" + code + "]";
  }
}
