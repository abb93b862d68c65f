package dev.promptcheck.run;

import dev.promptcheck.eval.EvaluationInput;
import dev.promptcheck.eval.Evaluator;
import dev.promptcheck.eval.EvaluatorCompiler;
import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelCallException;
import dev.promptcheck.model.ModelClient;
import dev.promptcheck.model.ModelConfig;
import dev.promptcheck.model.ModelRequest;
import dev.promptcheck.model.ModelResponse;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.model.ToolCall;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.ImageRenderException;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.PromptRenderer;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.support.FrozenMap;
import dev.promptcheck.support.TextInterner;
import dev.promptcheck.template.MissingVariableException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Executes trials with bounded concurrency: render, call (through the model's path from {@link
 * CallPaths}), evaluate, journal. A broken call is an {@code error} trial and the run goes on; a
 * model that cannot be reached at all (bad key, unknown model, repeated connection failures) stops
 * being called, and the run is marked incomplete. So does a model whose quota is spent (a 429
 * asking for a wait beyond {@code --max-wait}, or naming a daily quota): its remaining trials are
 * not called and not journaled, so {@code --resume} calls exactly them once the quota is back. When
 * the run's budget ({@code --max-cost}) is reached, no trial of any model starts a call again, and
 * those not called are left to a resume in the same way.
 */
public final class TrialRunner {
  private static final int UNREACHABLE_AFTER = 5;
  private static final int MAX_THREADS_PER_MODEL = 512;
  // one instance for every unchecked trial: a large suite without evaluators holds it once
  private static final Verdict NOTHING_CHECKED = Verdict.nothingChecked();

  /** Told of progress; called from worker threads. */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void started(int total, int alreadyDone) {}

    default void finished(TrialResult result) {}

    /**
     * {@code modelId} will not be called again in this run: its quota is spent ({@code why} names
     * the reset time when the provider said it).
     */
    default void modelStopped(String modelId, String why) {}

