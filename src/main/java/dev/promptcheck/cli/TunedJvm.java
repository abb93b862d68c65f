package dev.promptcheck.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plain {@code java -jar promptcheck.jar} (what CI and the GitHub Action run) restarts itself once
 * in a JVM tuned for a short-lived, I/O-bound tool, the flags the {@code promptcheck} launcher
 * passes: C1 only (the default tiered C2 compiler spends more CPU compiling than a run spends
 * working), the serial collector, and a class-data-sharing archive kept in the user's cache folder
 * ({@code ~/.cache/promptcheck/}), recorded at the end of the first {@code run}. The gain outweighs
 * the second JVM start by far (figures for every flag: {@code bench/MEASUREMENTS.md}).
 *
 * <p>The child inherits stdin, stdout and stderr and the environment; its exit code becomes this
 * process's. It gets {@code -Dpromptcheck.jvm=tuned}, so it never restarts again, and the launcher
 * passes the same. {@code -Dpromptcheck.jvm=as-is} or {@code PROMPTCHECK_JVM=as-is} keeps the JVM
 * as started. The user's own JVM options are kept, after ours, so theirs win.
 */
final class TunedJvm {
  static final String PROPERTY = "promptcheck.jvm";
  static final String ENV = "PROMPTCHECK_JVM";
  static final String TUNED = "tuned";

