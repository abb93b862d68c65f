package dev.promptcheck.suite;

import java.time.Duration;
import java.util.Optional;

/**
 * A pattern ready to search. Linear-time (RE2/J) when the pattern allows it; otherwise
 * java.util.regex under a time budget, so a pathological pattern ends with a verdict, not a hang.
 */
public sealed interface CompiledRegex permits RegexDialect.Linear, RegexDialect.Backtracking {

  /** The first match, as [start, end) in the searched text. */
  record Match(int start, int end) {}

  /**
   * @throws RegexTimeoutException when the backtracking engine runs past its time budget or out of
   *     stack; the message says which, completing "the pattern ..."
   */
  Optional<Match> find(CharSequence text, Duration budget);

  /**
   * "RE2/J (linear time)" or "java.util.regex (backtracking, time-limited)", for reasons and lint.
   */
  String engine();

  String source();

  final class RegexTimeoutException extends RuntimeException {
    public RegexTimeoutException(String message) {
      super(message, null, false, false);
    }
  }
}
