package dev.promptcheck.suite;

import dev.promptcheck.support.Suggestions;
import dev.promptcheck.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a parsed file makes sense before any model is called: every {@code {{var}}} has a value in
 * every case, required variables are given, regexes compile. Lint-level findings (unused variables,
 * backtracking regexes, skipped evaluators, fragile emoji patterns) are warnings.
 */
public final class SuiteValidator {

  private SuiteValidator() {}

  public static void validate(PromptFile file, Diagnostics diagnostics) {
    validate(file, Map.of(), diagnostics);
  }

  /**
   * @param runTimeVariables the {@code --var} values, which fill variables in every case
   */
  public static void validate(
      PromptFile file, Map<String, String> runTimeVariables, Diagnostics diagnostics) {
    checkVariables(file, runTimeVariables.keySet(), diagnostics);
    for (EvaluatorSpec spec : file.evaluators()) {
      checkEvaluator(spec, file.testCases(), diagnostics);
    }
    for (TestCase c : file.testCases()) {
      for (EvaluatorSpec spec : c.evaluators()) {
        checkEvaluator(spec, List.of(c), diagnostics);
      }
    }
    checkEvaluatorVariables(file, runTimeVariables.keySet(), diagnostics);
    checkDuplicateCases(file, diagnostics);
    if (file.messages().isEmpty()) {
      return;
    }
    if (file.messages().stream().noneMatch(m -> m.role() == Role.USER)) {
      diagnostics.warning(
          file.messages().get(0).where(),
          "no-user-message",
          "no user message: most chat models expect one");
    }
  }

  /**
   * Identical rows (same variables, same own checks) or a repeated explicit id: both still run,
   * under distinct ids ({@link CaseIds}), but are most likely a copy-paste slip.
   */
  private static void checkDuplicateCases(PromptFile file, Diagnostics diagnostics) {
    Map<String, TestCase> first = new HashMap<>();
    for (TestCase c : file.testCases()) {
      String key = c.id() != null ? "id\u0000" + c.id() : CaseIds.content(c);
      TestCase earlier = first.putIfAbsent(key, c);
      if (earlier == null) {
        continue;
      }
      diagnostics.warning(
          c.where(),
          "duplicate-case",
          (c.id() != null
                  ? "test case " + c.label() + " reuses the id of the case at line "
                  : "test case " + c.label() + " repeats the case at line ")
              + earlier.where().line()
              + (c.id() != null ? "" : " (same variables and checks)")
              + ": both run, under distinct ids; remove one or use --repeat");
    }
  }

  /**
   * Every placeholder needs a value in every test case. A file without test data gets its values at
   * run time, so only its declarations are checked. Declaring variables is optional (the GitHub
   * format has no {@code variables:}): an undeclared placeholder is worth a warning only in a file
   * that declares the others.
   */
  private static void checkVariables(
      PromptFile file, Set<String> runTimeVariables, Diagnostics diagnostics) {
    Map<String, Variable> declared =
        file.variables().stream().collect(Collectors.toMap(Variable::name, v -> v, (a, b) -> a));
    Set<String> used = new LinkedHashSet<>();
    for (Message m : file.messages()) {
      for (String name : Template.parse(m.content()).variables()) {
        if (!used.add(name) || declared.containsKey(name)) {
          continue;
        }
        List<TestCase> lacking = lacking(file, name, runTimeVariables);
        if (!lacking.isEmpty()) {
          diagnostics.error(
              m.where(name),
              "undefined-variable",
              "'{{"
                  + name
                  + "}}' has no value in test case"
                  + plural(lacking)
                  + " "
                  + list(lacking)
                  + ": give it in every case, declare it with a default, or pass --var "
                  + name
                  + "=... (gh models would send '{{"
                  + name
                  + "}}' to the model as written; promptcheck refuses)");
        } else if (!declared.isEmpty()) {
          diagnostics.warning(
              m.where(name),
              "undeclared-variable",
              "'{{" + name + "}}' is not declared in 'variables' (the others are)");
        }
      }
    }
    for (Variable v : file.variables()) {
      if (v.defaultValue() != null) {
        continue;
      }
      List<TestCase> lacking = lacking(file, v.name(), runTimeVariables);
      if (lacking.isEmpty()) {
        continue;
      }
      for (TestCase c : lacking) {
        if (v.required()) {
          boolean textVars = c.vars().containsKey("input") && !declared.containsKey("input");
          diagnostics.error(
              c.where(),
              "missing-variable",
              "test case "
                  + caseName(c)
                  + " lacks required variable '"
                  + v.name()
                  + "'"
                  + (textVars
                      ? " (its text became the variable 'input'; name it: vars: {"
                          + v.name()
                          + ": ...})"
                      : ""));
        }
      }
      if (!v.required() && used.contains(v.name())) {
        diagnostics.warning(
            v.where(),
            "missing-variable",
            "variable '"
                + v.name()
                + "' has no default and test case"
                + plural(lacking)
                + " "
                + list(lacking)
                + " give"
                + (lacking.size() == 1 ? "s" : "")
                + " no value: it renders empty");
      }
    }
    String evaluatorText = file.evaluators().toString();
    for (Variable v : file.variables()) {
      if (!used.contains(v.name()) && !evaluatorText.contains(v.name())) {
        diagnostics.warning(
            v.where(),
            "unused-variable",
            "variable '" + v.name() + "' is declared but no message uses it");
      }
    }
  }

