package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.FieldReader;
import dev.promptcheck.suite.Mojibake;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.suite.YNode.YScalar;
import dev.promptcheck.suite.YNode.YSeq;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code headers: {expect, level, order, fromPrompt}} or {@code headers: [A, B]}: Markdown heading
 * expectations ({@link HeadersEvaluator}); {@code fromPrompt} takes them from the system message.
 */
final class HeadersKind implements EvaluatorKind<EvaluatorSpec.Headers> {

  @Override
  public String name() {
    return "headers";
  }

  @Override
  public String description() {
    return "The output's Markdown headings must include the expected ones (emoji,"
        + " punctuation, case and spacing folded), at a level and in order if asked;"
        + " fromPrompt takes them from the prompt.";
  }

  @Override
  public Class<EvaluatorSpec.Headers> specType() {
    return EvaluatorSpec.Headers.class;
  }

  @Override
  public List<String> keys() {
    return List.of("headers");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("headers", "markdown_headers");
  }

  @Override
  public List<String> fields() {
    return List.of(
        "expect", "headers", "sections", "level", "order", "ordered", "inOrder", "fromPrompt");
  }

  @Override
  public List<EvaluatorSpec.Headers> parse(EvaluatorEntry entry) {
    String name = entry.label();
    YNode node = entry.body();
    FieldReader read = entry.read();
    if (node instanceof YSeq || node instanceof YScalar) {
      List<String> expect = read.texts(node, "headers");
      return List.of(new EvaluatorSpec.Headers(name, expect, null, false, false, node.where()));
    }
    YMap m = read.map(node, "headers");
    if (m == null) {
      return List.of();
    }
    List<String> expect =
        m.first("expect", "headers", "sections")
            .map(e -> read.texts(e.value(), "expect"))
            .orElse(List.of());
    Integer level = m.get("level").map(v -> read.integer(v, "level")).orElse(null);
    boolean order =
        Boolean.TRUE.equals(
            m.first("order", "ordered", "inOrder")
                .map(e -> read.bool(e.value(), "order"))
                .orElse(false));
    boolean fromPrompt =
        Boolean.TRUE.equals(m.get("fromPrompt").map(v -> read.bool(v, "fromPrompt")).orElse(false));
    if (expect.isEmpty() && !fromPrompt) {
      entry
          .diagnostics()
          .error(
              m.where(),
              "bad-evaluator",
              "headers evaluator '"
                  + name
                  + "' expects no heading: give 'expect' or 'fromPrompt: true'");
      return List.of();
    }
    if (level != null && (level < 1 || level > 6)) {
      entry
          .diagnostics()
          .error(
              m.get("level").get().where(),
              "bad-value",
              "heading level must be 1 to 6, found " + level);
      return List.of();
    }
    return List.of(new EvaluatorSpec.Headers(name, expect, level, order, fromPrompt, m.where()));
  }

  @Override
  public Evaluator compile(EvaluatorSpec.Headers spec, PromptFile file) {
    return new HeadersEvaluator(spec, expectedHeadings(spec, file));
  }

  private static List<String> expectedHeadings(EvaluatorSpec.Headers h, PromptFile file) {
    List<String> expected = new ArrayList<>(h.expect());
    if (h.fromPrompt()) {
      List<String> prescribed =
          MarkdownHeadings.prescribed(Mojibake.repair(file.systemPrompt())).stream()
              .map(MarkdownHeadings.Heading::text)
              .toList();
      if (prescribed.isEmpty()) {
        throw new IllegalArgumentException(
            "fromPrompt: the system message prescribes no Markdown structure"
                + " (no headings after an 'output format' or 'following Markdown structure' line)");
      }
      expected.addAll(prescribed);
    }
    return expected;
  }
}
