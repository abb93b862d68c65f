package dev.promptcheck.template;

/** A slot had no value. Carries the variable name so callers can say which case lacks it. */
public final class MissingVariableException extends RuntimeException {
  private final String variable;

  public MissingVariableException(String variable) {
    super("missing variable '" + variable + "'", null, false, false);
    this.variable = variable;
  }

  public MissingVariableException(String variable, String message) {
    super(message, null, false, false);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