  /**
   * A {@code {{var}}} in an evaluator (a string operand, a regex, an {@code llm} judge's prompt)
   * that a case gives no value is kept as the literal text, as gh does: {@code notContains:
   * '{{expectd}}'} then passes every answer. An error as in messages, with the near name when there
   * is one. {@code completion} (and {@code output} where no case sets it) is the answer itself.
   */
  private static void checkEvaluatorVariables(
      PromptFile file, Set<String> runTimeVariables, Diagnostics diagnostics) {
    if (file.testCases().isEmpty()) {
      return; // values come at run time (--var): messages are not checked either
    }
    Set<String> known = new LinkedHashSet<>(runTimeVariables);
    file.testCases().forEach(c -> known.addAll(c.vars().keySet()));
    file.variables().forEach(v -> known.add(v.name()));
    Map<String, Variable> declared =
        file.variables().stream().collect(Collectors.toMap(Variable::name, v -> v, (a, b) -> a));
    List<EvaluatorSpec> own = new ArrayList<>(file.evaluators());
    for (EvaluatorSpec spec : own) {
      Set<String> reported = new LinkedHashSet<>();
      for (String text : templates(spec)) {
        for (String name : Template.parse(text).variables()) {
          if (name.equals("completion")
              || (name.equals("output") && !known.contains("output"))
              || (declared.containsKey(name) && declared.get(name).defaultValue() != null)
              || !reported.add(name)) {
            continue;
          }
          List<TestCase> lacking = lacking(file, name, runTimeVariables);
          if (lacking.isEmpty()) {
            continue;
          }
          Set<String> candidates = new LinkedHashSet<>(known);
          candidates.add("completion");
          diagnostics.error(
              spec.where(),
              "undefined-variable",
              "'{{"
                  + name
                  + "}}' in evaluator '"
                  + spec.name()
                  + "' has no value in test case"
                  + plural(lacking)
                  + " "
                  + list(lacking)
                  + Suggestions.didYouMean(name, candidates).map(s -> "; " + s).orElse("")
                  + " (gh models would check the literal text '{{"
                  + name
                  + "}}'; promptcheck refuses)");
        }
      }
    }
  }

