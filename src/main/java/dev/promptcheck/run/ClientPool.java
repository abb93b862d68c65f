package dev.promptcheck.run;

import dev.promptcheck.eval.Judges;
import dev.promptcheck.model.ModelCatalog;
import dev.promptcheck.model.ModelClient;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.model.Providers;
import dev.promptcheck.model.RecordingClient;
import dev.promptcheck.model.ReplayClient;
import dev.promptcheck.model.ResponseStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds, once per model, the chain a call goes through, outermost first:
 *
 * <pre>cache → record → retry (through the provider's gate) → live client or replay</pre>
 *
 * Each link is a small {@link ModelClient} decorator, so a new concern is one more link.
 */
public final class ClientPool implements Judges {
  private final RunOptions options;
  private final ModelCatalog catalog;
  private final Function<ModelConfig, ModelClient> live;
  private final RetryingClient.Sleeper sleeper;
  private final Map<String, ModelClient> chains = new ConcurrentHashMap<>();
  private final Map<String, ProviderGate> gates = new ConcurrentHashMap<>();

  public ClientPool(RunOptions options, ModelCatalog catalog, Map<String, String> env) {
    this(
        options,
        catalog,
        c -> Providers.create(c, options.timeout(), env),
        d -> Thread.sleep(d.toMillis()));
  }

  /** A pool whose live calls go to {@code client} (a library user's own, or a test double). */
  public static ClientPool withClient(
      RunOptions options, ModelCatalog catalog, Function<ModelConfig, ModelClient> client) {
    return new ClientPool(options, catalog, client, d -> Thread.sleep(d.toMillis()));
  }

  ClientPool(
      RunOptions options,
      ModelCatalog catalog,
      Function<ModelConfig, ModelClient> live,
      RetryingClient.Sleeper sleeper) {
    this.options = options;
    this.catalog = catalog;
    this.live = live;
    this.sleeper = sleeper;
  }

  /**
   * Sets up every model before any call, so a missing key fails the run at once, naming its
   * variable.
   */
  public void prepare(Collection<ModelConfig> models) {
    models.forEach(this::chain);
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  public ModelConfig resolve(String name) {
    return catalog.resolve(name);
  }

  ModelClient chain(ModelConfig model) {
    return chains.computeIfAbsent(
        model.ref().id(),
        id -> {
          ModelClient base =
              options.replayDir() != null
                  ? new ReplayClient(new ResponseStore(options.replayDir()))
                  : live.apply(model);
          ProviderGate gate =
              gates.computeIfAbsent(
                  model.ref().provider(),
                  p ->
                      new ProviderGate(
                          model.concurrency() != null ? model.concurrency() : options.concurrency(),
                          options.requestsPerMinute()));
          RetryingClient retry = new RetryingClient(base, gate, options.retries(), sleeper);
          ModelClient chain = retry;
          if (options.recordDir() != null) {
            chain = new RecordingClient(chain, new ResponseStore(options.recordDir()));
          }
          if (options.replayDir() == null && options.cache() != CacheMode.OFF) {
            chain =
                new CachingClient(chain, new ResponseStore(options.cacheDir()), options.cache());
          }
          return chain;
        });
  }

  @Override
  public Optional<Judge> judge(String modelId) {
    String name = options.judge() != null ? options.judge() : modelId;
    if (name == null) {
      return Optional.empty();
    }
    ModelConfig config = catalog.resolve(name);
    return Optional.of(new Judge(config.ref(), chain(config)));
  }
}
