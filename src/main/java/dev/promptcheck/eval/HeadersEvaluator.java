package dev.promptcheck.eval;

import dev.promptcheck.eval.MarkdownHeadings.Heading;
import dev.promptcheck.suite.EvaluatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the output's Markdown headings against expectations: each present (at a level, if asked),
 * in order if asked, comparing folded text so {@code ## ⏱️ Performance Analysis} and {@code ##
 * Performance Analysis} both satisfy "Performance Analysis".
 */
final class HeadersEvaluator extends SpecEvaluator<EvaluatorSpec.Headers> {
  private final List<String> expected;
  private final List<String> folded;

  HeadersEvaluator(EvaluatorSpec.Headers spec, List<String> expected) {
    super(spec);
    this.expected = List.copyOf(expected);
    this.folded = expected.stream().map(MarkdownHeadings::fold).toList();
  }

  @Override
  public Verdict evaluate(EvaluationInput input) {
    List<Heading> found = MarkdownHeadings.parse(input.output());
    List<String> foundFolded = found.stream().map(h -> MarkdownHeadings.fold(h.text())).toList();
    List<String> missing = new ArrayList<>();
    List<String> outOfOrder = new ArrayList<>();
    int lastIndex = -1;
    for (int i = 0; i < expected.size(); i++) {
      int at = find(found, foundFolded, folded.get(i), spec.order() ? lastIndex + 1 : 0);
      if (at < 0 && spec.order()) {
        int anywhere = find(found, foundFolded, folded.get(i), 0);
        if (anywhere >= 0) {
          outOfOrder.add("'" + expected.get(i) + "' (line " + found.get(anywhere).line() + ")");
          continue;
        }
      }
      if (at < 0) {
        missing.add(
            "'"
                + expected.get(i)
                + "'"
                + (spec.level() != null ? " at level " + spec.level() : ""));
      } else {
        lastIndex = at;
      }
    }
    int ok = expected.size() - missing.size() - outOfOrder.size();
    double score = expected.isEmpty() ? 1 : (double) ok / expected.size();
    String headings =
        found.isEmpty()
            ? "no headings"
            : found.stream().map(Heading::shown).collect(Collectors.joining(" | "));
    if (missing.isEmpty() && outOfOrder.isEmpty()) {
      return new Verdict.Pass(
          name(),
          kind(),
          1,
          "all "
              + expected.size()
              + " expected headings present"
              + (spec.order() ? " in order" : "")
              + "; found: "
              + headings);
    }
    List<String> parts = new ArrayList<>();
    if (!missing.isEmpty()) {
      parts.add("missing " + String.join(", ", missing));
    }
    if (!outOfOrder.isEmpty()) {
      parts.add("out of order " + String.join(", ", outOfOrder));
    }
    return new Verdict.Fail(
        name(), kind(), score, String.join("; ", parts) + "; found: " + headings);
  }

  private int find(List<Heading> found, List<String> foundFolded, String want, int from) {
    for (int j = from; j < found.size(); j++) {
      if ((spec.level() == null || found.get(j).level() == spec.level())
          && foundFolded.get(j).equals(want)) {
        return j;
      }
    }
    return -1;
  }
}
