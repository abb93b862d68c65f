package dev.promptcheck.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Admits a call only within the run's {@link Budget}. The call's cost is estimated before it is
 * sent from the model's prices: its input as characters / 4 tokens, its output as the mean the
 * model's answers in this run reported (before the first answer: {@code maxTokens} when the prompt
 * sets it, else as many tokens as the input). The answer's own usage then replaces the estimate. It
 * sits inside the cache (a hit costs nothing) and outside the retries (one reservation covers every
 * attempt of a call).
 */
public final class BudgetStep implements CallStep {
  private final Budget budget;
  private final ModelConfig model;
  private final AtomicLong answers = new AtomicLong();
  private final AtomicLong outputTokens = new AtomicLong();

  public BudgetStep(Budget budget, ModelConfig model) {
    if (model.inputPricePerMillion() == null || model.outputPricePerMillion() == null) {
      throw new ConfigurationException(
          "--max-cost "
              + Budget.usd(budget.limit())
              + " needs the price of every model it pays for, and "
              + model.name()
              + " has none: give it in promptcheck.yaml (models: {"
              + model.name()
              + ": {price: {input: USD, output: USD}}}, per million tokens)");
    }
    this.budget = budget;
    this.model = model;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    ModelRequest request = chain.request();
    double estimate = estimate(request);
    if (!budget.reserve(estimate)) {
      throw new ModelCallException(
          ModelCallException.Kind.BUDGET_SPENT,
          "--max-cost "
              + Budget.usd(budget.limit())
              + " reached: "
              + Budget.usd(budget.spent())
              + " spent, and a call to "
              + model.name()
              + " would cost about "
              + Budget.usd(estimate));
    }
    double actual = 0;
    try {
      ModelResponse response = chain.proceed(request);
      Double cost = model.cost(response.inputTokens(), response.outputTokens());
      actual = cost != null ? cost : estimate;
      if (response.outputTokens() != null) {
        outputTokens.addAndGet(response.outputTokens());
        answers.incrementAndGet();
      }
      return response;
    } finally {
      budget.settle(estimate, actual);
    }
  }

  private double estimate(ModelRequest request) {
    int input = (int) ((request.characters() + 3L) / 4);
    long n = answers.get();
    Integer maxTokens = request.parameters() == null ? null : request.parameters().maxTokens();
    int output =
        n > 0
            ? (int) Math.min(Integer.MAX_VALUE, (outputTokens.get() + n - 1) / n)
            : maxTokens != null ? maxTokens : input;
    Double cost = model.cost(input, output);
    return cost == null ? 0 : cost;
  }
}
