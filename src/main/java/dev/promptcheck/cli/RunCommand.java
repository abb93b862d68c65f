package dev.promptcheck.cli;

import picocli.CommandLine.Command;

@Command(name = "run", description = "not yet available")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new Main.UsageError("'run' is not available yet");
  }
}
