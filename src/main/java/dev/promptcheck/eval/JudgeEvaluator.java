package dev.promptcheck.eval;

import dev.promptcheck.model.ModelCallException;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSpec.Choice;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import dev.promptcheck.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An LLM judge ({@code llm:}, {@code uses: github/*}, {@code rule:}): renders the judge prompt with
 * {@code {{completion}}}, {@code {{input}}}, {@code {{expected}}} and the case's variables, asks
 * the judge model, and maps its final answer to a score. It passes at {@code threshold} (default
 * 0.5); gh models passes any score above 0, and the reason says so when that differs.
 */
final class JudgeEvaluator extends SpecEvaluator<EvaluatorSpec.Llm> {
  private static final ModelParameters JUDGE_PARAMETERS =
      new ModelParameters(0.0, 1024, null, List.of(), null, null, null);

  private final Template prompt;

  JudgeEvaluator(EvaluatorSpec.Llm spec) {
    super(spec);
    this.prompt = Template.parse(spec.prompt());
  }

  @Override
  public Verdict evaluate(EvaluationInput input) {
    Optional<Judges.Judge> judge = input.judges().judge(spec.modelId());
    if (judge.isEmpty()) {
      return new Verdict.Skipped(
          name(),
          kind(),
          "no judge model configured: pass --judge provider:model"
              + (spec.modelId() == null ? "" : " (the file names " + spec.modelId() + ")"));
    }
    List<RenderedMessage> messages = new ArrayList<>();
    if (spec.systemPrompt() != null) {
      messages.add(new RenderedMessage(Role.SYSTEM, spec.systemPrompt()));
    }
    OutputFence fence = OutputFence.around(input.output());
    messages.add(new RenderedMessage(Role.USER, fence.prompt(prompt, input)));
    ModelResponse reply;
    try {
      reply =
          judge
              .get()
              .client()
              .complete(ModelRequest.of(judge.get().model(), messages, JUDGE_PARAMETERS));
    } catch (ModelCallException e) {
      return new Verdict.Error(
          name(), kind(), "judge " + judge.get().model() + " call failed: " + e.getMessage());
    }
    String text = reply.text() == null ? "" : reply.text();
    JudgeAnswer.Reading reading = JudgeAnswer.parse(text, spec.choices());
    if (reading instanceof JudgeAnswer.Ambiguous ambiguous) {
      return new Verdict.Error(
          name(),
          kind(),
          "judge "
              + judge.get().model()
              + " gave an ambiguous answer "
              + Explain.quote(ambiguous.answer(), 100)
              + ": "
              + ambiguous.why()
              + "; neither a pass nor a score");
    }
    if (!(reading instanceof JudgeAnswer.Chosen answer)) {
      String last =
          text.strip().isEmpty()
              ? "(empty reply)"
              : text.strip().lines().reduce((a, b) -> b).orElse("");
      return new Verdict.Error(
          name(),
          kind(),
          "judge "
              + judge.get().model()
              + " gave no final answer among "
              + spec.choices().stream().map(Choice::choice).toList()
              + "; its last line: "
              + Explain.quote(last, 100)
              + " (gh models would take the first choice its reply contains anywhere)");
    }
    double score = answer.choice().score();
    boolean pass = score >= spec.threshold();
    String reason =
        "judge "
            + judge.get().model()
            + " answered '"
            + answer.choice().choice()
            + "' (score "
            + score
            + (pass ? " >= " : " < ")
            + "threshold "
            + spec.threshold()
            + ")";
    if (!pass && score > 0) {
      reason += "; gh models would pass any score above 0, promptcheck requires the threshold";
    }
    return pass
        ? new Verdict.Pass(name(), kind(), score, reason)
        : new Verdict.Fail(name(), kind(), score, reason);
  }
}
