package dev.promptcheck.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words of a prompt file, with what each means: the tables {@link PromptFileParser} reads its
 * key sets from and {@code promptcheck schema} ({@link PromptFileSchema}) describes, so the parser,
 * the schema and its descriptions cannot drift apart. Each {@link Key} is one concept, spelled
 * {@link Key#name()} or any of its {@link Key#aliases()} (camelCase and snake_case, synonyms that
 * real files use); the parser reads the first spelling present.
 */
public final class PromptFileKeys {
  private PromptFileKeys() {}

  /** One concept of the file format: its main spelling, the other spellings, and its meaning. */
  public record Key(String name, List<String> aliases, String description) {
    public Key {
      aliases = List.copyOf(aliases);
    }

    static Key of(String name, String description, String... aliases) {
      return new Key(name, List.of(aliases), description);
    }

    /** The main spelling, then the aliases, in the order the parser tries them. */
    public List<String> spellings() {
      List<String> out = new ArrayList<>();
      out.add(name);
      out.addAll(aliases);
      return out;
    }

    /** {@link #spellings()} as an array, for {@code YMap.first(...)}. */
    public String[] spellingArray() {
      return spellings().toArray(String[]::new);
    }
  }

  public static final Key NAME =
      Key.of(
          "name",
          "The prompt's name, shown in reports (default: the file name without .prompt.yml).");
  public static final Key DESCRIPTION =
      Key.of("description", "What the prompt is for; free text shown in reports.");
  public static final Key VERSION =
      Key.of("version", "The prompt's version; free text (0.1.0, 2, 2024-05-01).");
  public static final Key MODEL =
      Key.of(
          "model",
          "The default model when the run names none (--model): e.g. openai/gpt-4o,"
              + " openai:gpt-4o-mini, or a name from promptcheck.yaml.");
  public static final Key MODEL_PARAMETERS =
      Key.of(
          "modelParameters",
          "Parameters sent with every call (temperature, maxTokens, topP, stop, seed, penalties),"
              + " in camelCase or snake_case. Unknown parameters are ignored with a warning.",
          "model_parameters");
  public static final Key MESSAGES =
      Key.of(
          "messages",
          "What the model is sent: a list of {role, content}. {{name}} placeholders are filled"
              + " from each test case's variables. Required.");
  public static final Key VARIABLES =
      Key.of(
          "variables",
          "The variables the messages use: a list of {name, description, required, default} (or"
              + " of names), or a mapping from name to default value.");
  public static final Key TEST_DATA =
      Key.of(
          "testData",
          "The test cases: an inline list of rows, or a path (relative to this file) to a .jsonl,"
              + " .csv or .yaml file. Absent or empty: the variables are given at run time (--var).",
          "test_data");
  public static final Key EVALUATORS =
      Key.of(
          "evaluators",
          "Checks every output must pass: regex, string, headers, json, levenshtein, limits, llm"
              + " judges, uses: references, rule: criteria or bare criterion texts.");
  public static final Key METADATA =
      Key.of(
          "metadata",
          "Free-form data (domain, tags, owner, ...): kept, shown in reports and filterable.");
  public static final Key RESPONSE_FORMAT =
      Key.of(
          "responseFormat",
          "The output format asked of the model: text, json_object or json_schema (then jsonSchema"
              + " is sent), as a text or as {type: ...}.",
          "response_format");
  public static final Key JSON_SCHEMA =
      Key.of(
          "jsonSchema",
          "For responseFormat json_schema: {name, strict, schema}, as a mapping or a JSON text;"
              + " sent to the provider as written.",
          "json_schema");

  public static final Key TOOLS =
      Key.of(
          "tools",
          "Functions the model may call, in the shape of OpenAI's chat API: a list of {type:"
              + " function, function: {name, description, parameters}}, parameters a JSON Schema of"
              + " type object; as YAML or a JSON text. Sent with every call; gh models ignores it"
              + " (a promptcheck extension).");
  public static final Key TOOL_CHOICE =
      Key.of(
          "toolChoice",
          "Whether the model must call a tool: auto (it decides, the default), required (it must"
              + " call one), none (no tools are sent), or a tool's name (it must call that one)."
              + " gh models ignores it.",
          "tool_choice");

