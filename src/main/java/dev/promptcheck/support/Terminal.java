package dev.promptcheck.support;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the process talks to a person at a terminal (colour, progress bars) or to a file. */
public final class Terminal {
  private static final Method IS_TERMINAL = isTerminalMethod();

  private Terminal() {}

  /**
   * True when standard input and output are a terminal. On JDK 17 to 21 {@link System#console()} is
   * null when either is redirected; from JDK 22 it is never null and {@code Console.isTerminal()}
   * (looked up reflectively, as this code is built for 17) tells instead.
   */
  public static boolean interactive() {
    @SuppressWarnings("SystemConsoleNull") // the JDK 17 contract; JDK 22+ is handled below
    Console console = System.console();
    if (console == null) {
      return false;
    }
    if (IS_TERMINAL == null) {
      return true;
    }
    try {
      return (Boolean) IS_TERMINAL.invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Method isTerminalMethod() {
    try {
      return Console.class.getMethod("isTerminal");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
