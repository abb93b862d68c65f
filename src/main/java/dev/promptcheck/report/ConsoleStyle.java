package dev.promptcheck.report;

import java.util.Map;

/**
 * Colour on the console, or none. Colour only on a terminal, never in a file or a pipe, and never
 * when the user said no: {@code --no-color}, {@code NO_COLOR} set to anything non-empty
 * (no-color.org), or {@code TERM=dumb}.
 */
public record ConsoleStyle(boolean color) {
  public static final ConsoleStyle PLAIN = new ConsoleStyle(false);
  public static final ConsoleStyle COLOR = new ConsoleStyle(true);

  private static final String RESET = "\u001b[0m";

  public static ConsoleStyle detect(
      boolean noColorFlag, Map<String, String> environment, boolean terminal) {
    String noColor = environment.get("NO_COLOR");
    boolean refused =
        noColorFlag
            || (noColor != null && !noColor.isEmpty())
            || "dumb".equals(environment.get("TERM"));
    return terminal && !refused ? COLOR : PLAIN;
  }

  public String pass(String text) {
    return paint("32", text);
  }

  public String fail(String text) {
    return paint("31", text);
  }

  public String error(String text) {
    return paint("33", text);
  }

  public String dim(String text) {
    return paint("2", text);
  }

  public String bold(String text) {
    return paint("1", text);
  }

  /** The colour of a status word: pass green, fail red, error yellow, skipped dim. */
  public String status(String id, String text) {
    return switch (id) {
      case "pass" -> pass(text);
      case "fail" -> fail(text);
      case "error" -> error(text);
      default -> dim(text);
    };
  }

  private String paint(String code, String text) {
    return color && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
  }
}
