package dev.promptcheck.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{name}}} slots, parsed once. {@code {{ name }}} is the same slot. Rendering
 * is a single pass over the parsed parts, so a substituted value that itself contains {@code {{x}}}
 * is never expanded again. Braces around anything that is not a plain name (for instance a Jinja
 * call {@code {{ macros.x() }}} or JSON) stay literal text.
 */
public final class Template {
  private static final Pattern SLOT =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*}}");

  private sealed interface Part permits Literal, Slot {}

  private record Literal(String text) implements Part {}

  private record Slot(String name) implements Part {}

  private final List<Part> parts;
  private final Set<String> variables;

  private Template(List<Part> parts, Set<String> variables) {
    this.parts = parts;
    this.variables = variables;
  }

  public static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Matcher m = SLOT.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(new Literal(text.substring(last, m.start())));
      }
      parts.add(new Slot(m.group(1)));
      names.add(m.group(1));
      last = m.end();
    }
    if (last < text.length()) {
      parts.add(new Literal(text.substring(last)));
    }
    return new Template(List.copyOf(parts), Set.copyOf(names));
  }

  /** The slot names, in order of first use. */
  public Set<String> variables() {
    return variables;
  }

  /**
   * Renders with {@code lookup}; a slot whose lookup returns null raises {@link
   * MissingVariableException} naming it.
   */
  public String render(Function<String, String> lookup) {
    return render(
        lookup,
        name -> {
          throw new MissingVariableException(name);
        });
  }

  /** Renders, leaving slots with no value as they were written. For judge prompts and operands. */
  public String renderLenient(Function<String, String> lookup) {
    return render(lookup, name -> "{{" + name + "}}");
  }

  private String render(Function<String, String> lookup, Function<String, String> missing) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else {
        String name = ((Slot) p).name();
        String value = lookup.apply(name);
        out.append(value != null ? value : missing.apply(name));
      }
    }
    return out.toString();
  }
}
