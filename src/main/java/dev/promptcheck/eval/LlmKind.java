package dev.promptcheck.eval;

import dev.promptcheck.suite.BuiltinJudges;
import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSpec.Choice;
import dev.promptcheck.suite.FieldReader;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * LLM judges ({@link JudgeEvaluator}): {@code llm: {modelId, prompt, choices, threshold}}, {@code
 * model_graded:}, a nested {@code model:} mapping, {@code rule:}/{@code criterion:} texts judged
 * pass/fail, the {@code type: llm-rubric|model_graded|...} spellings, and {@code type: similarity}
 * (the {@code github/similarity} judge).
 */
final class LlmKind implements EvaluatorKind<EvaluatorSpec.Llm> {
  private static final List<String> SIMILARITY = List.of("expected_output", "similarity");
  private static final Set<String> POSITIVE =
      Set.of("pass", "yes", "true", "good", "correct", "y", "passed", "accept");
  private static final Set<String> NEGATIVE =
      Set.of("fail", "no", "false", "bad", "incorrect", "n", "failed", "reject");

  @Override
  public String name() {
    return "llm";
  }

  @Override
  public String description() {
    return "An LLM judge: a model rates the output with a prompt ({{completion}} is the"
        + " output) and scored choices; rule: and criterion: are a criterion in plain"
        + " words. Skipped, with a reason, when no judge model is configured.";
  }

  @Override
  public Class<EvaluatorSpec.Llm> specType() {
    return EvaluatorSpec.Llm.class;
  }

  @Override
  public List<String> keys() {
    return List.of("llm", "model_graded", "model", "rule", "criterion");
  }

  @Override
  public List<String> typeAliases() {
    List<String> out =
        new ArrayList<>(
            List.of(
                "model_graded",
                "model",
                "llm",
                "llm_eval",
                "llm-rubric",
                "llm_rubric",
                "prompt_evaluator",
                "llm_judge",
                "rubric",
                "model-graded"));
    out.addAll(SIMILARITY);
    return out;
  }

  @Override
  public List<String> fields() {
    return List.of(
        "modelId",
        "model",
        "judge",
        "prompt",
        "criteria",
        "instructions",
        "assertion",
        "rubric",
        "value",
        "description",
        "parameters",
        "choices",
        "threshold",
        "passAt",
        "systemPrompt",
        "system");
  }

  /**
   * {@code llm:} and {@code model_graded:} select this kind; {@code model:} only as a mapping
   * without a {@code type:} (a text {@code model:} names a model); then {@code rule:}.
   */
  @Override
  public Optional<YMap.Entry> selectingKey(YMap m) {
    Optional<YMap.Entry> graded = m.first("llm", "model_graded");
    if (graded.isPresent()) {
      return graded;
    }
    Optional<YMap.Entry> model = m.first("model");
    if (model.isPresent() && model.get().value() instanceof YMap && !m.has("type")) {
      return model;
    }
    return m.first("rule", "criterion");
  }

  @Override
  public List<EvaluatorSpec.Llm> parse(EvaluatorEntry entry) {
    if (entry.typed()) {
      String label = entry.label();
      if (SIMILARITY.contains(entry.type().trim().toLowerCase(Locale.ROOT))) {
        return List.of(
            BuiltinJudges.lookup("github/similarity", label, entry.where()).orElseThrow());
      }
      return llm(entry, entry.map(), label);
    }
    if (entry.key().equals("rule") || entry.key().equals("criterion")) {
      String rule = entry.read().text(entry.body(), "rule");
      if (rule == null) {
        return List.of();
      }
      String name = entry.name() != null ? entry.name() : EvaluatorEntry.abbreviate(rule);
      return List.of(BuiltinJudges.rule(name, rule, entry.where()));
    }
    return llm(entry, entry.body(), entry.label("llm"));
  }

  private List<EvaluatorSpec.Llm> llm(EvaluatorEntry entry, YNode node, String name) {
    FieldReader read = entry.read();
    YMap m = read.map(node, "llm");
    if (m == null) {
      return List.of();
    }
    String modelId =
        m.first("modelId", "model", "judge")
            .map(e -> e.value() instanceof YScalar ? read.text(e.value(), "modelId") : null)
            .orElse(null);
    YMap source = m.get("model").orElse(null) instanceof YMap nested ? nested : m;
    String prompt =
        source
            .first(
                "prompt", "criteria", "instructions", "assertion", "rubric", "value", "description")
            .map(e -> read.text(e.value(), "prompt"))
            .orElse(null);
    if (prompt == null) {
      prompt =
          source
              .get("parameters")
              .filter(YMap.class::isInstance)
              .map(YMap.class::cast)
              .flatMap(p -> p.first("criteria", "prompt"))
              .map(e -> read.text(e.value(), "criteria"))
              .orElse(null);
    }
    if (prompt == null || prompt.isBlank()) {
      entry
          .diagnostics()
          .error(m.where(), "bad-evaluator", "llm evaluator '" + name + "' has no prompt");
      return List.of();
    }
    List<Choice> choices = source.get("choices").map(c -> choices(read, c)).orElse(List.of());
    double threshold =
        m.first("threshold", "passAt").map(e -> read.number(e.value(), "threshold")).orElse(0.5);
    String system =
        source
            .first("systemPrompt", "system")
            .map(e -> read.text(e.value(), "systemPrompt"))
            .orElse(null);
    if (choices.isEmpty()) {
      choices = BuiltinJudges.PASS_FAIL;
    }
    if (!prompt.contains("{{completion}}") && !prompt.contains("{{ completion }}")) {
      prompt = prompt + "\n\nRESPONSE:\n{{completion}}";
    }
    prompt =
        prompt
            + "\n\nEnd your reply with a last line that is exactly 'Answer: X' where X is one of: "
            + String.join(", ", choices.stream().map(Choice::choice).toList())
            + ".";
    return List.of(
        new EvaluatorSpec.Llm(name, modelId, prompt, system, choices, threshold, "llm", m.where()));
  }

  private static List<Choice> choices(FieldReader read, YNode node) {
    if (!(node instanceof YSeq seq)) {
      read.wrongShape(node, "choices", "a list");
      return List.of();
    }
    List<Choice> out = new ArrayList<>();
    int n = seq.items().size();
    for (int i = 0; i < n; i++) {
      YNode item = seq.items().get(i);
      if (item instanceof YMap cm) {
        String choice = cm.get("choice").map(v -> read.text(v, "choice")).orElse(null);
        Double score = cm.get("score").map(v -> read.number(v, "score")).orElse(null);
        if (choice == null || score == null) {
          read.diagnostics()
              .error(cm.where(), "bad-evaluator", "a choice needs 'choice' and 'score'");
          continue;
        }
        out.add(new Choice(choice, score));
      } else {
        String choice = read.text(item, "choice");
        if (choice == null) {
          continue;
        }
        String key = choice.trim().toLowerCase(Locale.ROOT);
        double score =
            POSITIVE.contains(key)
                ? 1.0
                : NEGATIVE.contains(key) ? 0.0 : n == 1 ? 1.0 : 1.0 - (double) i / (n - 1);
        out.add(new Choice(choice, score));
      }
    }
    return out;
  }

  @Override
  public Evaluator compile(EvaluatorSpec.Llm spec, PromptFile file) {
    return new JudgeEvaluator(spec);
  }
}
