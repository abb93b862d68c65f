package dev.promptcheck.suite;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code github/*} evaluators of {@code gh models eval}, with judge prompts written for
 * promptcheck (deliberately not gh's texts). Each asks for a 1–5 rating on the last line; ratings
 * map to 0, .25, .5, .75, 1 as gh models maps them (cmd/eval/builtins.go:50-56).
 */
public final class BuiltinJudges {
  public static final List<EvaluatorSpec.Choice> RATING =
      List.of(
          new EvaluatorSpec.Choice("1", 0.0),
          new EvaluatorSpec.Choice("2", 0.25),
          new EvaluatorSpec.Choice("3", 0.5),
          new EvaluatorSpec.Choice("4", 0.75),
          new EvaluatorSpec.Choice("5", 1.0));

  /**
   * The judge of every {@code github/*} evaluator unless {@code --judge} names another: gh models
   * asks {@code openai/gpt-4o} on GitHub Models (github/gh-models cmd/eval/builtins.go:8), so a
   * file means the same check in both tools, and a missing GITHUB_TOKEN stops the run before any
   * call.
   */
  public static final String DEFAULT_MODEL = "openai/gpt-4o";

  private static final String SYSTEM =
      "You are a careful evaluator of AI assistant answers. Think briefly, then give your verdict."
          + " The last line of your reply must be exactly 'Rating: N' where N is a whole number from 1 to 5.";

  private static final Map<String, String> PROMPTS =
      Map.of(
          "similarity",
          "Compare the RESPONSE with the EXPECTED answer to the QUESTION. Rate how closely they agree in"
              + " meaning: 1 = unrelated or contradictory, 3 = partly the same facts, 5 = the same meaning.\n\n"
              + "QUESTION:\n{{input}}\n\nEXPECTED:\n{{expected}}\n\nRESPONSE:\n{{completion}}",
          "coherence",
          "Rate the coherence of the RESPONSE to the QUESTION: do its ideas follow logically and hang"
              + " together? 1 = disjointed, 3 = partly organised, 5 = clear and well structured.\n\n"
              + "QUESTION:\n{{input}}\n\nRESPONSE:\n{{completion}}",
          "fluency",
          "Rate the fluency of the RESPONSE: grammar, word choice and readability."
              + " 1 = hard to read, 3 = understandable with errors, 5 = fluent and natural.\n\n"
              + "RESPONSE:\n{{completion}}",
          "relevance",
          "Rate how relevant the RESPONSE is to the QUESTION: does it address what was asked?"
              + " 1 = off-topic, 3 = partly addresses it, 5 = fully and directly addresses it.\n\n"
              + "QUESTION:\n{{input}}\n\nRESPONSE:\n{{completion}}",
          "groundedness",
          "Rate how well the RESPONSE is grounded in the SOURCE: is every claim supported by it?"
              + " 1 = mostly unsupported, 3 = partly supported, 5 = fully supported.\n\n"
              + "SOURCE:\n{{expected}}\n\nQUESTION:\n{{input}}\n\nRESPONSE:\n{{completion}}");

  private BuiltinJudges() {}

  public static List<String> names() {
    return PROMPTS.keySet().stream().sorted().map(n -> "github/" + n).toList();
  }

  /** The judge spec for {@code github/NAME}, or empty when NAME is not one of the five. */
  public static Optional<EvaluatorSpec.Llm> lookup(String uses, String name, SourceRef where) {
    if (!uses.startsWith("github/")) {
      return Optional.empty();
    }
    String prompt = PROMPTS.get(uses.substring("github/".length()));
    if (prompt == null) {
      return Optional.empty();
    }
    return Optional.of(
        new EvaluatorSpec.Llm(name, DEFAULT_MODEL, prompt, SYSTEM, RATING, 0.5, uses, where));
  }

  /** A natural-language criterion ("Output must mention X") judged pass/fail. */
  public static EvaluatorSpec.Llm rule(String name, String criterion, SourceRef where) {
    String prompt =
        "Decide whether the RESPONSE satisfies the CRITERION.\n\nCRITERION:\n"
            + criterion
            + "\n\nRESPONSE:\n{{completion}}\n\nExplain briefly, then end with a last line that is exactly"
            + " 'Answer: PASS' or 'Answer: FAIL'.";
    return new EvaluatorSpec.Llm(name, null, prompt, null, PASS_FAIL, 0.5, "rule", where);
  }

  public static final List<EvaluatorSpec.Choice> PASS_FAIL =
      List.of(new EvaluatorSpec.Choice("PASS", 1.0), new EvaluatorSpec.Choice("FAIL", 0.0));
}
