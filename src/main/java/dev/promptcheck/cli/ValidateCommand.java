package dev.promptcheck.cli;

import dev.promptcheck.eval.EvaluatorCompiler;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.suite.Diagnostic;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import dev.promptcheck.support.Texts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description =
        "Load and check prompt files; no model is called. Exit 2 when any file has an error.")
final class ValidateCommand implements Callable<Integer> {
  private final Invocation invocation;

  ValidateCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Parameters(arity = "0..*", paramLabel = "PATH", description = DefaultSuite.DESCRIPTION)
  List<String> paths = new ArrayList<>();

  @Option(names = "--format", description = "text or json", defaultValue = "text")
  String format;

  @Option(names = "--quiet", description = "print errors only")
  boolean quiet;

  @Option(
      names = "--var",
      paramLabel = "k=v",
      converter = VarAssignment.Converter.class,
      description = "a variable the run will set for every case (as run --var), repeatable")
  List<VarAssignment> vars = new ArrayList<>();

  @Option(
      names = "--model",
      paramLabel = "M",
      description =
          "a model the run will use (as run --model), repeatable: checked instead of each file's model:")
  List<String> models = new ArrayList<>();

  @Option(
      names = "--judge",
      paramLabel = "M",
      description = "the judge the run will use (as run --judge)")
  String judge;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "the promptcheck.yaml to use (default: the nearest, as run finds it)")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path cwd = invocation.workingDir();
    List<String> given =
        paths.isEmpty() ? DefaultSuite.paths(cwd, spec.commandLine().getErr(), "checked") : paths;
    // the project's promptcheck.yaml and the model names, as run reads them: validate passes only
    // what run would accept
    Diagnostics configProblems = new Diagnostics();
    ProjectConfig catalog =
        ProjectConfigLookup.load(invocation, config, cwd, given, configProblems);
    ProjectConfigLookup.checkModelFlags(catalog, models, judge);
    PromptSuite suite = new SuiteLoader(cwd, VarAssignment.toMap(vars)).load(given);
    List<Diagnostic> all = new ArrayList<>(configProblems.all());
    all.addAll(suite.diagnostics());
    Diagnostics modelProblems = new Diagnostics();
    ModelNames.check(suite, catalog, models, judge, modelProblems);
    all.addAll(modelProblems.all());
    Map<String, Integer> compiled = compileEvaluators(suite, all);
    return report(spec, cwd, suite, all, compiled, format, quiet);
  }

  /** Compiles every file's evaluators, adding what fails to {@code diagnostics}; counts by kind. */
  static Map<String, Integer> compileEvaluators(PromptSuite suite, List<Diagnostic> diagnostics) {
    Map<String, Integer> compiled = new TreeMap<>();
    for (PromptFile f : suite.files()) {
      Diagnostics d = new Diagnostics();
      EvaluatorCompiler.compileAll(f, d)
          .forEach((kind, n) -> compiled.merge(kind, n, Integer::sum));
      diagnostics.addAll(d.all());
    }
    return compiled;
  }

  static int report(
      CommandSpec spec,
      Path cwd,
      PromptSuite suite,
      List<Diagnostic> all,
      Map<String, Integer> compiled,
      String format,
      boolean quiet) {
    var out = spec.commandLine().getOut();
    DiagnosticPrinter printer = new DiagnosticPrinter(cwd);
    long filesWithErrors =
        all.stream().filter(Diagnostic::isError).map(d -> d.where().file()).distinct().count();
    int errors = (int) all.stream().filter(Diagnostic::isError).count();
    List<Diagnostic> shown = quiet ? all.stream().filter(Diagnostic::isError).toList() : all;
    if (format.equals("json")) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("files", suite.filesRead());
      summary.put("loaded", suite.files().size());
      summary.put("filesWithErrors", filesWithErrors);
      summary.put("errors", DiagnosticPrinter.countByCode(all, true));
      summary.put("warnings", DiagnosticPrinter.countByCode(all, false));
      if (compiled != null) {
        summary.put("evaluatorsCompiled", compiled);
      }
      printer.printJson(summary, shown, out);
    } else if (!format.equals("text")) {
      throw new Main.UsageError("--format must be text or json, not '" + format + "'");
    } else {
      printer.printText(shown, out);
      out.println();
      out.println(
          Texts.count(suite.filesRead(), "file", "files")
              + " read, "
              + suite.files().size()
              + " loaded, "
              + filesWithErrors
              + " with errors; "
              + Texts.count(errors, "error", "errors")
              + ", "
              + Texts.count(all.size() - errors, "warning", "warnings"));
      if (!DiagnosticPrinter.countByCode(all, true).isEmpty()) {
        out.println("errors by code:   " + Texts.counts(DiagnosticPrinter.countByCode(all, true)));
      }
      if (!DiagnosticPrinter.countByCode(all, false).isEmpty()) {
        out.println("warnings by code: " + Texts.counts(DiagnosticPrinter.countByCode(all, false)));
      }
      if (compiled != null && !compiled.isEmpty()) {
        out.println("evaluators compiled by kind: " + Texts.counts(compiled));
      }
    }
    out.flush();
    return errors > 0 || suite.filesRead() == 0 ? ExitCode.INVALID_INPUT : ExitCode.PASSED;
  }
}
