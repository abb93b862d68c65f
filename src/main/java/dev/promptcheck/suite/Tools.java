package dev.promptcheck.suite;

import java.util.List;
import java.util.Optional;

/**
 * A prompt file's tools and its {@code toolChoice}: {@code auto} (the model decides), {@code
 * required} (it must call one), {@code none} (it may call none: no tools are sent), or a tool's
 * name (it must call that one); null when the file gives no choice, which is {@code auto}.
 */
public record Tools(List<Tool> definitions, String choice) {
  public static final String AUTO = "auto";
  public static final String REQUIRED = "required";
  public static final String NONE_CHOICE = "none";

  /** A file without tools. */
  public static final Tools NONE = new Tools(List.of(), null);

  /** The three choices that are not a tool's name. */
  public static final List<String> CHOICES = List.of(AUTO, REQUIRED, NONE_CHOICE);

  public Tools {
    definitions = List.copyOf(definitions);
    if (choice != null
        && !CHOICES.contains(choice)
        && definitions.stream().noneMatch(t -> t.name().equals(choice))) {
      throw new IllegalArgumentException("toolChoice '" + choice + "' names no tool");
    }
  }

  public boolean isEmpty() {
    return definitions.isEmpty();
  }

  public Optional<Tool> named(String name) {
    return definitions.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The tools a request carries: none for {@code none} (a provider cannot be trusted to honour a
   * "none" it may not support, and a model sent no tools calls none), the named one alone when the
   * choice is a name (with {@link #mustCall()}, the one tool it must call), else all of them.
   */
  public List<Tool> sent() {
    if (NONE_CHOICE.equals(choice)) {
      return List.of();
    }
    if (choice != null && !CHOICES.contains(choice)) {
      return List.of(named(choice).orElseThrow());
    }
    return definitions;
  }

  /** True when the model must call a tool: {@code required}, or a tool's name. */
  public boolean mustCall() {
    return choice != null && !AUTO.equals(choice) && !NONE_CHOICE.equals(choice);
  }
}
