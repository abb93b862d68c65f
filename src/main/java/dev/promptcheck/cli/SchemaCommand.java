package dev.promptcheck.cli;

import dev.promptcheck.result.ExitCode;
import dev.promptcheck.suite.EvaluatorSyntaxes;
import dev.promptcheck.suite.PromptFileSchema;
import dev.promptcheck.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promptcheck schema}: the JSON Schema (draft 2020-12) of the prompt file, with every
 * spelling the loader accepts, for editors (the YAML language server's {@code $schema} comment, VS
 * Code's {@code yaml.schemas}). The same bytes on every run.
 */
@Command(
    name = "schema",
    description =
        "Print the JSON Schema (draft 2020-12) of the prompt file, with every spelling promptcheck"
            + " accepts, for editors: promptcheck schema > prompt.schema.json")
final class SchemaCommand implements Callable<Integer> {
  private final Invocation invocation;

  SchemaCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "write the schema to FILE instead of printing it")
  Path outFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String schema = PromptFileSchema.text(EvaluatorSyntaxes.installed());
    if (outFile == null) {
      var out = spec.commandLine().getOut();
      out.print(schema);
      out.flush();
    } else {
      Path target = invocation.workingDir().resolve(outFile).normalize();
      AtomicFiles.write(target, schema);
      spec.commandLine().getErr().println("wrote " + target);
    }
    return ExitCode.PASSED;
  }
}
