package dev.promptcheck.cli;

import dev.promptcheck.support.Secrets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * What a command line runs in: its working directory and environment, and the words that started
 * promptcheck ({@code command}: {@code promptcheck}, {@code ./promptcheck}, {@code java -jar
 * promptcheck.jar}), so a line that tells the user what to type next (the resume command after
 * Ctrl-C) says it as they typed it. {@link #ofProcess()} is the real process's; a test or an
 * embedding program gives its own, so the whole CLI runs in-process without changing the JVM's
 * directory or environment.
 */
public record Invocation(
    Path workingDir, Map<String, String> environment, Secrets secrets, String command) {
  private static final Path PROCESS_DIR = Path.of("").toAbsolutePath().normalize();

  public Invocation {
    workingDir = workingDir.toAbsolutePath().normalize();
    environment = Map.copyOf(environment);
    Objects.requireNonNull(secrets, "secrets");
    command = command == null || command.isBlank() ? InvokedAs.DEFAULT : command.strip();
  }

  public Invocation(Path workingDir, Map<String, String> environment, Secrets secrets) {
    this(workingDir, environment, secrets, InvokedAs.DEFAULT);
  }

  /**
   * A command line run in {@code workingDir} with {@code environment}: it masks that environment's
   * secrets (and what its run adds), not the process's.
   */
  public Invocation(Path workingDir, Map<String, String> environment) {
    this(workingDir, environment, Secrets.of(environment));
  }

  public static Invocation ofProcess() {
    Map<String, String> env = System.getenv();
    return new Invocation(PROCESS_DIR, env, Secrets.of(env), InvokedAs.process());
  }

  /** {@code words} after the command that started promptcheck: what to type to run them. */
  public String commandLine(String words) {
    return command + " " + words;
  }

  /** {@code p} as the user would write it: relative to the working folder when inside it. */
  public String shown(Path p) {
    Path absolute = resolve(p).toAbsolutePath().normalize();
    return absolute.startsWith(workingDir) && !absolute.equals(workingDir)
        ? workingDir.relativize(absolute).toString()
        : p.toString();
  }

  /**
   * {@code path} as given on the command line, made to point into the working directory. In the
   * process's own directory a relative path stays relative, so messages show it as the user typed
   * it.
   */
  public Path resolve(Path path) {
    if (path == null || path.isAbsolute() || workingDir.equals(PROCESS_DIR)) {
      return path;
    }
    return workingDir.resolve(path);
  }

  /** Makes picocli build commands that take an {@link Invocation} with this one. */
  CommandLine.IFactory factory() {
    CommandLine.IFactory fallback = CommandLine.defaultFactory();
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          return type.getDeclaredConstructor(Invocation.class).newInstance(Invocation.this);
        } catch (NoSuchMethodException e) {
          return fallback.create(type);
        }
      }
    };
  }
}