    /** The run's budget ({@code --max-cost}) is reached: no call of any model starts again. */
    default void budgetSpent(String why) {}
  }

  /** The trials' results in plan order, and why the run stopped short (null if it did not). */
  public record Outcome(List<TrialResult> results, String incomplete) {}

  private final RunOptions options;
  private final CallPaths pool;
  private final Journal journal;
  private final Listener listener;
  private final Map<PromptFile, EvaluatorCompiler> evaluators =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<PromptFile, PromptRenderer> renderers =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<String, String> unreachable = new ConcurrentHashMap<>();
  private final Map<String, QuotaStop> quotaStops = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> notRun = new ConcurrentHashMap<>();
  // why the run's budget stopped it (the first refusal's words), null while there is room
  private final AtomicReference<String> budgetSpent = new AtomicReference<>();
  private final AtomicInteger notRunForBudget = new AtomicInteger();
  // texts that repeat across trials (reasons, finish reasons, endpoints): one copy each, since the
  // run keeps every trial until its reports are written
  private final TextInterner texts = new TextInterner();
  private final Map<String, AtomicInteger> connectionFailures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
  private final AtomicReference<Journal.WriteFailure> journalFailure = new AtomicReference<>();

  /**
   * The last prompt file's renderer and evaluators, and the last model's call path: nearly every
   * trial finds its own here, so it neither takes the maps' lock (32 threads contend for it) nor
   * hashes and compares a whole {@link ModelConfig} (a record: every field) per call.
   */
  private volatile PerFile lastFile;

  private volatile PerModel lastModel;

  private record PerFile(PromptFile file, PromptRenderer renderer, EvaluatorCompiler evaluators) {}

  private record PerModel(ModelConfig model, ModelClient chain) {}

  /**
   * Why a model stopped being called, and when its provider said the quota comes back (or null).
   */
  private record QuotaStop(String reason, Instant resetsAt) {
    QuotaStop {
      Objects.requireNonNull(reason, "reason");
    }

    String resetText() {
      return resetsAt == null
          ? "the provider named no reset time"
          : "the provider said it resets at " + resetsAt + " (UTC)";
    }
  }

  public TrialRunner(
      RunOptions options,
      CallPaths pool,
      Map<PromptFile, EvaluatorCompiler> compiled,
      Journal journal,
      Listener listener) {
    this.options = options;
    this.pool = pool;
    this.journal = journal;
    this.listener = listener;
    this.evaluators.putAll(compiled);
  }

  /**
   * @throws Journal.WriteFailure when the journal cannot be written (a full disk): the run stops at
   *     once, and what the journal holds can be resumed
   */
  public Outcome run(List<Trial> trials, Map<String, TrialResult> alreadyDone) {
    List<Trial> todo = trials.stream().filter(t -> !alreadyDone.containsKey(t.id())).toList();
    listener.started(trials.size(), trials.size() - todo.size());
    Map<String, TrialResult> results = new ConcurrentHashMap<>(alreadyDone);
    Map<ModelConfig, List<Trial>> byModel = new LinkedHashMap<>();
    todo.forEach(t -> byModel.computeIfAbsent(t.model(), m -> new ArrayList<>()).add(t));
    int judgeSlots = pool.slotsExcept(byModel.keySet());
    // a resume spends from what the run already spent
    pool.budget()
        .ifPresent(
            b ->
                b.spentBefore(
                    alreadyDone.values().stream()
                        .map(TrialResult::cost)
                        .filter(Objects::nonNull)
                        .mapToDouble(Double::doubleValue)
                        .sum()));
    List<ExecutorService> executors = new ArrayList<>();
    try {
      List<Future<?>> futures = new ArrayList<>(todo.size());
      for (Map.Entry<ModelConfig, List<Trial>> e : byModel.entrySet()) {
        ModelConfig model = e.getKey(); // equal to each trial's, one instance for the lot
        ExecutorService workers = workersFor(e.getKey(), e.getValue().size(), judgeSlots);
        executors.add(workers);
        for (Trial trial : e.getValue()) {
          futures.add(
              workers.submit(
                  () -> {
                    if (journalFailure.get() != null) {
                      return; // nothing more could be kept: stop calling
                    }
                    TrialResult r = execute(trial, model);
                    if (r == null) { // not called: the model's quota or the run's budget is spent
                      if (budgetSpent.get() != null) {
                        notRunForBudget.incrementAndGet();
                      } else {
                        notRun
                            .computeIfAbsent(trial.model().ref().id(), k -> new AtomicInteger())
                            .incrementAndGet();
                      }
                      return;
                    }
                    try {
                      journal.append(r);
                    } catch (Journal.WriteFailure x) {
                      journalFailure.compareAndSet(null, x);
                      return;
                    }
                    results.put(trial.id(), r);
                    listener.finished(r);
                  }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a trial failed unexpectedly", e.getCause());
    } finally {
      executors.forEach(ExecutorService::shutdownNow);
    }
    if (journalFailure.get() != null) {
      throw journalFailure.get();
    }
    List<TrialResult> ordered = new ArrayList<>();
    for (Trial t : trials) {
      TrialResult r = results.get(t.id());
      if (r != null) {
        ordered.add(r);
      }
    }
    List<String> why = new ArrayList<>();
    unreachable.forEach((model, reason) -> why.add(model + " unreachable: " + reason));
    quotaStops.forEach(
        (model, stop) -> {
          int left = notRun.getOrDefault(model, new AtomicInteger()).get();
          why.add(
              model
                  + " quota spent, "
                  + left
                  + (left == 1 ? " trial" : " trials")
                  + " not run; "
                  + stop.resetText()
                  + ": promptcheck run --resume calls them then ("
                  + stop.reason()
                  + ")");
        });
    if (budgetSpent.get() != null) {
      int left = notRunForBudget.get();
      why.add(
          budgetSpent.get()
              + "; "
              + left
              + (left == 1 ? " trial" : " trials")
              + " not run: promptcheck run --resume with a larger --max-cost calls them");
    }
    return new Outcome(ordered, why.isEmpty() ? null : String.join("; ", why));
  }

  /**
   * Worker threads of one model's trials: enough to keep its own allowance full and, while some of
   * its trials wait on judges, the judges' too. Each model has its own workers, so trials waiting
   * on a slow model's gate never hold the threads another model's trials need; the gates, not the
   * thread counts, enforce each model's and provider's limits.
   */
  private ExecutorService workersFor(ModelConfig model, int trials, int judgeSlots) {
    int own = pool.slots(model);
    int wanted = (own > 0 ? own : options.concurrency()) + judgeSlots;
    int threads = Math.max(1, Math.min(trials, Math.min(MAX_THREADS_PER_MODEL, wanted)));
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "promptcheck-trial " + model.name());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * {@code model} equals {@code trial.model()}; the planner resolves each trial's own instance, so
   * the runner passes its group's one, which finds the call path without comparing records.
   */
  private TrialResult execute(Trial trial, ModelConfig model) {
    PromptFile file = trial.prompt();
    String modelId = trial.model().ref().id();
    if (quotaStops.containsKey(modelId) || budgetSpent.get() != null) {
      return null;
    }
    List<RenderedMessage> messages;
    Map<String, String> vars;
    PerFile perFile;
    try {
      perFile = perFile(file);
      PromptRenderer renderer = perFile.renderer();
      vars = renderer.variablesFor(trial.testCase());
      messages = renderer.render(trial.testCase(), vars);
      vars = FrozenMap.of(vars); // kept for the whole run: compact
    } catch (MissingVariableException | ImageRenderException e) {
      return error(trial, trial.testCase().vars(), List.of(), e.getMessage(), 0);
    }
    String blocked = unreachable.get(modelId);
    if (blocked != null) {
      return error(
          trial, vars, messages, "not called: " + modelId + " is unreachable (" + blocked + ")", 0);
    }
    ModelRequest request =
        new ModelRequest(
            trial.model().ref(),
            messages,
            file.parameters(),
            file.responseFormat(),
            file.jsonSchema(),
            trial.repeat() == 0 ? "" : "repeat-" + trial.repeat(),
            file.tools());
    ModelResponse response;
    try {
      response = chain(model).complete(request);
    } catch (ModelCallException e) {
      if (e.kind() == ModelCallException.Kind.QUOTA_EXHAUSTED) {
        stopForQuota(modelId, e);
        return null;
      }
      if (e.kind() == ModelCallException.Kind.BUDGET_SPENT) {
        if (budgetSpent.compareAndSet(null, e.getMessage())) {
          listener.budgetSpent(e.getMessage());
        }
        return null;
      }
      noteFailure(modelId, e);
      int attempts = e.attempts();
      return error(
          trial,
          vars,
          messages,
          e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ": "
              + e.getMessage()
              + (attempts > 1 ? " (after " + attempts + " attempts)" : ""),
          attempts);
    }
    successes.computeIfAbsent(modelId, k -> new AtomicInteger()).incrementAndGet();
    Double cost = trial.model().cost(response.inputTokens(), response.outputTokens());
    EvaluationInput input =
        new EvaluationInput(
            response.text(),
            vars,
            response.latencyMs(),
            response.outputTokens(),
            cost,
            pool,
            response.toolCalls());
    List<Verdict> verdicts = new ArrayList<>();
    for (Evaluator e : perFile.evaluators().forCase(trial.testCase())) {
      verdicts.add(shared(evaluateSafely(e, input)));
    }
    if (verdicts.isEmpty()) {
      verdicts.add(NOTHING_CHECKED);
    }
    return new TrialResult(
        trial.id(),
        trial.caseId(),
        trial.file(),
        file.name(),
        modelId,
        trial.testCase().index(),
        trial.testCase().label(),
        trial.repeat(),
        vars,
        messages,
        Verdict.combine(verdicts),
        input.output(), // trimmed, as gh's modelResponse (github/gh-models cmd/eval/eval.go:419)
        verdicts,
        response.latencyMs(),
        response.inputTokens(),
        response.outputTokens(),
        cost,
        texts.share(response.finishReason()),
        null,
        response.attempts(),
        response.source(),
        texts.share(response.endpoint()),
        TrialResult.typed(vars, trial.testCase().values()),
        response.version() == null
            ? null
            : ModelVersion.of(
                texts.share(response.version().name()),
                texts.share(response.version().fingerprint())),
        response.toolCalls());
  }

  /** {@code v} with its reason shared with the equal reasons of other trials. */
  @SuppressWarnings("ReferenceEquality") // identity on purpose: whether sharing changed anything
  private Verdict shared(Verdict v) {
    String reason = texts.share(v.reason());
    return reason == v.reason()
        ? v
        : Verdict.restore(v.status(), v.name(), v.kind(), v.score(), reason);
  }

  @SuppressWarnings("ReferenceEquality") // identity, as the maps behind it (IdentityHashMap)
  private PerFile perFile(PromptFile file) {
    PerFile last = lastFile;
    if (last == null || last.file() != file) {
      last =
          new PerFile(
              file,
              renderers.computeIfAbsent(file, f -> new PromptRenderer(f, options.vars())),
              evaluators.get(file));
      lastFile = last;
    }
    return last;
  }

  @SuppressWarnings("ReferenceEquality") // the same instance: a cheap check; else the pool's map
  private ModelClient chain(ModelConfig model) {
    PerModel last = lastModel;
    if (last == null || last.model() != model) {
      last = new PerModel(model, pool.chain(model));
      lastModel = last;
    }
    return last.chain();
  }

  /**
   * An evaluator that throws (a bug, a stack overflow on a pathological input) gives that check an
   * {@code error} verdict with the reason; the trial and the run go on.
   */
  static Verdict evaluateSafely(Evaluator e, EvaluationInput input) {
    if (input.toolCallsOnly() && e.readsText()) {
      return new Verdict.Error(
          e.name(),
          e.kind(),
          "the answer is tool calls only, no text to check: "
              + ToolCall.describe(input.toolCalls())
              + " (check them with toolCall:, toolCalls: or noToolCall:)");
    }
    try {
      Verdict v = e.evaluate(input);
      return v != null ? v : new Verdict.Error(e.name(), e.kind(), "evaluator returned no verdict");
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError crash) {
      return new Verdict.Error(
          e.name(),
          e.kind(),
          "evaluator crashed: "
              + (crash instanceof StackOverflowError
                  ? "stack overflow (the output is too deep or long for this check)"
                  : crash.getClass().getSimpleName()
                      + (crash.getMessage() == null ? "" : ": " + crash.getMessage())));
    }
  }

  /**
   * No more calls to {@code modelId}: the first refusal names the reset time (now plus the wait the
   * provider asked for), and the listener hears of it once.
   */
  private void stopForQuota(String modelId, ModelCallException e) {
    Instant resetsAt =
        e.retryAfter() == null
            ? null
            : Instant.now().plus(e.retryAfter()).truncatedTo(ChronoUnit.SECONDS);
    QuotaStop stop = new QuotaStop(texts.share(e.getMessage()), resetsAt);
    if (quotaStops.putIfAbsent(modelId, stop) == null) {
      listener.modelStopped(
          modelId, "quota spent, " + stop.resetText() + " (" + stop.reason() + ")");
    }
  }

  private void noteFailure(String modelId, ModelCallException e) {
    switch (e.kind()) {
      case AUTHENTICATION, NOT_FOUND, CONFIGURATION ->
          unreachable.putIfAbsent(modelId, e.getMessage());
      case NETWORK -> {
        int failures =
            connectionFailures.computeIfAbsent(modelId, k -> new AtomicInteger()).incrementAndGet();
        if (failures >= UNREACHABLE_AFTER
            && successes.getOrDefault(modelId, new AtomicInteger()).get() == 0) {
          unreachable.putIfAbsent(modelId, e.getMessage());
        }
      }
      default -> {}
    }
  }

  private TrialResult error(
      Trial trial,
      Map<String, String> vars,
      List<RenderedMessage> messages,
      String reason,
      int attempts) {
    return new TrialResult(
        trial.id(),
        trial.caseId(),
        trial.file(),
        trial.prompt().name(),
        trial.model().ref().id(),
        trial.testCase().index(),
        trial.testCase().label(),
        trial.repeat(),
        vars,
        messages,
        Status.ERROR,
        null,
        List.of(),
        0,
        null,
        null,
        null,
        null,
        reason,
        attempts,
        null,
        pool.endpoint(trial.model()),
        null);
  }
}
