package dev.promptcheck.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
final class Cli {
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    return run(Invocation.ofProcess(), args);
  }

  /** In {@code invocation}'s working directory and environment, still in this JVM. */
  static Result run(Invocation invocation, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(invocation, args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
