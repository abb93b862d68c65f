package dev.promptcheck.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Typed option values, converted and checked by picocli before anything runs: a bad value is a
 * usage error (exit 2) that names the option and the value, never a failure at call time.
 */
final class OptionTypes {
  private OptionTypes() {}

  /** A duration above zero: {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds. */
  static final class PositiveDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Duration d = parse(text);
      if (d.isZero() || d.isNegative()) {
        throw new TypeConversionException(
            "'" + text + "' is not a timeout: it must be more than 0 (e.g. 30s, 500ms, 2m)");
      }
      return d;
    }

    static Duration parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      try {
        if (t.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
        }
        if (t.endsWith("s")) {
          return Duration.ofMillis(
              Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
          return Duration.ofMillis(
              Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
        }
        if (t.endsWith("h")) {
          return Duration.ofMillis(
              Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 3_600_000));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new TypeConversionException(
            "'" + text + "' is not a duration: write it like 30s, 500ms or 2m");
      }
    }
  }

  /** A whole number of at least 1 (concurrency, repeats). */
  static final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      int n = integer(text);
      if (n < 1) {
        throw new TypeConversionException("'" + text + "' must be at least 1");
      }
      return n;
    }
  }

  /** A whole number of at least 0 (retries, requests per minute where 0 means no ceiling). */
  static final class NotNegative implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      int n = integer(text);
      if (n < 0) {
        throw new TypeConversionException("'" + text + "' must not be negative");
      }
      return n;
    }
  }

  private static int integer(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a whole number");
    }
  }

  /**
   * A run id: the name of one folder under {@code --out}. A path ({@code ../x}, {@code a/b}) would
   * put the run folder elsewhere than the reports' folder, where {@code reports/latest}, merge and
   * the Action look for it.
   */
  static final class RunId implements ITypeConverter<String> {
    @Override
    public String convert(String text) {
      if (text.isBlank()
          || text.equals(".")
          || text.equals("..")
          || text.contains("/")
          || text.contains("\\")
          || text.chars().anyMatch(c -> c < 0x20)) {
        throw new TypeConversionException(
            "'"
                + text
                + "' is not a run id: it names one folder under --out (letters, digits, '-', '_',"
                + " '.'); to write elsewhere, use --out DIR");
      }
      return text;
    }
  }

  /**
   * A rate in 0..1 ({@code 0.8}) or a percentage written with {@code %} ({@code 80%}). A bare
   * {@code 80} is refused with both spellings suggested: read as a rate it could never be reached.
   */
  static final class Rate implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      String t = text.trim();
      boolean percent = t.endsWith("%");
      double v;
      try {
        v = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t);
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'"
                + text
                + "' is not a rate: write a number between 0 and 1 (0.8) or a percentage (80%)");
      }
      if (percent) {
        v = v / 100;
      }
      if (Double.isNaN(v) || v < 0 || v > 1) {
        String hint =
            !percent && v > 1 && v <= 100
                ? ": did you mean " + trim(v / 100) + " or " + trim(v) + "%?"
                : ": write a number between 0 and 1 (0.8) or a percentage (80%)";
        throw new TypeConversionException("'" + text + "' is not a rate between 0 and 1" + hint);
      }
      return v;
    }

    private static String trim(double d) {
      String s = String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
      return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
  }

  /** An amount of US dollars above 0: {@code 0.50}, {@code $2}, {@code 1.5usd}. */
  static final class Usd implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      t =
          t.startsWith("$")
              ? t.substring(1)
              : t.endsWith("usd") ? t.substring(0, t.length() - 3) : t;
      double v;
      try {
        v = Double.parseDouble(t.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + text + "' is not an amount of US dollars: write 0.50 or $0.50");
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new TypeConversionException("'" + text + "' is not an amount above $0");
      }
      return v;
    }
  }
}
