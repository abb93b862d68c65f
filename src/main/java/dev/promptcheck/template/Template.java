package dev.promptcheck.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{name}}} slots, parsed once. {@code {{ name }}} is the same slot (gh models
 * substitutes only the tight spelling: a documented difference). Rendering is a single pass over
 * the parsed parts, so a substituted value that itself contains {@code {{x}}} is never expanded
 * again.
 *
 * <p>Braces around something that is not a name, such as {@code {{user name}}}, {@code {{2nd}}} or
 * {@code {{prénom}}}, are a <em>loose</em> slot: like gh models, which replaces the literal {@code
 * {{key}}} for every test-data key (github/gh-models pkg/prompt/prompt.go:188-196), it takes the
 * value of a key spelled exactly so, and otherwise stays literal text. A Jinja call {@code {{
 * macros.x() }}}, JSON, and a GitHub Actions expression {@code ${{ ... }}} are never slots.
 */
public final class Template {
  private static final Pattern SLOT =
      Pattern.compile("(?<!\\$)\\{\\{(?:\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*|([^{}\\n]+))}}");

  private sealed interface Part permits Literal, Slot, Loose {}

  private record Literal(String text) implements Part {}

  private record Slot(String name, String written) implements Part {}

  /** {@code {{key}}} whose key is not a name: replaced only by a value of that exact key. */
  private record Loose(String key, String text) implements Part {}

  private final List<Part> parts;
  private final Set<String> variables;

  private Template(List<Part> parts, Set<String> variables) {
    this.parts = parts;
    this.variables = variables;
  }

  public static Template parse(String text) {
    if (text.indexOf("{{") < 0) {
      // most messages have no slot: no regex scan (validating a thousand files parses many)
      return new Template(text.isEmpty() ? List.of() : List.of(new Literal(text)), Set.of());
    }
    List<Part> parts = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Matcher m = SLOT.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(new Literal(text.substring(last, m.start())));
      }
      if (m.group(1) != null) {
        parts.add(new Slot(m.group(1), m.group()));
        names.add(m.group(1));
      } else {
        parts.add(new Loose(m.group(2), m.group()));
      }
      last = m.end();
    }
    if (last < text.length()) {
      parts.add(new Literal(text.substring(last)));
    }
    return new Template(List.copyOf(parts), Collections.unmodifiableSet(names));
  }

  /** One written slot: its name and its text as written, e.g. {@code {{ input }}}. */
  public record SlotUse(String name, String written) {}

  /** Every slot as written, in order, repeats included: where a diagnostic should point. */
  public List<SlotUse> slotUses() {
    List<SlotUse> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Slot s) {
        out.add(new SlotUse(s.name(), s.written()));
      }
    }
    return out;
  }

  /** True when every rendering gives the same text: plain text, no slot of any kind. */
  public boolean constant() {
    return parts.stream().allMatch(p -> p instanceof Literal);
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
    if (parts.size() == 1 && parts.get(0) instanceof Slot only) {
      // the whole message is one value ({{input}}): that very string, no copy of it
      String value = lookup.apply(only.name());
      return value != null ? value : missing.apply(only.name());
    }
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Loose loose) {
        String value = lookup.apply(loose.key());
        out.append(value != null ? value : loose.text());
      } else {
        String name = ((Slot) p).name();
        String value = lookup.apply(name);
        out.append(value != null ? value : missing.apply(name));
      }
    }
    return out.toString();
  }
}
