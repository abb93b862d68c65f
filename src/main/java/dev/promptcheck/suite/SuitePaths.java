package dev.promptcheck.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths a prompt file references (testData files, evaluator definitions) must stay inside the
 * suite's root, after following symlinks: a link inside the suite pointing outside it would
 * otherwise send an arbitrary file to the model and into every report.
 */
final class SuitePaths {
  private SuitePaths() {}

  /**
   * Why {@code file} may not be read as part of the suite under {@code root}, or empty when it may
   * (or does not exist: the caller says so).
   */
  static Optional<String> outside(Path file, Path root) {
    Path absRoot = root.toAbsolutePath().normalize();
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(absRoot)) {
      return Optional.of("leaves the suite root " + absRoot);
    }
    if (!Files.exists(abs)) {
      return Optional.empty();
    }
    try {
      Path real = abs.toRealPath();
      Path realRoot = absRoot.toRealPath();
      if (!real.startsWith(realRoot)) {
        return Optional.of("is a symlink to " + real + ", outside the suite root " + absRoot);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be resolved: " + e.getMessage());
    }
  }
}
