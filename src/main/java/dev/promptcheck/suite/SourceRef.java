package dev.promptcheck.suite;

import java.nio.file.Path;

/** A place in a file, 1-based, as editors and compilers count. */
public record SourceRef(Path file, int line, int column) {

  public static SourceRef of(Path file) {
    return new SourceRef(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
