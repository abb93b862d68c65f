package dev.promptcheck.suite;

import dev.promptcheck.template.MissingVariableException;
import dev.promptcheck.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a prompt file's messages for one test case. Values come, by precedence, from {@code
 * overrides} (the command line's {@code --var}), the case, then the declared defaults; a declared
 * optional variable with no value renders empty; anything else missing is an error naming the
 * variable and the case.
 */
public final class PromptRenderer {
  private final PromptFile file;
  private final List<Template> templates;
  private final Map<String, String> overrides;
  // a message without placeholders renders the same for every case: one instance for all of them
  // (a run keeps every trial's messages until its reports are written); null where it has any
  private final RenderedMessage[] constant;
  // image parts without placeholders, read once: a file's bytes are the same for every case
  private final Map<ImagePart, RenderedImage> constantImages = new HashMap<>();

  public PromptRenderer(PromptFile file, Map<String, String> overrides) {
    this.file = file;
    this.templates = file.messages().stream().map(m -> Template.parse(m.content())).toList();
    this.overrides = Map.copyOf(overrides);
    this.constant = new RenderedMessage[templates.size()];
    for (Message m : file.messages()) {
      for (ImagePart part : m.images()) {
        if (Template.parse(part.reference()).constant()) {
          try {
            constantImages.put(
                part, ImageFiles.load(part, part.reference(), file.path(), file.root()));
          } catch (ImageFiles.BadImage e) {
            // the parser reported it; rendering a case says it again, per trial
          }
        }
      }
    }
    for (int i = 0; i < constant.length; i++) {
      Message m = file.messages().get(i);
      if (templates.get(i).constant() && constantImages.keySet().containsAll(m.images())) {
        try {
          constant[i] =
              new RenderedMessage(
                  m.role(),
                  templates.get(i).render(n -> null),
                  m.images().stream().map(constantImages::get).toList());
        } catch (MissingVariableException e) {
          constant[i] = null; // rendered per case, which reports it
        }
      }
    }
  }

  public Map<String, String> variablesFor(TestCase testCase) {
    Map<String, String> values = gather(testCase);
    for (Variable v : file.variables()) {
      if (v.required() && !values.containsKey(v.name())) {
        throw missing(v.name(), testCase, "required variable");
      }
    }
    return values;
  }

  /**
   * The variables that would have no value in {@code testCase}: required ones and placeholders that
   * neither the case, a default nor {@code --var} fills. For a file without test data, what the
   * user must pass with {@code --var}.
   */
  public Set<String> unfilled(TestCase testCase) {
    Map<String, String> values = gather(testCase);
    Set<String> out = new LinkedHashSet<>();
    file.variables().stream()
        .filter(Variable::required)
        .map(Variable::name)
        .filter(n -> !values.containsKey(n))
        .forEach(out::add);
    for (Template t : templates) {
      t.variables().stream().filter(n -> !values.containsKey(n)).forEach(out::add);
    }
    for (Message m : file.messages()) {
      for (ImagePart part : m.images()) {
        Template.parse(part.reference()).variables().stream()
            .filter(n -> !values.containsKey(n))
            .forEach(out::add);
      }
    }
    return out;
  }

  private Map<String, String> gather(TestCase testCase) {
    Map<String, String> values = new HashMap<>();
    for (Variable v : file.variables()) {
      if (v.defaultValue() != null) {
        values.put(v.name(), v.defaultValue());
      } else if (!v.required()) {
        values.put(v.name(), "");
      }
    }
    values.putAll(testCase.vars());
    values.putAll(overrides);
    return values;
  }

  public List<RenderedMessage> render(TestCase testCase) {
    return render(testCase, variablesFor(testCase));
  }

  /** Renders with {@code values} already gathered by {@link #variablesFor}. */
  public List<RenderedMessage> render(TestCase testCase, Map<String, String> values) {
    List<Message> messages = file.messages();
    RenderedMessage[] out = new RenderedMessage[messages.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] =
            constant[i] != null
                ? constant[i]
                : new RenderedMessage(
                    messages.get(i).role(),
                    templates.get(i).render(values::get),
                    images(messages.get(i), testCase, values));
      } catch (MissingVariableException e) {
        throw missing(e.variable(), testCase, "variable");
      }
    }
    return List.of(out);
  }

  private List<RenderedImage> images(
      Message message, TestCase testCase, Map<String, String> values) {
    if (message.images().isEmpty()) {
      return List.of();
    }
    List<RenderedImage> out = new ArrayList<>(message.images().size());
    for (ImagePart part : message.images()) {
      RenderedImage known = constantImages.get(part);
      if (known != null) {
        out.add(known);
        continue;
      }
      String reference = Template.parse(part.reference()).render(values::get);
      try {
        out.add(ImageFiles.load(part, reference, file.path(), file.root()));
      } catch (ImageFiles.BadImage e) {
        throw new ImageRenderException(
            part.where()
                + ": test case "
                + testCase.number()
                + (testCase.id() != null ? " (" + testCase.id() + ")" : "")
                + ": "
                + e.getMessage());
      }
    }
    return out;
  }

  private static MissingVariableException missing(String name, TestCase testCase, String what) {
    return new MissingVariableException(
        name,
        "missing "
            + what
            + " '"
            + name
            + "' in test case "
            + testCase.number()
            + (testCase.id() != null ? " (" + testCase.id() + ")" : ""));
  }
}
