package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSpec.LimitKind;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Limits on the trial itself ({@link LimitEvaluator}): {@code latency: 2000}, {@code cost: {max:
 * 0.01}}, {@code tokens: {max: 800}}.
 */
final class LimitsKind implements EvaluatorKind<EvaluatorSpec.Limit> {

  @Override
  public String name() {
    return "limit";
  }

  @Override
  public String description() {
    return "A ceiling on the call itself: latency (milliseconds), cost (USD) or tokens"
        + " (output tokens), as a number or {max: N}.";
  }

  @Override
  public Class<EvaluatorSpec.Limit> specType() {
    return EvaluatorSpec.Limit.class;
  }

  @Override
  public List<String> keys() {
    return Arrays.stream(LimitKind.values()).map(l -> l.id).toList();
  }

  @Override
  public List<String> typeAliases() {
    return List.of();
  }

  @Override
  public List<String> fields() {
    return List.of("max", "maxMs", "maxOutput", "maxTokens", "maxUsd");
  }

  @Override
  public List<EvaluatorSpec.Limit> parse(EvaluatorEntry entry) {
    LimitKind kind =
        Arrays.stream(LimitKind.values())
            .filter(l -> l.id.equals(entry.key()))
            .findFirst()
            .orElseThrow();
    YNode node = entry.body();
    Double max;
    if (node instanceof YMap m) {
      Optional<YMap.Entry> e = m.first("max", "maxMs", "maxOutput", "maxTokens", "maxUsd");
      max = e.map(x -> entry.read().number(x.value(), kind.id + ".max")).orElse(null);
    } else {
      max = entry.read().number(node, kind.id);
    }
    if (max == null || max < 0) {
      entry
          .diagnostics()
          .error(
              node.where(),
              "bad-evaluator",
              kind.id + " limit needs a non-negative maximum (e.g. {max: 2000})");
      return List.of();
    }
    return List.of(new EvaluatorSpec.Limit(entry.label(), kind, max, node.where()));
  }

  @Override
  public Evaluator compile(EvaluatorSpec.Limit spec, PromptFile file) {
    return new LimitEvaluator(spec);
  }
}
