package dev.promptcheck.eval;

import dev.promptcheck.model.ToolCall;
import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import java.util.List;

/**
 * The model called a tool: {@code toolCall: {name: get_weather, arguments: {city: Oslo}}} (or
 * {@code toolCall: get_weather}) passes when some call has that name, its arguments are valid
 * against the tool's parameters schema and contain the given ones ({@code {{var}}} filled from the
 * case). A failure names the argument that differed, or the schema error.
 */
final class ToolCallKind implements EvaluatorKind<ToolCallKind.Spec> {

  record Spec(String name, ToolCallMatch.Expected call, SourceRef where) implements EvaluatorSpec {
    @Override
    public String kind() {
      return "toolCall";
    }

    @Override
    public EvaluatorSpec withName(String newName) {
      return new Spec(newName, call, where);
    }

    @Override
    public List<String> templates() {
      return call.templates();
    }
  }

  @Override
  public String name() {
    return "toolCall";
  }

  @Override
  public String description() {
    return "The model must call the named tool with arguments that contain the given ones"
        + " ({name, arguments}; {{var}} allowed) and are valid against the tool's parameters.";
  }

  @Override
  public Class<Spec> specType() {
    return Spec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("toolCall", "tool_call");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("tool-call", "tool_call", "toolcall");
  }

  @Override
  public List<String> fields() {
    return List.of("name", "arguments", "tool");
  }

  @Override
  public List<Spec> parse(EvaluatorEntry entry) {
    ToolCallMatch.Expected call = ToolCallMatch.parse(entry, "toolCall");
    return call == null ? List.of() : List.of(new Spec(entry.label(), call, entry.body().where()));
  }

  @Override
  public Evaluator compile(Spec spec, PromptFile file) {
    ToolCallMatch match = new ToolCallMatch(file, "toolCall", List.of(spec.call()));
    return new SpecEvaluator<>(spec) {
      @Override
      public Verdict evaluate(EvaluationInput input) {
        String first = null;
        for (ToolCall call : input.toolCalls()) {
          if (!call.name().equals(spec.call().name())) {
            continue;
          }
          String why = match.mismatch(call, spec.call(), input);
          if (why == null) {
            return new Verdict.Pass(name(), kind(), 1, "called " + call);
          }
          first = first == null ? why : first;
        }
        return new Verdict.Fail(
            name(),
            kind(),
            0,
            first != null
                ? first
                : "no call of " + spec.call().name() + ": " + ToolCallMatch.called(input));
      }

      @Override
      public boolean readsText() {
        return false;
      }
    };
  }
}
