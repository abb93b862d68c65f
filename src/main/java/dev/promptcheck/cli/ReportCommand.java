package dev.promptcheck.cli;

import picocli.CommandLine.Command;

@Command(name = "report", description = "not yet available")
final class ReportCommand implements java.util.concurrent.Callable<Integer> {
  @Override
  public Integer call() {
    throw new Main.UsageError("'report' is not available yet");
  }
}