  /** The texts of an evaluator written in the file that are rendered with the case's values. */
  private static List<String> templates(EvaluatorSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec instanceof EvaluatorSpec.Text t) {
      t.checks().forEach(c -> out.add(c.operand()));
    } else if (spec instanceof EvaluatorSpec.Regex r) {
      out.add(r.pattern());
    } else if (spec instanceof EvaluatorSpec.Llm l && l.origin().equals("llm")) {
      out.add(l.prompt());
      if (l.systemPrompt() != null) {
        out.add(l.systemPrompt());
      }
    }
    out.addAll(spec.templates());
    out.removeIf(Objects::isNull);
    return out;
  }

  /** The test cases that give {@code name} no value when {@code --var} does not either. */
  private static List<TestCase> lacking(
      PromptFile file, String name, Set<String> runTimeVariables) {
    if (runTimeVariables.contains(name)) {
      return List.of();
    }
    return file.testCases().stream().filter(c -> !c.vars().containsKey(name)).toList();
  }

  private static void checkEvaluator(
      EvaluatorSpec spec, List<TestCase> cases, Diagnostics diagnostics) {
    if (spec instanceof EvaluatorSpec.Regex r) {
      Set<String> patterns = new LinkedHashSet<>();
      Template t = Template.parse(r.pattern());
      if (t.variables().isEmpty()) {
        patterns.add(r.pattern());
      } else {
        for (TestCase c : cases) {
          patterns.add(t.renderLenient(lookup(c)));
        }
      }
      javaScriptLiteral(r.pattern())
          .ifPresent(msg -> diagnostics.warning(r.where(), "regex-literal", msg));
      for (String p : patterns) {
        try {
          CompiledRegex compiled = RegexDialect.compile(p, r.flags());
          if (compiled instanceof RegexDialect.Backtracking) {
            diagnostics.warning(
                r.where(),
                "regex-backtracking",
                "pattern uses features RE2 lacks (backreferences or"
                    + " lookaround): it runs on java.util.regex under a time budget");
          }
          fragileEmoji(p).ifPresent(msg -> diagnostics.warning(r.where(), "fragile-emoji", msg));
        } catch (IllegalArgumentException e) {
          // reported, with the evaluator's name, when the evaluator compiles
          // (eval.EvaluatorCompiler)
        }
      }
    } else if (spec instanceof EvaluatorSpec.Unsupported u) {
      diagnostics.warning(
          u.where(), "unsupported-evaluator", "'" + u.name() + "' will be skipped: " + u.reason());
    }
  }

  /**
   * {@code /caching/i}: a JavaScript regex literal, its slashes and flags written as the pattern.
   */
  private static final Pattern JS_LITERAL = Pattern.compile("/(.+)/([dgimsuyv]+)");

  /**
   * A pattern written as a JavaScript literal ({@code '/caching/i'}) is matched as text here,
   * slashes and flag letters included, so it fails on the output it was meant to pass. Flags are
   * required: {@code /api/v1/} is a real path.
   */
  static Optional<String> javaScriptLiteral(String pattern) {
    Matcher m = JS_LITERAL.matcher(pattern);
    if (!m.matches()) {
      return Optional.empty();
    }
    String flags = m.group(2).replaceAll("[^ims]", "");
    return Optional.of(
        "pattern '"
            + pattern
            + "' is a JavaScript regex literal: here the slashes and '"
            + m.group(2)
            + "' are part of the text to find; write the pattern without them"
            + (flags.isEmpty()
                ? ": regex: {pattern: '" + m.group(1) + "'}"
                : " and the flags apart: regex: {pattern: '"
                    + m.group(1)
                    + "', flags: "
                    + flags
                    + "}"));
  }

  /**
   * A literal emoji in a pattern must match the model's exact code points; models often drop or add
   * the variation selector U+FE0F, so such a check fails on correct output.
   */
  static Optional<String> fragileEmoji(String pattern) {
    boolean emoji = pattern.codePoints().anyMatch(cp -> cp > 0x7F && Emoji.isEmoji(cp));
    if (!emoji) {
      return Optional.empty();
    }
    return Optional.of(
        "pattern contains a literal emoji"
            + (pattern.contains("\uFE0F") ? " with variation selector U+FE0F" : "")
            + ": model output that writes the emoji differently (with or without U+FE0F) will not match;"
            + " a 'headers' evaluator compares headings with emoji folded");
  }

  private static Function<String, String> lookup(TestCase c) {
    return c.vars()::get;
  }

  private static String plural(List<TestCase> items) {
    return items.size() == 1 ? "" : "s";
  }

  private static String caseName(TestCase c) {
    return c.number() + (c.id() != null ? " (" + c.id() + ")" : "");
  }

  private static String list(List<TestCase> items) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(items.size(), 5); i++) {
      shown.add(caseName(items.get(i)));
    }
    return String.join(", ", shown)
        + (items.size() > 5 ? " (and " + (items.size() - 5) + " more)" : "");
  }
}