  /**
   * Every top-level key; any other is ignored with a warning, except those starting with {@code _}
   * or {@code x-}, which are ignored silently.
   */
  public static final List<Key> TOP_LEVEL =
      List.of(
          NAME,
          DESCRIPTION,
          VERSION,
          MODEL,
          MODEL_PARAMETERS,
          MESSAGES,
          VARIABLES,
          TEST_DATA,
          EVALUATORS,
          METADATA,
          RESPONSE_FORMAT,
          JSON_SCHEMA,
          TOOLS,
          TOOL_CHOICE,
          Key.of("authors", "The prompt's authors; kept as metadata."),
          Key.of("author", "The prompt's author; kept as metadata."),
          Key.of("tags", "Tags; kept as metadata."),
          Key.of(
              "last_modified",
              "When the prompt last changed, as prompt collections write it; accepted and not used."),
          Key.of(
              "filepath",
              "The file's path, as prompt collections write it; accepted and not used."),
          Key.of("license", "The prompt's license; accepted and not used."),
          Key.of("id", "An identifier, as prompt collections write it; accepted and not used."));

  public static final Key TEMPERATURE =
      Key.of("temperature", "Sampling temperature, 0 to 2 (a warning outside that range).");
  public static final Key MAX_TOKENS =
      Key.of(
          "maxTokens",
          "The most tokens the model may generate; a positive whole number.",
          "max_tokens",
          "max_completion_tokens",
          "maxCompletionTokens");
  public static final Key TOP_P =
      Key.of("topP", "Nucleus sampling: the probability mass sampled from, 0 to 1.", "top_p");
  public static final Key STOP =
      Key.of("stop", "A stop sequence, or a list of them: generation ends before the first.");
  public static final Key SEED =
      Key.of(
          "seed", "A whole number, for providers that support reproducible sampling with a seed.");
  public static final Key PRESENCE_PENALTY =
      Key.of(
          "presencePenalty",
          "Penalty on tokens that already appeared, -2 to 2 (where the provider supports it).",
          "presence_penalty");
  public static final Key FREQUENCY_PENALTY =
      Key.of(
          "frequencyPenalty",
          "Penalty growing with how often a token appeared, -2 to 2 (where the provider supports"
              + " it).",
          "frequency_penalty");

  /** The keys of {@code modelParameters}; any other is ignored with a warning. */
  public static final List<Key> PARAMETERS =
      List.of(TEMPERATURE, MAX_TOKENS, TOP_P, STOP, SEED, PRESENCE_PENALTY, FREQUENCY_PENALTY);

  /** The values of {@code responseFormat} (as a text or as its {@code type:}). */
  public static final List<Key> RESPONSE_FORMATS =
      List.of(
          Key.of("text", "Plain text (the default)."),
          Key.of("json_object", "A JSON object; the prompt should say which."),
          Key.of("json_schema", "JSON valid against jsonSchema, which is sent to the provider."));

  /** The fields of one entry of {@code tools}. */
  public static final List<Key> TOOL_FIELDS =
      List.of(
          Key.of("type", "The tool's type: function, the only one (the default)."),
          Key.of("function", "The function: {name, description, parameters}."));

  /**
   * The fields of a tool's {@code function} (also accepted directly on the entry, without the
   * {@code function} wrapper).
   */
  public static final List<Key> FUNCTION_FIELDS =
      List.of(
          Key.of(
              "name",
              "The function's name, as the model calls it: letters, digits, _ and -, at most 64."
                  + " Required."),
          Key.of("description", "What the function does, for the model to decide when to call it."),
          Key.of(
              "parameters",
              "Its arguments: a JSON Schema of type object (as YAML or a JSON text); absent, the"
                  + " function takes none. A call's arguments are validated against it."));

  /** The values of {@code toolChoice} other than a tool's name. */
  public static final List<Key> TOOL_CHOICES =
      List.of(
          Key.of("auto", "The model decides whether to call a tool (the default)."),
          Key.of("required", "The model must call a tool."),
          Key.of("none", "The model calls no tool: the tools are not sent."));

