package dev.promptcheck.suite;

/**
 * One located finding about an input file, printed as {@code path:line:col: severity: message
 * [code]}.
 */
public record Diagnostic(SourceRef where, Severity severity, String message, String code) {

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public String format() {
    return where + ": " + severity.label() + ": " + message + " [" + code + "]";
  }
}
