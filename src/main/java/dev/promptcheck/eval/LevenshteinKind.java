package dev.promptcheck.eval;

import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.YNode;
import dev.promptcheck.suite.YNode.YMap;
import dev.promptcheck.template.Template;
import java.util.List;
import java.util.Optional;

/**
 * Edit distance to an expected text, as promptfoo's {@code levenshtein} assertion: {@code
 * levenshtein: {expected: "{{expected}}", maxDistance: 3}}, {@code levenshtein: "text"} (distance 0
 * after trimming), or {@code type: levenshtein, value: ..., threshold: 3}. Passes when the distance
 * between the trimmed output and the rendered expected text is at most the maximum; the score is
 * {@code 1 - distance / max(length)}.
 *
 * <p>The whole kind — spec, parser, evaluator — is this one class and one line in {@link
 * EvaluatorKinds}, which is what the registry is for.
 */
final class LevenshteinKind implements EvaluatorKind<LevenshteinKind.Spec> {

  /** Default maximum distance: promptfoo's default threshold for this assertion is 5. */
  static final int DEFAULT_MAX_DISTANCE = 5;

  private static final String[] EXPECTED_KEYS = {"expected", "value", "text"};
  private static final String[] MAX_KEYS = {"maxDistance", "max_distance", "threshold", "max"};

  record Spec(String name, String expected, int maxDistance, SourceRef where)
      implements EvaluatorSpec {
    Spec {
      if (expected == null || maxDistance < 0) {
        throw new IllegalArgumentException(
            "levenshtein needs an expected text and maxDistance ≥ 0");
      }
    }

    @Override
    public String kind() {
      return "levenshtein";
    }

    @Override
    public EvaluatorSpec withName(String newName) {
      return new Spec(newName, expected, maxDistance, where);
    }
  }

  @Override
  public String name() {
    return "levenshtein";
  }

  @Override
  public String description() {
    return "The output must be within maxDistance edits (Levenshtein distance) of the"
        + " expected text.";
  }

  @Override
  public Class<Spec> specType() {
    return Spec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("levenshtein", "editDistance");
  }

  @Override
  public List<String> typeAliases() {
    return List.of("levenshtein", "edit_distance", "edit-distance");
  }

  @Override
  public List<String> fields() {
    return List.of("expected", "value", "text", "maxDistance", "max_distance", "threshold", "max");
  }

  @Override
  public List<Spec> parse(EvaluatorEntry entry) {
    YNode body = entry.body();
    String expected;
    Integer max = DEFAULT_MAX_DISTANCE;
    if (body instanceof YMap m) {
      Optional<YMap.Entry> e = m.first(EXPECTED_KEYS);
      expected = e.map(x -> entry.read().text(x.value(), "levenshtein.expected")).orElse(null);
      Optional<YMap.Entry> limit = m.first(MAX_KEYS);
      if (limit.isPresent()) {
        max = entry.read().integer(limit.get().value(), "levenshtein.maxDistance");
      }
    } else {
      expected = entry.read().text(body, "levenshtein");
      max = 0;
    }
    if (expected == null) {
      entry
          .diagnostics()
          .error(
              body.where(),
              "bad-evaluator",
              "levenshtein needs the expected text (e.g. {expected: '{{expected}}', maxDistance:"
                  + " 3})");
      return List.of();
    }
    if (max == null || max < 0) {
      entry
          .diagnostics()
          .error(
              body.where(), "bad-evaluator", "levenshtein maxDistance must be a whole number ≥ 0");
      return List.of();
    }
    return List.of(new Spec(entry.label(), expected, max, body.where()));
  }

  @Override
  public Evaluator compile(Spec spec, PromptFile file) {
    Template expected = Template.parse(spec.expected());
    return new SpecEvaluator<>(spec) {
      @Override
      public Verdict evaluate(EvaluationInput input) {
        String want = expected.renderLenient(input::lookup).strip();
        int[] got = codePoints(input.output());
        int[] wanted = codePoints(want);
        int distance = distance(got, wanted, spec.maxDistance());
        int longest = Math.max(got.length, wanted.length);
        boolean within = distance <= spec.maxDistance();
        String shown = within ? String.valueOf(distance) : "more than " + spec.maxDistance();
        double score = longest == 0 ? 1 : Math.max(0, 1 - (double) distance / longest);
        String reason =
            "edit distance to "
                + Explain.quote(want, 60)
                + " is "
                + shown
                + " (at most "
                + spec.maxDistance()
                + " allowed)";
        return within
            ? new Verdict.Pass(name(), kind(), score, reason)
            : new Verdict.Fail(name(), kind(), score, reason);
      }
    };
  }

  /**
   * The Levenshtein distance over code points (an emoji is one edit, not two), computed in a band
   * of width {@code 2 * limit + 1}: the answer is exact up to {@code limit} and {@code limit + 1}
   * beyond it, so a long wrong output costs O(n · limit), not O(n²).
   */
  static int distance(String a, String b, int limit) {
    return distance(codePoints(a), codePoints(b), limit);
  }

  private static int distance(int[] s, int[] t, int limit) {
    if (Math.abs(s.length - t.length) > limit) {
      return limit + 1;
    }
    int over = limit + 1;
    int[] prev = new int[t.length + 1];
    int[] cur = new int[t.length + 1];
    for (int j = 0; j <= t.length; j++) {
      prev[j] = j <= limit ? j : over;
    }
    for (int i = 1; i <= s.length; i++) {
      int from = Math.max(1, i - limit);
      int to = Math.min(t.length, i + limit);
      cur[0] = i <= limit ? i : over;
      if (from > 1) {
        cur[from - 1] = over;
      }
      int rowMin = cur[0];
      for (int j = from; j <= to; j++) {
        int cost = s[i - 1] == t[j - 1] ? 0 : 1;
        int best = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        cur[j] = Math.min(best, over);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (to < t.length) {
        cur[to + 1] = over;
      }
      if (rowMin >= over) {
        return over;
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return Math.min(prev[t.length], over);
  }

  private static int[] codePoints(String text) {
    return text.codePoints().toArray();
  }
}
