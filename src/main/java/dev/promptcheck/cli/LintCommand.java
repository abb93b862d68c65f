package dev.promptcheck.cli;

import dev.promptcheck.result.ExitCode;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.MojibakeLinter;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lint",
    description =
        "Validate, then look for encoding damage (mojibake), unused or undeclared variables,"
            + " regex dialect problems and evaluators that cannot run. --fix repairs mojibake in place.")
final class LintCommand implements Callable<Integer> {
  private final Invocation invocation;

  LintCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Parameters(arity = "0..*", paramLabel = "PATH", description = DefaultSuite.DESCRIPTION)
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--fix",
      description = "rewrite repairable mojibake in place; every other byte stays as it is")
  boolean fix;

  @Option(names = "--strict", description = "exit 1 when there are warnings")
  boolean strict;

  @Option(names = "--format", description = "text or json", defaultValue = "text")
  String format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path cwd = invocation.workingDir();
    List<String> args =
        paths.isEmpty() ? DefaultSuite.paths(cwd, spec.commandLine().getErr(), "linted") : paths;
    SuiteLoader loader = new SuiteLoader(cwd);
    PromptSuite before = loader.load(args);
    Set<Path> files = new LinkedHashSet<>();
    before.files().forEach(f -> files.add(f.path()));
    before.diagnostics().forEach(d -> files.add(d.where().file()));
    Diagnostics mojibake = new Diagnostics();
    int repaired = 0;
    for (Path f : files) {
      if (Files.isRegularFile(f)) {
        repaired += MojibakeLinter.lint(f, fix, mojibake);
      }
    }
    PromptSuite suite = repaired > 0 ? loader.load(args) : before;
    List<Diagnostic> all = new ArrayList<>(suite.diagnostics());
    Map<String, Integer> compiled = ValidateCommand.compileEvaluators(suite, all);
    all.addAll(mojibake.all());
    int code = ValidateCommand.report(spec, cwd, suite, all, compiled, format, false);
    if (fix && format.equals("text")) {
      spec.commandLine()
          .getOut()
          .println(repaired + " damaged text" + (repaired == 1 ? "" : "s") + " repaired in place");
    }
    if (code == ExitCode.PASSED && strict && all.stream().anyMatch(d -> !d.isError())) {
      return ExitCode.FAILURES;
    }
    return code;
  }
}
