package dev.promptcheck.model;

/**
 * One step of the call path a request takes to a model (in the style of OkHttp's {@code
 * Interceptor}): it may answer by itself (a cache hit, a recording), or pass the request on with
 * {@link CallChain#proceed} and look at, or add facts to, what comes back. A new concern of the
 * call path is one more class implementing this; the order of the steps is written down where the
 * run stage assembles them ({@code dev.promptcheck.run.CallPaths}).
 */
@FunctionalInterface
public interface CallStep {
  ModelResponse intercept(CallChain chain) throws ModelCallException;
}
