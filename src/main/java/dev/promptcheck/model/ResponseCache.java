package dev.promptcheck.model;

import dev.promptcheck.model.ModelResponse.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The on-disk response cache ({@code .promptcheck-cache}), shared by every model's {@link
 * CacheStep}. The cache is an optimisation, never a reason to stop: when it cannot be written (the
 * path is a file, the folder is read-only, the disk fills up) it says so once, in one line naming
 * the path and the cause, and the run goes on without storing answers.
 */
public final class ResponseCache {
  private final ResponseStore store;
  private final Consumer<String> warnings;
  private final AtomicBoolean writable = new AtomicBoolean(true);

  /** Checks at once that the folder can be made, so an unusable path is told before any call. */
  public ResponseCache(ResponseStore store, Consumer<String> warnings) {
    this.store = store;
    this.warnings = warnings;
    try {
      Files.createDirectories(store.dir());
      if (!Files.isWritable(store.dir())) {
        stopWriting("the folder is not writable");
      }
    } catch (IOException | UncheckedIOException | SecurityException e) {
      stopWriting(cause(e));
    }
  }

  public Path dir() {
    return store.dir();
  }

  /** True until a write failed. */
  public boolean writable() {
    return writable.get();
  }

  Optional<ModelResponse> get(RequestKey key) {
    return store.get(key, Source.CACHE);
  }

  void put(RequestKey key, ModelResponse response, String label) {
    if (!writable.get()) {
      return;
    }
    try {
      store.put(key, response, label);
    } catch (IOException | UncheckedIOException | SecurityException e) {
      stopWriting(cause(e));
    }
  }

  private void stopWriting(String cause) {
    if (writable.getAndSet(false)) {
      warnings.accept(
          "cannot write the response cache "
              + store.dir()
              + " ("
              + cause
              + "); going on without caching answers");
    }
  }

  private static String cause(Throwable e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String message =
        t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
    return t.getClass().getSimpleName() + message;
  }
}
