package dev.promptcheck.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.promptcheck.result.ExitCode;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.MaskingStream;
import dev.promptcheck.support.MaskingWriter;
import dev.promptcheck.support.Secrets;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "promptcheck",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    // every subcommand inherits --help/-h and --version/-V, so a new command cannot forget them
    scope = CommandLine.ScopeType.INHERIT,
    description =
        "Prompt regression suites: load prompt YAML files, run them against models, check outputs, write reports.")
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Optional<Integer> tuned = TunedJvm.relaunch(args);
    if (tuned.isPresent()) {
      System.exit(tuned.get());
    }
    Invocation invocation = Invocation.ofProcess();
    // what libraries print (SLF4J, LangChain4j) goes through the same masking as our own output
    System.setErr(masking(System.err, invocation.secrets()));
    System.setOut(masking(System.out, invocation.secrets()));
    // UTF-8 whatever the locale: under LANG=C the platform charset would print '?' for every emoji
    System.exit(
        execute(
            invocation,
            args,
            new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true)));
  }

  private static PrintStream masking(PrintStream stream, Secrets secrets) {
    return new PrintStream(new MaskingStream(stream, secrets), true, UTF_8);
  }

  /**
   * Runs a command line; never throws: an unexpected failure is one line on stderr and exit 3.
   * Everything printed goes through the masking of the invocation's {@link Secrets}.
   */
  public static int execute(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
    return execute(Invocation.ofProcess(), args, rawOut, rawErr);
  }

  /**
   * Runs a command line in {@code invocation}'s working directory and environment, in this JVM:
   * what tests and embedding programs use instead of starting a process.
   */
  public static int execute(
      Invocation invocation, String[] args, PrintWriter rawOut, PrintWriter rawErr) {
    PrintWriter out = new PrintWriter(new MaskingWriter(rawOut, invocation.secrets()), true);
    PrintWriter err = new PrintWriter(new MaskingWriter(rawErr, invocation.secrets()), true);
    try {
      return executeMasked(invocation, args, out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int executeMasked(
      Invocation invocation, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(invocation, args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> ExitCode.INVALID_INPUT);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("promptcheck: " + UsageMessages.describe(e));
          UsageMessages.suggestion(e).ifPresent(err::println);
          String name = e.getCommandLine().getCommandName();
          err.println(
              "Try '"
                  + invocation.commandLine(
                      (name.equals("promptcheck") ? "" : name + " ") + "--help")
                  + "'.");
          return ExitCode.INVALID_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, c, p) -> {
          if (e instanceof UsageError u) {
            err.println("promptcheck: " + u.getMessage());
            return ExitCode.INVALID_INPUT;
          }
          if (e instanceof AtomicFiles.Failure notWritten) {
            // a full disk or a folder in the way: the file and the reason, not a stack trace
            err.println("promptcheck: " + notWritten.getMessage());
            return ExitCode.INCOMPLETE;
          }
          err.println("promptcheck: internal error: " + e);
          return ExitCode.INCOMPLETE;
        });
    return cli.execute(args);
  }

  /**
   * The command line for {@code args}: with only the command {@code args} names when it names one
   * (help for it, its errors and its run need no other), none for a lone {@code --version}, else
   * with all of them (top-level help, {@code help <command>}, a misspelt command's suggestions).
   */
  static CommandLine commandLine(Invocation invocation, String... args) {
    CommandLine cli = new CommandLine(new Main(), invocation.factory());
    String named = args.length > 0 ? args[0] : "";
    List<Class<?>> commands = commands();
    Optional<Class<?>> only =
        commands.stream()
            .filter(type -> type != CommandLine.HelpCommand.class)
            .filter(type -> type.getAnnotation(Command.class).name().equals(named))
            .findFirst();
    if (args.length == 1 && (named.equals("--version") || named.equals("-V"))) {
      return cli; // prints one line
    }
    for (Class<?> type : commands) {
      if (only.isEmpty() || only.get() == type) {
        cli.addSubcommand(type);
      }
    }
    return cli;
  }

  /**
   * The subcommands, in the order help lists them. They are added by {@link #commandLine}, not
   * declared in the annotation: picocli builds a command's whole model (every option, converter and
   * help text) when it is added, which costs a cold JVM ~0.25 s for all of them; a command line
   * that names its command builds only that one. A method, not a constant: the JVM that only
   * relaunches itself ({@link TunedJvm}) loads none of these classes.
   */
  static List<Class<?>> commands() {
    return List.of(
        RunCommand.class,
        ValidateCommand.class,
        LintCommand.class,
        CompareCommand.class,
        PrCommentCommand.class,
        MergeCommand.class,
        ReportCommand.class,
        HistoryCommand.class,
        InitCommand.class,
        SchemaCommand.class,
        CommandLine.HelpCommand.class);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A bad argument found while running a command: one line, exit 2. */
  public static final class UsageError extends RuntimeException {
    public UsageError(String message) {
      super(message, null, false, false);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"promptcheck " + version()};
    }
  }

  public static String version() {
    return dev.promptcheck.support.Version.get();
  }
}