  /** Flags of the tuned JVM; keep in step with the launcher script. */
  static final List<String> FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          // a small young generation: the live set is the trials, garbage dies young; the default
          // (a third of a 1/64-of-RAM initial heap) costs RSS without saving collections
          "-Xmn24m",
          // a small initial heap kept tight (the default starts at 1/64 of RAM, and the old
          // generation fills with tenured garbage up to it before the first full GC)
          "-Xms64m",
          "-XX:MinHeapFreeRatio=15",
          "-XX:MaxHeapFreeRatio=30",
          "-XX:TieredStopAtLevel=1",
          "-Xshare:auto",
          "-Xlog:cds=off",
          "-Xlog:cds+dynamic=off",
          "-D" + PROPERTY + "=" + TUNED);

  /** Set to {@link #RECORDING} in the tuned JVM that records the class archive at its exit. */
  private static final String CDS_PROPERTY = "promptcheck.cds";

  private static final String RECORDING = "recording";

  /**
   * Beside {@code -XX:ArchiveClassesAtExit}: the property that has this JVM collect before the
   * dump, and a collector that then shrinks the heap at once: by default the serial collector gives
   * back 0% of the excess at the first explicit collection, 10% at the second, 40%, then all.
   */
  static final List<String> RECORDING_FLAGS =
      List.of("-XX:-ShrinkHeapInSteps", "-D" + CDS_PROPERTY + "=" + RECORDING);

  /** Options that make any command print help or its version and stop: nothing worth recording. */
  private static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version");

  /** Commands so short that a second JVM start would cost more than it saves. */
  private static final Set<String> TINY = Set.of("--help", "-h", "--version", "-V", "help");

  private TunedJvm() {}

  /** How to start the tuned JVM, and where its class-data archive goes once recorded. */
  record Plan(List<String> command, Path recording, Path archive) {
    Plan {
      command = List.copyOf(command);
    }
  }

  /**
   * Runs this command line in a tuned JVM when this one is not, and returns its exit code; empty
   * when this JVM should run the command itself. The tuned JVM that records the class archive also
   * gets ready for the dump at its exit.
   */
  static Optional<Integer> relaunch(String[] args) {
    if (RECORDING.equals(System.getProperty(CDS_PROPERTY))) {
      shrinkHeapBeforeTheDump();
    }
    Optional<Plan> plan;
    try {
      plan =
          plan(
              args,
              System.getProperty(PROPERTY),
              System.getenv(ENV),
              jvmCommandLine(),
              Path.of(System.getProperty("java.home"), "bin", "java"),
              ClassArchiveCache.cacheDir(System.getenv()));
    } catch (RuntimeException e) {
      return Optional.empty(); // an unusual platform: run here, untuned
    }
    // no lambdas or method references on the way to the child: each costs this JVM, which does
    // nothing else, a few milliseconds of method-handle spinning before the child can start
    if (plan.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(runChild(plan.get()));
  }

  /**
   * This JVM's arguments after the executable: from {@code /proc/self/cmdline} where there is one
   * (Linux: one small read), else {@link ProcessHandle.Info#arguments()}; null when neither tells.
   */
  static List<String> jvmCommandLine() {
    // java.io, not java.nio.file: the NIO file channel's classes are not in the JDK's default
    // class-data archive, and loading them costs this JVM ~10 ms
    File proc = new File("/proc/self/cmdline");
    if (proc.canRead()) {
      try (FileInputStream in = new FileInputStream(proc)) {
        return cmdlineArguments(in.readAllBytes());
      } catch (IOException e) {
        // fall through to the portable way
      }
    }
    Optional<String[]> arguments = ProcessHandle.current().info().arguments();
    return arguments.isPresent() ? List.of(arguments.get()) : null;
  }

  /** The NUL-terminated strings of a {@code /proc/PID/cmdline}, without the first (the program). */
  static List<String> cmdlineArguments(byte[] cmdline) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        words.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < cmdline.length) {
      words.add(new String(cmdline, start, cmdline.length - start, StandardCharsets.UTF_8));
    }
    return words.isEmpty() ? null : words.subList(1, words.size());
  }

  /**
   * The JVM writes the class archive at exit, after the shutdown hooks, on top of a heap still
   * committed at the run's largest, which raised the recording run's peak memory by a quarter. A
   * full collection in a hook first, when the command's results are garbage, gives the heap back
   * ({@code -XX:MaxHeapFreeRatio}) before the dump's own memory comes.
   */
  private static void shrinkHeapBeforeTheDump() {
    Runtime.getRuntime().addShutdownHook(new Thread(System::gc, "promptcheck-shrink-heap"));
  }

  /**
   * The decision, free of the process: {@code jvmCommandLine} is this process's arguments after the
   * executable ({@code /proc/self/cmdline}), null when the platform does not tell.
   */
  static Optional<Plan> plan(
      String[] args,
      String property,
      String env,
      List<String> jvmCommandLine,
      Path java,
      Path cacheDir) {
    if (property != null || env != null || jvmCommandLine == null) {
      return Optional.empty();
    }
    if (args.length == 0 || TINY.contains(args[0])) {
      return Optional.empty();
    }
    int jarAt = jvmCommandLine.indexOf("-jar");
    if (jarAt < 0 || jarAt + 1 >= jvmCommandLine.size()) {
      return Optional.empty(); // started from classes (tests, an IDE): nothing to relaunch
    }
    List<String> userOptions = jvmCommandLine.subList(0, jarAt);
    Path jar = Path.of(jvmCommandLine.get(jarAt + 1)).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(FLAGS);
    Path archive = null;
    Path recording = null;
    if (cacheDir != null) {
      archive = cacheDir.resolve(ClassArchiveCache.archiveName(jar, java));
      if (Files.isRegularFile(archive)) {
        command.add("-XX:SharedArchiveFile=" + archive);
      } else if (args[0].equals("run")
          && !asksHelpOrVersion(args)
          && ClassArchiveCache.writable(cacheDir)) {
        // a run loads the most classes (providers, HTTP, reports): record them for every command
        recording =
            cacheDir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        command.add("-XX:ArchiveClassesAtExit=" + recording);
        command.addAll(RECORDING_FLAGS);
      }
    }
    command.addAll(userOptions);
    boolean named = false;
    for (String option : userOptions) {
      named |= option.startsWith("-D" + InvokedAs.PROPERTY + "=");
    }
    if (!named) {
      // the child runs the jar by its absolute path; what to type next is what the user typed
      command.add("-D" + InvokedAs.PROPERTY + "=" + InvokedAs.of(null, jvmCommandLine, jar));
    }
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return Optional.of(new Plan(command, recording, archive));
  }

  /** The child's exit code; null when no JVM could be started (the caller runs the command). */
  private static Integer runChild(Plan plan) {
    Process child;
    try {
      ProcessBuilder pb = new ProcessBuilder(plan.command()).inheritIO();
      pb.environment().put(ENV, TUNED);
      child = pb.start();
    } catch (IOException e) {
      return null;
    }
    // Ctrl-C reaches the child through the terminal's process group; a TERM sent to this process
    // only is passed on. Either way this process ends with the child's exit code.
    Thread forward =
        new Thread(
            () -> {
              if (child.isAlive()) {
                child.destroy();
                try {
                  Runtime.getRuntime().halt(child.waitFor());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "promptcheck-forward-signal");
    Runtime.getRuntime().addShutdownHook(forward);
    int code;
    while (true) {
      try {
        code = child.waitFor();
        break;
      } catch (InterruptedException e) {
        // keep waiting: the child decides when the command ends
      }
    }
    if (plan.recording() == null && plan.archive() != null) {
      ClassArchiveCache.markUsed(plan.archive(), Instant.now());
    }
    if (plan.recording() != null) {
      ClassArchiveCache.keepRecording(plan.recording(), plan.archive(), code);
    }
    return code;
  }

  private static boolean asksHelpOrVersion(String[] args) {
    for (String arg : args) {
      if (HELP_OR_VERSION.contains(arg)) {
        return true;
      }
    }
    return false;
  }
}
