package dev.promptcheck.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.run.CacheMode;
import dev.promptcheck.run.CallPaths;
import dev.promptcheck.run.RunOptions;
import dev.promptcheck.run.RunSession;
import dev.promptcheck.run.TrialRunner;
import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.PromptSuite;
import dev.promptcheck.suite.SuiteLoader;
import dev.promptcheck.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code promptcheck init [DIR]}: a starter suite that passes offline. The recordings are not
 * written by hand: the starter suite runs once here, with {@code --record}, against a client that
 * gives the sample answers, so their keys are exactly what {@code run --replay} will look up. Then
 * each recording is labelled a sample. Nothing is written when any target already exists.
 */
@Command(
    name = "init",
    description =
        "Write a starter suite into DIR (default: here): a prompt file with test data and three"
            + " kinds of evaluator, a promptcheck.yaml, and sample recordings that"
            + " `run --replay test-data/recordings` passes offline. Never overwrites a file.")
final class InitCommand implements Callable<Integer> {
  private final Invocation invocation;

  InitCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  static final String PROMPT = "prompts/support-reply.prompt.yml";
  static final String RECORDINGS = "test-data/recordings";
  static final String LABEL =
      "sample answer written by promptcheck init for the starter suite (not the output of any model)";

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "where to write (default: .)")
  Path dir = Path.of(".");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var out = spec.commandLine().getOut();
    Path root = invocation.workingDir().resolve(dir).normalize();
    Path staging = Files.createTempDirectory("promptcheck-init");
    try {
      List<Path> written = stage(staging);
      List<String> existing =
          written.stream()
              .filter(f -> Files.exists(root.resolve(f.toString())))
              .map(f -> root.resolve(f.toString()).toString())
              .toList();
      if (!existing.isEmpty()) {
        throw new Main.UsageError(
            "init: not overwriting "
                + String.join(", ", existing)
                + "; nothing was written (choose another DIR)");
      }
      for (Path f : written) {
        Path target = root.resolve(f.toString());
        Files.createDirectories(target.getParent());
        Files.copy(staging.resolve(f), target);
      }
      out.println("Wrote a starter suite in " + root + ":");
      out.println("  " + PROMPT + "   a prompt file: test data, three kinds of evaluator");
      out.println(
          "  " + ProjectConfig.FILE + "                 the model name it uses, with prices");
      out.println(
          "  " + RECORDINGS + "/        " + (written.size() - 2) + " sample answers, labelled so");
      out.println();
      out.println("Run it offline:      promptcheck run --replay " + RECORDINGS);
      out.println("Then with a model:   promptcheck run    (needs OPENAI_API_KEY)");
      out.flush();
      return ExitCode.PASSED;
    } finally {
      deleteTree(staging);
    }
  }

  /** Writes the starter into {@code staging} and records its answers; the paths written. */
  private static List<Path> stage(Path staging) throws IOException {
    write(staging.resolve(PROMPT), resource("support-reply.prompt.yml"));
    write(staging.resolve(ProjectConfig.FILE), resource("promptcheck.yaml"));
    List<String> answers = List.of(resource("sample-answers.txt").split("\n---\n"));

    PromptSuite suite = new SuiteLoader(staging).load(List.of(staging.resolve(PROMPT).toString()));
    if (suite.files().size() != 1 || suite.diagnostics().stream().anyMatch(d -> d.isError())) {
      throw new IllegalStateException(
          "the starter prompt file does not load: " + suite.diagnostics());
    }
    Diagnostics diagnostics = new Diagnostics();
    ProjectConfig catalog = ProjectConfig.load(staging.resolve(ProjectConfig.FILE), diagnostics);
    RunOptions options =
        RunOptions.builder()
            .concurrency(1)
            .retries(0)
            .timeout(Duration.ofSeconds(5))
            .cache(CacheMode.OFF)
            .recordDir(staging.resolve(RECORDINGS))
            .build();
    List<String> questions =
        suite.files().get(0).testCases().stream().map(c -> c.vars().get("question")).toList();
    CallPaths pool =
        CallPaths.withClient(
            options,
            catalog,
            model ->
                request -> {
                  String asked = request.messages().get(request.messages().size() - 1).content();
                  String answer = answers.get(questions.indexOf(asked)).strip() + "\n";
                  return new ModelResponse(answer, "stop", 60, 30, 900);
                });
    Path runDir = staging.resolve(".run");
    RunResult run =
        RunSession.execute(
            suite.runnable(),
            options,
            pool,
            new RunSession.Setup("init", runDir, staging, List.of("init")),
            TrialRunner.Listener.NONE,
            diagnostics);
    if (diagnostics.hasErrors()
        || run.trials().size() != answers.size()
        || run.trials().stream().anyMatch(t -> t.status() != Status.PASS)) {
      throw new IllegalStateException("the starter suite does not pass: " + run.trials());
    }
    deleteTree(runDir);
    List<Path> written = new ArrayList<>(List.of(Path.of(PROMPT), Path.of(ProjectConfig.FILE)));
    try (Stream<Path> recordings = Files.list(staging.resolve(RECORDINGS))) {
      for (Path f : recordings.sorted().toList()) {
        ObjectNode entry = (ObjectNode) Json.MAPPER.readTree(f.toFile());
        entry.put("label", LABEL);
        Files.writeString(
            f, Json.pretty().writeValueAsString(entry) + "\n", StandardCharsets.UTF_8);
        written.add(staging.relativize(f));
      }
    }
    return written;
  }

  private static String resource(String name) {
    try (InputStream in = InitCommand.class.getResourceAsStream("starter/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource starter/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
