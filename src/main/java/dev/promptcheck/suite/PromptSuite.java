package dev.promptcheck.suite;

import java.util.List;

/** What loading produced: the files that loaded, every diagnostic, and how many files were read. */
public record PromptSuite(List<PromptFile> files, List<Diagnostic> diagnostics, int filesRead) {

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** Files without any error: the ones a run may use. */
  public List<PromptFile> runnable() {
    return files.stream()
        .filter(
            f ->
                diagnostics.stream()
                    .noneMatch(d -> d.isError() && d.where().file().equals(f.path())))
        .toList();
  }
}
