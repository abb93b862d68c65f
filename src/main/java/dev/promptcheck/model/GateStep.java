package dev.promptcheck.model;

import java.util.List;

/**
 * Admits one live call: first the model's {@link Pacer} (what the provider's answers said is left
 * of its allowance), then a permit of each of its gates (the model's own, then its provider's
 * ceiling when one is configured), held for exactly the call and released as soon as the answer or
 * the failure is in. The pacer comes first so that a call held until a reset holds no permit that
 * another model on the same provider could use. Gates are always entered in the same order (model,
 * then provider), so two calls never wait on each other's permits. Every answer and every 429 is
 * handed back to the pacer, which is where the model's refused calls are counted.
 */
public final class GateStep implements CallStep {
  private final List<Gate> gates;
  private final Pacer pacer;

  public GateStep(List<Gate> gates, Pacer pacer) {
    this.gates = List.copyOf(gates);
    this.pacer = pacer;
  }

  public List<Gate> gates() {
    return gates;
  }

  public Pacer pacer() {
    return pacer;
  }

  @Override
  public ModelResponse intercept(CallChain chain) {
    ModelRequest request = chain.request();
    Pacer.Ticket ticket;
    try {
      ticket = pacer.enter(request.characters());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelCallException(ModelCallException.Kind.NETWORK, "interrupted");
    }
    boolean settled = false;
    int entered = 0;
    try {
      for (Gate g : gates) {
        g.enter(pacer.stats());
        entered++;
      }
      long sentAt = System.nanoTime();
      ModelResponse response = chain.proceed(request);
      // the provider admitted the call about when it went on the wire: the answer's latency is the
      // exchange alone, so this leaves out building the request and setting up a connection
      long now = System.nanoTime();
      pacer.answered(ticket, Math.max(sentAt, now - response.latencyMs() * 1_000_000L), response);
      settled = true;
      return response;
    } catch (ModelCallException e) {
      if (e.kind() == ModelCallException.Kind.RATE_LIMITED) {
        pacer.refused(ticket, System.nanoTime(), e); // no wire time: from the refusal's arrival
        settled = true;
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelCallException(ModelCallException.Kind.NETWORK, "interrupted");
    } finally {
      if (!settled) {
        pacer.failed(ticket);
      }
      for (int i = entered - 1; i >= 0; i--) {
        gates.get(i).leave();
      }
    }
  }
}
