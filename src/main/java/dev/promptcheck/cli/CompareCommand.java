package dev.promptcheck.cli;

import picocli.CommandLine.Command;

@Command(name = "compare", description = "not yet available")
final class CompareCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new Main.UsageError("'compare' is not available yet");
  }
}
