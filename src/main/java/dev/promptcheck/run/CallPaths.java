package dev.promptcheck.run;

import dev.promptcheck.eval.Judges;
import dev.promptcheck.model.Budget;
import dev.promptcheck.model.BudgetStep;
import dev.promptcheck.model.CacheStep;
import dev.promptcheck.model.CallPath;
import dev.promptcheck.model.CallStep;
import dev.promptcheck.model.Gate;
import dev.promptcheck.model.GateStep;
import dev.promptcheck.model.LimitStats;
import dev.promptcheck.model.LiveStep;
import dev.promptcheck.model.ModelClient;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.model.Pacer;
import dev.promptcheck.model.ProjectConfig;
import dev.promptcheck.model.Providers;
import dev.promptcheck.model.RecordStep;
import dev.promptcheck.model.ReplayStep;
import dev.promptcheck.model.ResponseCache;
import dev.promptcheck.model.ResponseStore;
import dev.promptcheck.model.RetryStep;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.support.Urls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds, once per model, the call path its requests take (see {@link #path}: the one place that
 * says in which order the steps run, and why), and hands judges theirs.
 */
public final class CallPaths implements Judges {
  private final RunOptions options;
  private final ProjectConfig catalog;
  private final Function<ModelConfig, ModelClient> live;
  private final Function<ModelConfig, String> endpoints;
  private final RetryStep.Sleeper sleeper;
  private final Map<ModelConfig, CallPath> paths = new ConcurrentHashMap<>();
  private final Map<ModelConfig, Gate> modelGates = new ConcurrentHashMap<>();
  private final Map<String, Gate> providerCeilings = new ConcurrentHashMap<>();
  private final Map<ModelConfig, Pacer> pacers = new ConcurrentHashMap<>();
  // one for the run: every model and judge spends from it (--max-cost)
  private final Budget budget;
  private volatile Consumer<String> warnings =
      message -> System.err.println("promptcheck: warning: " + message);
  private volatile ResponseStore.FileWriter cacheWriter;
  private ResponseCache cache;

  public CallPaths(RunOptions options, ProjectConfig catalog, Map<String, String> env) {
    this(
        options,
        catalog,
        c -> Providers.create(c, options.timeout(), env),
        c -> Providers.endpoint(c, env),
        RetryStep.Sleeper.REAL);
  }

  /** A pool whose live calls go to {@code client} (a library user's own, or a test double). */
  public static CallPaths withClient(
      RunOptions options, ProjectConfig catalog, Function<ModelConfig, ModelClient> client) {
    return new CallPaths(options, catalog, client, ModelConfig::baseUrl, RetryStep.Sleeper.REAL);
  }

  CallPaths(
      RunOptions options,
      ProjectConfig catalog,
      Function<ModelConfig, ModelClient> live,
      Function<ModelConfig, String> endpoints,
      RetryStep.Sleeper sleeper) {
    this.options = options;
    this.catalog = catalog;
    this.live = live;
    // the endpoint is written into every trial, the journal and each cache key: a base URL's user
    // info (http://user:pass@host) never is, and its password is masked wherever it might appear
    this.endpoints =
        c -> {
          String url = endpoints.apply(c);
          options.secrets().add(Urls.userInfoSecret(url));
          return Urls.withoutUserInfo(url);
        };
    this.sleeper = sleeper;
    this.budget = options.maxCost() == null ? null : new Budget(options.maxCost());
  }

  /** The run's budget ({@code --max-cost}), or empty when it has none. */
  public Optional<Budget> budget() {
    return Optional.ofNullable(budget);
  }

  /**
   * Where warnings go that do not stop the run (an unwritable cache); standard error by default.
   */
  public CallPaths onWarning(Consumer<String> sink) {
    this.warnings = sink;
    return this;
  }

  /** Test seam: how the cache writes its entries. */
  CallPaths cacheWriter(ResponseStore.FileWriter writer) {
    this.cacheWriter = writer;
    return this;
  }

  /**
   * Sets up every model before any call, so a missing key fails the run at once, naming its
   * variable.
   */
  public void prepare(Collection<ModelConfig> models) {
    models.forEach(this::chain);
  }

  public ProjectConfig catalog() {
    return catalog;
  }

  public ModelConfig resolve(String name) {
    return catalog.resolve(name);
  }

  /** Where calls for {@code model} go (its base URL), null when unknown. */
  public String endpoint(ModelConfig model) {
    return endpoints.apply(model);
  }

  ModelClient chain(ModelConfig model) {
    return paths.computeIfAbsent(model, this::path);
  }

  /*
   * The call path, outermost first:
   *
   *     record → cache → budget → retry → gate → live client     (--replay: record → replay)
   *
   * Record is outermost so it sees every answer whatever step produced it: a live call, a cache
   * hit or a replay (with the cache outside it, a warm cache answered and nothing was recorded).
   * The cache comes next so that a hit costs nothing below it: no retry, no gate permit, no
   * requests-per-minute slot, no spending. The budget (--max-cost, when given) is next: one
   * reservation covers every attempt of a call, and a model with no price is refused when its path
   * is built (before any call: prepare). Retry sits inside the cache (an answer won on the third attempt is
   * stored once; a hit is never retried) and outside the gate, so every attempt takes its own
   * permit and rpm slot (the provider counts each attempt) and no permit is held through a backoff
   * wait. The gate is last before the client, so a permit is held only while a live call is in
   * flight. Under --replay the recordings are the end of the path instead of the client, and
   * neither cache, retry nor gate applies: nothing goes on the wire, and the cache holds what
   * servers answered, not what was replayed.
   */
  private CallPath path(ModelConfig model) {
    String endpoint = endpoints.apply(model);
    List<CallStep> steps = new ArrayList<>();
    if (options.recordDir() != null) {
      steps.add(new RecordStep(new ResponseStore(options.recordDir(), options.secrets())));
    }
    if (options.replayDir() != null) {
      steps.add(new ReplayStep(new ResponseStore(options.replayDir(), options.secrets())));
      return new CallPath(steps);
    }
    ModelClient client = live.apply(model);
    if (options.cache() != CacheMode.OFF) {
      steps.add(new CacheStep(cache(), options.cache() == CacheMode.ON, endpoint));
    }
    if (budget != null) {
      steps.add(new BudgetStep(budget, model));
    }
    List<Gate> gates = gates(model);
    Pacer pacer =
        pacers.computeIfAbsent(
            model,
            m ->
                new Pacer(
                    m.name(), gates.get(0).concurrency(), options.maxWait(), new LimitStats()));
    steps.add(new RetryStep(options.retries(), options.maxWait(), sleeper, pacer.stats()));
    steps.add(new GateStep(gates, pacer));
    steps.add(new LiveStep(client, endpoint));
    return new CallPath(steps);
  }

  private synchronized ResponseCache cache() {
    if (cache == null) {
      ResponseStore.FileWriter writer = cacheWriter;
      cache =
          new ResponseCache(
              writer == null
                  ? new ResponseStore(options.cacheDir(), options.secrets())
                  : new ResponseStore(options.cacheDir(), writer),
              message -> warnings.accept(message));
    }
    return cache;
  }

  /**
   * The model's own gate (its concurrency and rpm from promptcheck.yaml, else the run's flags),
   * then its provider's ceiling when {@code providers:} configures one. Gates are per model because
   * providers limit per model (two models on one provider each keep their own allowance); the
   * ceiling is for accounts limited as a whole.
   */
  private List<Gate> gates(ModelConfig model) {
    List<Gate> out = new ArrayList<>(2);
    out.add(
        modelGates.computeIfAbsent(
            model,
            m ->
                new Gate(
                    m.name(),
                    m.concurrency() != null ? m.concurrency() : options.concurrency(),
                    m.requestsPerMinute() != null
                        ? m.requestsPerMinute()
                        : options.requestsPerMinute())));
    String provider = model.ref().provider();
    catalog
        .ceiling(provider)
        .ifPresent(
            c ->
                out.add(
                    providerCeilings.computeIfAbsent(
                        provider,
                        p ->
                            new Gate(
                                "provider " + p,
                                c.concurrency() != null ? c.concurrency() : Integer.MAX_VALUE,
                                c.requestsPerMinute() != null ? c.requestsPerMinute() : 0))));
    return out;
  }

  /**
   * How many calls {@code model} may have in flight: its own concurrency, capped by its provider's
   * ceiling; 0 when it is never called (under --replay) or not set up.
   */
  public int slots(ModelConfig model) {
    Gate own = modelGates.get(model);
    if (own == null) {
      return 0;
    }
    Gate ceiling = providerCeilings.get(model.ref().provider());
    return ceiling == null ? own.concurrency() : Math.min(own.concurrency(), ceiling.concurrency());
  }

  /**
   * How many calls the models set up besides {@code except} (the judges, when {@code except} holds
   * the trials' models) may have in flight together: per provider, the sum of their concurrency,
   * capped by the provider's ceiling.
   */
  public int slotsExcept(Collection<ModelConfig> except) {
    Map<String, Long> perProvider = new HashMap<>();
    modelGates.forEach(
        (model, gate) -> {
          if (!except.contains(model)) {
            perProvider.merge(model.ref().provider(), (long) gate.concurrency(), Long::sum);
          }
        });
    long total = 0;
    for (Map.Entry<String, Long> e : perProvider.entrySet()) {
      Gate ceiling = providerCeilings.get(e.getKey());
      total += ceiling == null ? e.getValue() : Math.min(e.getValue(), ceiling.concurrency());
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /**
   * Per model called live (by its id, judges included), how many calls its provider refused with
   * 429 and how long its calls were held by limits; sorted by model name.
   */
  public Map<String, RunResult.Limits> limits() {
    Map<String, RunResult.Limits> out = new LinkedHashMap<>();
    pacers.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(ModelConfig::name)))
        .forEach(
            e -> {
              LimitStats s = e.getValue().stats();
              out.merge(
                  e.getKey().ref().id(),
                  new RunResult.Limits(s.refusedCalls(), s.waitedMillis()),
                  RunResult.Limits::plus);
            });
    return out;
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
