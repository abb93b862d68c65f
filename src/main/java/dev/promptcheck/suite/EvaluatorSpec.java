package dev.promptcheck.suite;

import java.util.List;

/**
 * What a file asks to check, after normalising its many spellings. The family is open: each
 * evaluator kind ({@code eval.EvaluatorKind}, listed in {@code eval.EvaluatorKinds}) reads entries
 * into its own spec type and compiles exactly that type. The specs of the built-in kinds are the
 * records here, because this package itself makes or inspects them (rules and {@code uses:
 * github/*} judges become {@link Llm}, unknown kinds {@link Unsupported}, the validator checks
 * {@link Regex} patterns); a new kind may declare its spec record in its own class.
 */
public interface EvaluatorSpec {

  String name();

  SourceRef where();

  /** The kind's name as users write it, for counts and messages. */
  String kind();

  /** The same check under another name (a reusable definition named where it is used). */
  EvaluatorSpec withName(String name);

  /**
   * The texts of a kind's own spec that are rendered with the case's values ({@code {{var}}}), for
   * the validator to check every case gives them; the built-in records here are read by type.
   */
  default List<String> templates() {
    return List.of();
  }

  /** A regular expression searched anywhere in the output (Python/JavaScript dialect). */
  record Regex(String name, String pattern, String flags, boolean negate, SourceRef where)
      implements EvaluatorSpec {
    @Override
    public Regex withName(String n) {
      return new Regex(n, pattern, flags, negate, where);
    }

    @Override
    public String kind() {
      return "regex";
    }
  }

  enum StringOp {
    CONTAINS("contains"),
    NOT_CONTAINS("notContains"),
    EQUALS("equals"),
    STARTS_WITH("startsWith"),
    ENDS_WITH("endsWith");

    public final String id;

    StringOp(String id) {
      this.id = id;
    }
  }

  /** One string comparison; the operand may hold {@code {{var}}} slots filled from the case. */
  record StringCheck(StringOp op, String operand) {}

  record Text(String name, List<StringCheck> checks, SourceRef where) implements EvaluatorSpec {
    @Override
    public Text withName(String n) {
      return new Text(n, checks, where);
    }

    @Override
    public String kind() {
      return "string";
    }
  }

  /**
   * Markdown heading expectations; {@code fromPrompt} takes them from the system message's
   * template.
   */
  record Headers(
      String name,
      List<String> expect,
      Integer level,
      boolean order,
      boolean fromPrompt,
      SourceRef where)
      implements EvaluatorSpec {
    @Override
    public Headers withName(String n) {
      return new Headers(n, expect, level, order, fromPrompt, where);
    }

    @Override
    public String kind() {
      return "headers";
    }
  }

  /** The output must be JSON, and valid against {@code schema} when one is given. */
  record Json(String name, Object schema, SourceRef where) implements EvaluatorSpec {
    @Override
    public Json withName(String n) {
      return new Json(n, schema, where);
    }

    @Override
    public String kind() {
      return "json";
    }
  }

  record Choice(String choice, double score) {}

  /**
   * A judge model reads the output and answers with one of {@code choices}. {@code modelId} may be
   * null: the run's {@code --judge} model is used then.
   */
  record Llm(
      String name,
      String modelId,
      String prompt,
      String systemPrompt,
      List<Choice> choices,
      double threshold,
      String origin,
      SourceRef where)
      implements EvaluatorSpec {
    @Override
    public Llm withName(String n) {
      return new Llm(n, modelId, prompt, systemPrompt, choices, threshold, origin, where);
    }

    @Override
    public String kind() {
      return origin;
    }
  }

  enum LimitKind {
    LATENCY_MS("latency"),
    COST("cost"),
    OUTPUT_TOKENS("tokens");

    public final String id;

    LimitKind(String id) {
      this.id = id;
    }
  }

  record Limit(String name, LimitKind limit, double max, SourceRef where) implements EvaluatorSpec {
    @Override
    public Limit withName(String n) {
      return new Limit(n, limit, max, where);
    }

    @Override
    public String kind() {
      return limit.id;
    }
  }

  /**
   * A check promptcheck cannot run here (python expressions, unknown kinds): always skipped, with
   * why.
   */
  record Unsupported(String name, String kind, String reason, SourceRef where)
      implements EvaluatorSpec {
    @Override
    public Unsupported withName(String n) {
      return new Unsupported(n, kind, reason, where);
    }
  }

  /**
   * A {@code uses:} that names no evaluator: it fails every trial with score 0 and the reason, and
   * the run goes on, as in gh models (github/gh-models cmd/eval/eval.go:565-579).
   */
  record NotFound(String name, String uses, String reason, SourceRef where)
      implements EvaluatorSpec {
    @Override
    public String kind() {
      return "uses";
    }

    @Override
    public NotFound withName(String n) {
      return new NotFound(n, uses, reason, where);
    }
  }
}
