package dev.promptcheck.model;

import java.util.List;

/**
 * An ordered list of {@link CallStep}s, outermost first, presented as one {@link ModelClient}. The
 * last step must answer without proceeding (the live client or the replay); a step past it is a
 * programming error, not a model failure.
 */
public final class CallPath implements ModelClient {
  private final List<CallStep> steps;

  public CallPath(List<CallStep> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a call path needs at least its terminal step");
    }
    this.steps = List.copyOf(steps);
  }

  public List<CallStep> steps() {
    return steps;
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    return steps.get(0).intercept(new Link(0, request));
  }

  /** The chain as the step at {@code index} sees it. */
  private final class Link implements CallChain {
    private final int index;
    private final ModelRequest request;

    Link(int index, ModelRequest request) {
      this.index = index;
      this.request = request;
    }

    @Override
    public ModelRequest request() {
      return request;
    }

    @Override
    public ModelResponse proceed(ModelRequest next) {
      if (index + 1 >= steps.size()) {
        throw new IllegalStateException(
            steps.get(index).getClass().getSimpleName() + " is last and cannot proceed");
      }
      return steps.get(index + 1).intercept(new Link(index + 1, next));
    }
  }
}
