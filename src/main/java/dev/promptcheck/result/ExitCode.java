package dev.promptcheck.result;

/** docs/architecture.md §5's exit codes. */
public final class ExitCode {
  public static final int PASSED = 0;
  public static final int FAILURES = 1;
  public static final int INVALID_INPUT = 2;
  public static final int INCOMPLETE = 3;

  private ExitCode() {}
}
