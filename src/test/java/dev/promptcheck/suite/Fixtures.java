package dev.promptcheck.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Writes prompt files into a temporary suite and loads them. */
public final class Fixtures {
  private Fixtures() {}

  public static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record Loaded(Optional<PromptFile> file, Diagnostics diagnostics) {
    public PromptFile get() {
      return file.orElseThrow(() -> new AssertionError("did not load: " + diagnostics.all()));
    }

    public String messages() {
      return diagnostics.all().stream().map(Diagnostic::format).reduce("", (a, b) -> a + b + "\n");
    }
  }

  public static Loaded load(Path dir, String yaml) {
    Path file = write(dir, "case.prompt.yml", yaml);
    Diagnostics d = new Diagnostics();
    PromptFile pf = new SuiteLoader(dir).loadOne(file, d);
    return new Loaded(Optional.ofNullable(pf), d);
  }

  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
