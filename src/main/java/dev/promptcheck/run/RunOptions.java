package dev.promptcheck.run;

import dev.promptcheck.support.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs besides its prompt files; the CLI fills it from flags, a library user
 * through {@link #builder()}. Every value has a default and is checked when built, so an instance
 * is always usable:
 *
 * <pre>RunOptions.builder().models(List.of("openai:gpt-4o-mini")).repeat(3).build()</pre>
 *
 * A class rather than a record so that adding an option does not break every caller's positional
 * constructor call; the accessors keep the record-style names.
 */
public final class RunOptions {
  /** The response cache's folder, relative to where the run starts, unless the options say. */
  public static final Path DEFAULT_CACHE_DIR = Path.of(".promptcheck-cache");

  private final List<String> models;
  private final String judge;
  private final int concurrency;
  private final int requestsPerMinute;
  private final int repeat;
  private final Duration timeout;
  private final int retries;
  private final Duration maxWait;
  private final Double maxCost;
  private final CacheMode cache;
  private final Path cacheDir;
  private final Path recordDir;
  private final Path replayDir;
  private final Map<String, String> vars;
  private final String filter;
  private final Shard shard;
  // the run's state, not an option: left out of equals, hashCode and toString
  private final Secrets secrets;

  private RunOptions(Builder b) {
    this.models = List.copyOf(b.models);
    this.judge = b.judge;
    this.concurrency = atLeast("concurrency", b.concurrency, 1);
    this.requestsPerMinute = atLeast("requestsPerMinute", b.requestsPerMinute, 0);
    this.repeat = atLeast("repeat", b.repeat, 1);
    this.timeout = Objects.requireNonNull(b.timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    this.retries = atLeast("retries", b.retries, 0);
    this.maxWait = Objects.requireNonNull(b.maxWait, "maxWait");
    if (maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("maxWait must be positive, not " + maxWait);
    }
    this.maxCost = b.maxCost;
    if (maxCost != null && !(maxCost > 0 && Double.isFinite(maxCost))) {
      throw new IllegalArgumentException("maxCost must be a positive amount, not " + maxCost);
    }
    this.cache = Objects.requireNonNull(b.cache, "cache");
    this.cacheDir = Objects.requireNonNull(b.cacheDir, "cacheDir");
    this.recordDir = b.recordDir;
    this.replayDir = b.replayDir;
    // insertion order kept: the variables are echoed back in that order
    Map<String, String> v = new LinkedHashMap<>();
    b.vars.forEach(
        (k, val) ->
            v.put(Objects.requireNonNull(k, "vars key"), Objects.requireNonNull(val, "vars." + k)));
    this.vars = Collections.unmodifiableMap(v);
    this.filter = b.filter;
    this.shard = Objects.requireNonNull(b.shard, "shard");
    this.secrets = b.secrets != null ? b.secrets : Secrets.ofProcess();
    secrets.addSecretNamed(vars);
  }

  private static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
    }
    return value;
  }

  /** Options with every default: each file's own model, concurrency 8, 60 s timeout, cache on. */
  public static RunOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change a few of them. */
  public Builder toBuilder() {
    return new Builder()
        .models(models)
        .judge(judge)
        .concurrency(concurrency)
        .requestsPerMinute(requestsPerMinute)
        .repeat(repeat)
        .timeout(timeout)
        .retries(retries)
        .maxWait(maxWait)
        .maxCost(maxCost)
        .cache(cache)
        .cacheDir(cacheDir)
        .recordDir(recordDir)
        .replayDir(replayDir)
        .vars(vars)
        .filter(filter)
        .shard(shard)
        .secrets(secrets);
  }

  /** Models to run ({@code provider:model} or catalog names); empty means each file's own. */
  public List<String> models() {
    return models;
  }

  /** The model for llm, rule and uses judges, or null for each judge's own. */
  public String judge() {
    return judge;
  }

  /** Parallel calls per model unless the model configures its own. */
  public int concurrency() {
    return concurrency;
  }

  /** Requests-per-minute ceiling per model unless the model configures its own; 0 means none. */
  public int requestsPerMinute() {
    return requestsPerMinute;
  }

  public int repeat() {
    return repeat;
  }

  public Duration timeout() {
    return timeout;
  }

  public int retries() {
    return retries;
  }

  /**
   * The longest wait before a retry; a 429 asking for more (a spent quota) stops calling that model
   * instead, and its remaining trials are left for {@code --resume}.
   */
  public Duration maxWait() {
    return maxWait;
  }

  /**
   * The run's budget in USD ({@code --max-cost}), or null for none: no call starts once what the
   * run spent, what its calls in flight are estimated to cost and the next call's estimate would
   * pass it (model/Budget). Every model and judge of the run counts toward the one budget.
   */
  public Double maxCost() {
    return maxCost;
  }

  public CacheMode cache() {
    return cache;
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** Where to record answers, or null. */
  public Path recordDir() {
    return recordDir;
  }

  /** Where to answer from instead of calling models, or null. */
  public Path replayDir() {
    return replayDir;
  }

  /** Variables given at run time ({@code --var k=v}), in the order given. */
  public Map<String, String> vars() {
    return vars;
  }

  /** Text a case must contain to run, or null. */
  public String filter() {
    return filter;
  }

  public Shard shard() {
    return shard;
  }

  /**
   * What this run masks in everything it writes: the environment's secrets, the secret-named
   * variables, and what the run adds as it goes (a password found in a base URL).
   */
  public Secrets secrets() {
    return secrets;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunOptions r
        && models.equals(r.models)
        && Objects.equals(judge, r.judge)
        && concurrency == r.concurrency
        && requestsPerMinute == r.requestsPerMinute
        && repeat == r.repeat
        && timeout.equals(r.timeout)
        && retries == r.retries
        && maxWait.equals(r.maxWait)
        && Objects.equals(maxCost, r.maxCost)
        && cache == r.cache
        && cacheDir.equals(r.cacheDir)
        && Objects.equals(recordDir, r.recordDir)
        && Objects.equals(replayDir, r.replayDir)
        && vars.equals(r.vars)
        && Objects.equals(filter, r.filter)
        && shard.equals(r.shard);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        models,
        judge,
        concurrency,
        requestsPerMinute,
        repeat,
        timeout,
        retries,
        maxWait,
        maxCost,
        cache,
        cacheDir,
        recordDir,
        replayDir,
        vars,
        filter,
        shard);
  }

  @Override
  public String toString() {
    // vars are left out: a variable may hold a secret
    return "RunOptions[models="
        + models
        + ", judge="
        + judge
        + ", concurrency="
        + concurrency
        + ", requestsPerMinute="
        + requestsPerMinute
        + ", repeat="
        + repeat
        + ", timeout="
        + timeout
        + ", retries="
        + retries
        + ", maxWait="
        + maxWait
        + ", maxCost="
        + maxCost
        + ", cache="
        + cache
        + ", cacheDir="
        + cacheDir
        + ", recordDir="
        + recordDir
        + ", replayDir="
        + replayDir
        + ", vars="
        + vars.keySet()
        + ", filter="
        + filter
        + ", shard="
        + shard
        + "]";
  }

  /** Collects options; {@link #build()} checks them. Unset values keep their defaults. */
  public static final class Builder {
    private List<String> models = List.of();
    private String judge;
    private int concurrency = 8;
    private int requestsPerMinute;
    private int repeat = 1;
    private Duration timeout = Duration.ofSeconds(60);
    private int retries = 3;
    private Duration maxWait = Duration.ofSeconds(60);
    private Double maxCost;
    private CacheMode cache = CacheMode.ON;
    private Path cacheDir = DEFAULT_CACHE_DIR;
    private Path recordDir;
    private Path replayDir;
    private Map<String, String> vars = Map.of();
    private String filter;
    private Shard shard = Shard.ALL;
    private Secrets secrets;

    private Builder() {}

    public Builder models(List<String> models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    public Builder judge(String judge) {
      this.judge = judge;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder requestsPerMinute(int requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
      return this;
    }

    public Builder repeat(int repeat) {
      this.repeat = repeat;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    public Builder maxWait(Duration maxWait) {
      this.maxWait = maxWait;
      return this;
    }

    public Builder maxCost(Double maxCost) {
      this.maxCost = maxCost;
      return this;
    }

    public Builder cache(CacheMode cache) {
      this.cache = cache;
      return this;
    }

    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = cacheDir;
      return this;
    }

    public Builder recordDir(Path recordDir) {
      this.recordDir = recordDir;
      return this;
    }

    public Builder replayDir(Path replayDir) {
      this.replayDir = replayDir;
      return this;
    }

    public Builder vars(Map<String, String> vars) {
      this.vars = Objects.requireNonNull(vars, "vars");
      return this;
    }

    public Builder filter(String filter) {
      this.filter = filter;
      return this;
    }

    public Builder shard(Shard shard) {
      this.shard = shard;
      return this;
    }

    /** The run's secrets (by default, those of the process's environment). */
    public Builder secrets(Secrets secrets) {
      this.secrets = secrets;
      return this;
    }

    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
