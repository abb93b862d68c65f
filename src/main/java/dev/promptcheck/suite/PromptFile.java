package dev.promptcheck.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A prompt file after normalisation: every spelling real repositories use maps to this one shape.
 * {@code root} is the folder or repository the file was given from (not the working directory):
 * case ids are relative to it, so the same suite run from anywhere has the same ids.
 */
public record PromptFile(
    Path path,
    String name,
    String description,
    String version,
    Map<String, Object> metadata,
    String model,
    ModelParameters parameters,
    String responseFormat,
    Object jsonSchema,
    List<Variable> variables,
    List<Message> messages,
    List<TestCase> testCases,
    List<EvaluatorSpec> evaluators,
    Tools tools,
    Path root) {

  public PromptFile {
    tools = tools == null ? Tools.NONE : tools;
    root = root != null ? root : path.toAbsolutePath().normalize().getParent();
  }

  /** A file whose root is its own folder. */
  public PromptFile(
      Path path,
      String name,
      String description,
      String version,
      Map<String, Object> metadata,
      String model,
      ModelParameters parameters,
      String responseFormat,
      Object jsonSchema,
      List<Variable> variables,
      List<Message> messages,
      List<TestCase> testCases,
      List<EvaluatorSpec> evaluators) {
    this(
        path,
        name,
        description,
        version,
        metadata,
        model,
        parameters,
        responseFormat,
        jsonSchema,
        variables,
        messages,
        testCases,
        evaluators,
        null,
        null);
  }

  /** The same file with {@code tools}. */
  public PromptFile withTools(Tools tools) {
    return new PromptFile(
        path,
        name,
        description,
        version,
        metadata,
        model,
        parameters,
        responseFormat,
        jsonSchema,
        variables,
        messages,
        testCases,
        evaluators,
        tools,
        root);
  }

  /** The same file, given from {@code root}. */
  public PromptFile withRoot(Path root) {
    return new PromptFile(
        path,
        name,
        description,
        version,
        metadata,
        model,
        parameters,
        responseFormat,
        jsonSchema,
        variables,
        messages,
        testCases,
        evaluators,
        tools,
        root);
  }

  /** The file's path from its root, with forward slashes: the part of every case id. */
  public String pathFromRoot() {
    Path abs = path.toAbsolutePath().normalize();
    Path r = root.toAbsolutePath().normalize();
    return (abs.startsWith(r) ? r.relativize(abs) : abs.getFileName())
        .toString()
        .replace('\\', '/');
  }

  /** The evaluators that apply to a case: the file's, then the case's own. */
  public List<EvaluatorSpec> evaluatorsFor(TestCase testCase) {
    if (testCase.evaluators().isEmpty()) {
      return evaluators;
    }
    var all = new ArrayList<>(evaluators);
    all.addAll(testCase.evaluators());
    return all;
  }

  /**
   * The schema the output must follow: the file's {@code jsonSchema}, without the {@code {name,
   * strict, schema}} wrapper that {@link #jsonSchema()} keeps for the provider; null when none.
   */
  public Object outputSchema() {
    return jsonSchema instanceof JsonNode tree ? SchemaText.unwrap(tree) : jsonSchema;
  }

  /** True when the file gives test data rows; without them its variables come at run time. */
  public boolean hasTestData() {
    return !testCases.isEmpty();
  }

  /**
   * The one case of a file without test data, as {@code gh models run} and actions/ai-inference run
   * such a file: its variables come from {@code --var} and the declared defaults.
   */
  public TestCase runTimeCase() {
    return new TestCase(0, null, Map.of(), List.of(), SourceRef.of(path));
  }

  public String systemPrompt() {
    return messages.stream()
        .filter(m -> m.role() == Role.SYSTEM)
        .map(Message::content)
        .reduce((a, b) -> a + "\n\n" + b)
        .orElse("");
  }
}
