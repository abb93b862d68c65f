package dev.promptcheck.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

/**
 * The words that started promptcheck, as the user typed them, for the lines that say what to type
 * next ("resume with: ./promptcheck run --resume reports/r"). The launcher script passes its {@code
 * $0} (shell-quoted, its bare name when found on PATH) in {@link #PROPERTY}; {@link TunedJvm}
 * passes {@code java -jar} and the jar as given when it restarts {@code java -jar} in a tuned JVM;
 * a JVM started either way without it still tells a jar from its own arguments. Free of other
 * classes: the relaunching JVM loads it on its way to the child.
 */
final class InvokedAs {
  static final String PROPERTY = "promptcheck.command";
  static final String DEFAULT = "promptcheck";

  private InvokedAs() {}

  /** This process's words, found once. */
  static String process() {
    return Holder.WORDS;
  }

  private static final class Holder {
    static final String WORDS =
        of(System.getProperty(PROPERTY), TunedJvm.jvmCommandLine(), ownJar());
  }

  /** The jar these classes were loaded from; null when they come from a folder (tests, an IDE). */
  private static Path ownJar() {
    try {
      CodeSource source = InvokedAs.class.getProtectionDomain().getCodeSource();
      Path p = source == null ? null : Path.of(source.getLocation().toURI());
      return p != null && p.toString().endsWith(".jar") ? p : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * {@code property} when set, else {@code java -jar JAR} when {@code jvmArguments} (the JVM's
   * arguments after the executable) run {@code ownJar}, promptcheck's own jar (another program's
   * {@code java -jar} calling the CLI in its JVM is no way to start promptcheck), else {@code
   * promptcheck}.
   */
  static String of(String property, List<String> jvmArguments, Path ownJar) {
    if (property != null && !property.isBlank()) {
      return property.strip();
    }
    int jar = jvmArguments == null ? -1 : jvmArguments.indexOf("-jar");
    if (jar >= 0 && jar + 1 < jvmArguments.size() && ownJar != null) {
      String given = jvmArguments.get(jar + 1);
      if (sameFile(Path.of(given), ownJar)) {
        return "java -jar " + quoted(given);
      }
    }
    return DEFAULT;
  }

  private static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** {@code s} as a shell word: as it is when it needs no quotes, else in single quotes. */
  static String quoted(String s) {
    boolean plain = !s.isEmpty();
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_./:=@%+-".indexOf(c) >= 0;
    }
    return plain ? s : "'" + s.replace("'", "'\\''") + "'";
  }
}
