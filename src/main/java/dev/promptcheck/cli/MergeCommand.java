package dev.promptcheck.cli;

import picocli.CommandLine.Command;

@Command(name = "merge", description = "not yet available")
final class MergeCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new Main.UsageError("'merge' is not available yet");
  }
}
