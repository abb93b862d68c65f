package dev.promptcheck.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects diagnostics while a stage reads its input; never throws for bad input. */
public final class Diagnostics {
  private final List<Diagnostic> items = Collections.synchronizedList(new ArrayList<>());

  public void error(SourceRef where, String code, String message) {
    items.add(new Diagnostic(where, Severity.ERROR, message, code));
  }

  /** An error shown with {@code excerpt}, the file's line at {@code where}. */
  public void error(SourceRef where, String code, String message, String excerpt) {
    items.add(new Diagnostic(where, Severity.ERROR, message, code, excerpt));
  }

  public void warning(SourceRef where, String code, String message) {
    items.add(new Diagnostic(where, Severity.WARNING, message, code));
  }

  public void add(Diagnostic d) {
    items.add(d);
  }

  public void addAll(Diagnostics other) {
    items.addAll(other.all());
  }

  public List<Diagnostic> all() {
    synchronized (items) {
      return List.copyOf(items);
    }
  }

  public boolean hasErrors() {
    return all().stream().anyMatch(Diagnostic::isError);
  }
}
