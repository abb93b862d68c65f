package dev.promptcheck.eval;

import dev.promptcheck.model.ToolCall;
import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import java.util.List;

/** The model called no tool: {@code noToolCall: true} (it answered in text, say a refusal). */
final class NoToolCallKind implements EvaluatorKind<NoToolCallKind.Spec> {

  record Spec(String name, SourceRef where) implements EvaluatorSpec {
    @Override
    public String kind() {
      return "noToolCall";
    }

    @Override
    public EvaluatorSpec withName(String newName) {
      return new Spec(newName, where);
    }
  }

  @Override
  public String name() {
    return "noToolCall";
  }

  @Override
  public String description() {
    return "The model must call no tool (noToolCall: true).";
  }

  @Override
  public Class<Spec> specType() {
    return Spec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("noToolCall", "no_tool_call");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("no-tool-call", "no_tool_call", "notoolcall");
  }

  @Override
  public List<String> fields() {
    return List.of();
  }

  @Override
  public List<Spec> parse(EvaluatorEntry entry) {
    // typed form (type: no-tool-call) has no value to read; keyed form must say true
    if (!entry.typed() && !Boolean.TRUE.equals(entry.read().bool(entry.body(), "noToolCall"))) {
      entry
          .diagnostics()
          .error(
              entry.body().where(),
              "bad-evaluator",
              "noToolCall takes true (a check that the model calls no tool); remove it otherwise");
      return List.of();
    }
    return List.of(new Spec(entry.label(), entry.body().where()));
  }

  @Override
  public Evaluator compile(Spec spec, PromptFile file) {
    return new SpecEvaluator<>(spec) {
      @Override
      public Verdict evaluate(EvaluationInput input) {
        return input.toolCalls().isEmpty()
            ? new Verdict.Pass(name(), kind(), 1, "the model called no tool")
            : new Verdict.Fail(
                name(),
                kind(),
                0,
                "the model called " + ToolCall.describe(input.toolCalls()) + ", expected no call");
      }

      @Override
      public boolean readsText() {
        return false;
      }
    };
  }
}