  public static final Key VARIABLE_DEFAULT =
      Key.of(
          "default",
          "The value used when a test case gives none.",
          "defaultValue",
          "default_value");

  /** The fields of one declared variable. */
  public static final List<Key> VARIABLE_FIELDS =
      List.of(
          Key.of("name", "The variable's name, as used in {{name}} placeholders."),
          Key.of("description", "What the variable holds; shown in lint messages."),
          Key.of("required", "true when every test case (or --var) must give a value."),
          VARIABLE_DEFAULT);

  /** The fields of one message. */
  public static final List<Key> MESSAGE_FIELDS =
      List.of(
          Key.of("role", "Who speaks: system, user or assistant (case is ignored)."),
          Key.of(
              "content",
              "The text, with {{name}} placeholders; or a list of parts: {type: text, text: ...}"
                  + " (joined), and in a user message {type: image, file: ...|url: https://...}"
                  + " (promptcheck's extension; gh models reads a plain string)."));

  /**
   * Keys of a test-case row that group its variables, unless a declared variable has that name: a
   * mapping, a list of {@code {name, value}}, or a text (the {@code input} variable, or the one
   * declared variable when the file declares exactly one).
   */
  public static final List<Key> CASE_VAR_GROUPS =
      List.of(
          Key.of(
              "vars",
              "The case's variables (promptfoo style): a mapping, a list of {name, value}, or a"
                  + " text that is the input variable (or the one declared variable)."),
          Key.of(
              "inputs",
              "The case's variables: a mapping, a list of {name, value}, or a text that is the"
                  + " input variable (or the one declared variable)."),
          Key.of(
              "variables",
              "The case's variables: a mapping, a list of {name, value}, or a text that is the"
                  + " input variable (or the one declared variable)."));

  /** The case's expected output, first spelling present; also the {@code {{expected}}} variable. */
  public static final Key CASE_EXPECTED =
      Key.of(
          "expected",
          "The expected output: shown in reports, compared by evaluators that use it, and the"
              + " {{expected}} variable.",
          "expectedOutput",
          "expected_output",
          "expectedOutputs");

  /** A test case's own evaluators, checked in addition to the file's. */
  public static final Key CASE_EVALUATORS =
      Key.of(
          "evaluators",
          "Evaluators for this case only, checked in addition to the file's evaluators.",
          "assert");

  /** What labels a case in reports; also a variable. */
  public static final Key CASE_ID =
      Key.of("id", "The case's label in reports (also a template variable).", "name");

  /** Fields any evaluator entry may have, whatever its kind. */
  public static final List<Key> EVALUATOR_FIELDS =
      List.of(
          Key.of("name", "The check's name in reports (default: its kind and position)."),
          Key.of("id", "The check's name, when it has no 'name'."),
          Key.of("description", "What the check is for."),
          Key.of(
              "target",
              "What is checked: the output (output, completion, response, ...); other targets are"
                  + " not supported and warned about."),
          Key.of(
              "property",
              "A property of the output to check; not supported (the whole output is checked)."),
          Key.of(
              "type",
              "The kind of check, by name (regex, contains, llm-rubric, ...); an unknown type is"
                  + " skipped with a warning."),
          Key.of("evaluator", "Same as type: the kind of check, by name."));

  public static final Key USES =
      Key.of(
          "uses",
          "A built-in judge (github/coherence, github/similarity, ...) or a definition in the"
              + " suite's evaluators/ folder (markdown-sections); an unknown name fails that"
              + " check.");
  public static final Key USES_WITH =
      Key.of(
          "with",
          "Parameters for the referenced evaluator's {{placeholders}}.",
          "parameters",
          "params");

  /** A reference to a reusable or built-in evaluator, and its parameters. */
  public static final List<Key> USES_FIELDS = List.of(USES, USES_WITH);

  /** Every spelling of every key of {@code table}, in order. */
  public static Set<String> spellings(List<Key> table) {
    Set<String> out = new LinkedHashSet<>();
    table.forEach(k -> out.addAll(k.spellings()));
    return Collections.unmodifiableSet(out);
  }
}
