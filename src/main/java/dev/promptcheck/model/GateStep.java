package dev.promptcheck.model;

import java.util.List;

/**
 * Holds a permit of each of its gates (the model's own, then its provider's ceiling when one is
 * configured) for exactly one live call, released as soon as the answer or the failure is in. Gates
 * are always entered in the same order (model, then provider), so two calls never wait on each
 * other's permits.
 */
public final class GateStep implements CallStep {
  private final List<Gate> gates;

  public GateStep(List<Gate> gates) {
    this.gates = List.copyOf(gates);
  }

  public List<Gate> gates() {
    return gates;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    int entered = 0;
    try {
      for (Gate g : gates) {
        g.enter();
        entered++;
      }
      return chain.proceed(chain.request());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelCallException(ModelCallException.Kind.NETWORK, "interrupted");
    } finally {
      for (int i = entered - 1; i >= 0; i--) {
        gates.get(i).leave();
      }
    }
  }
}
