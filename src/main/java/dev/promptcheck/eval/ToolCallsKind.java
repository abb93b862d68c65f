package dev.promptcheck.eval;

import dev.promptcheck.model.ToolCall;
import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YSeq;
import java.util.ArrayList;
import java.util.List;

/**
 * The model made exactly these calls, in this order: {@code toolCalls: [{name: search, arguments:
 * {...}}, fetch]}. Each call is matched as {@code toolCall} matches one (name, schema, argument
 * subset); a failure names the position and what differed there.
 */
final class ToolCallsKind implements EvaluatorKind<ToolCallsKind.Spec> {

  record Spec(String name, List<ToolCallMatch.Expected> calls, SourceRef where)
      implements EvaluatorSpec {
    Spec {
      calls = List.copyOf(calls);
    }

    @Override
    public String kind() {
      return "toolCalls";
    }

    @Override
    public EvaluatorSpec withName(String newName) {
      return new Spec(newName, calls, where);
    }

    @Override
    public List<String> templates() {
      return calls.stream().flatMap(c -> c.templates().stream()).toList();
    }
  }

  @Override
  public String name() {
    return "toolCalls";
  }

  @Override
  public String description() {
    return "The model must make exactly these tool calls, in this order: a list of tool names or"
        + " {name, arguments}, each matched as toolCall matches one.";
  }

  @Override
  public Class<Spec> specType() {
    return Spec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("toolCalls", "tool_calls");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("tool-calls", "tool_calls", "toolcalls");
  }

  @Override
  public List<String> fields() {
    return List.of("calls");
  }

  @Override
  public List<Spec> parse(EvaluatorEntry entry) {
    YNode body = entry.body();
    if (entry.typed()) {
      body = entry.map().get("calls").orElse(body);
    }
    if (!(body instanceof YSeq seq) || seq.items().isEmpty()) {
      entry
          .diagnostics()
          .error(
              body.where(),
              "bad-evaluator",
              "toolCalls needs a list of calls in order (names or {name, arguments}); for no call,"
                  + " write noToolCall: true");
      return List.of();
    }
    List<ToolCallMatch.Expected> calls = new ArrayList<>();
    for (YNode item : seq.items()) {
      ToolCallMatch.Expected call = ToolCallMatch.parse(item, entry, "toolCalls");
      if (call == null) {
        return List.of();
      }
      calls.add(call);
    }
    return List.of(new Spec(entry.label(), calls, body.where()));
  }

  @Override
  public Evaluator compile(Spec spec, PromptFile file) {
    ToolCallMatch match = new ToolCallMatch(file, "toolCalls", spec.calls());
    return new SpecEvaluator<>(spec) {
      @Override
      public Verdict evaluate(EvaluationInput input) {
        List<ToolCall> made = input.toolCalls();
        List<ToolCallMatch.Expected> wanted = spec.calls();
        for (int i = 0; i < Math.min(made.size(), wanted.size()); i++) {
          String why = match.mismatch(made.get(i), wanted.get(i), input);
          if (why != null) {
            return new Verdict.Fail(
                name(), kind(), (double) i / wanted.size(), "call " + (i + 1) + ": " + why);
          }
        }
        if (made.size() != wanted.size()) {
          return new Verdict.Fail(
              name(),
              kind(),
              (double) Math.min(made.size(), wanted.size()) / Math.max(made.size(), wanted.size()),
              wanted.size()
                  + (wanted.size() == 1 ? " call" : " calls")
                  + " expected ("
                  + String.join(", ", wanted.stream().map(ToolCallMatch.Expected::name).toList())
                  + "), "
                  + ToolCallMatch.called(input));
        }
        return new Verdict.Pass(
            name(), kind(), 1, "called " + ToolCall.describe(made) + ", in that order");
      }

      @Override
      public boolean readsText() {
        return false;
      }
    };
  }
}
