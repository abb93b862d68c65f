package dev.promptcheck.suite;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles patterns the way prompt authors write them: Python's {@code re} and JavaScript dialect.
 * A <code>&#123;</code> that opens no valid quantifier is a literal, <code>&#123;,n&#125;</code>
 * means <code>&#123;0,n&#125;</code>, {@code (?P<name>...)} and {@code (?P=name)} are named groups,
 * {@code \Z} is the end of the text, and the flags are {@code i m s x}.
 */
public final class RegexDialect {

  private RegexDialect() {}

  /**
   * @throws IllegalArgumentException with a message a person can act on when neither engine accepts
   */
  public static CompiledRegex compile(String pattern, String flags) {
    String allFlags = flagLetters(flags);
    String body = pattern;
    Matcher lead = Pattern.compile("^\\(\\?([imsx]+)\\)").matcher(body);
    if (lead.find() && lead.group(1).contains("x")) {
      allFlags += lead.group(1);
      body = body.substring(lead.end());
    }
    if (allFlags.contains("x")) {
      body = stripVerbose(body);
    }
    String re2 = translate(body, false);
    int re2Flags = 0;
    if (allFlags.contains("i")) {
      re2Flags |= com.google.re2j.Pattern.CASE_INSENSITIVE;
    }
    if (allFlags.contains("m")) {
      re2Flags |= com.google.re2j.Pattern.MULTILINE;
    }
    if (allFlags.contains("s")) {
      re2Flags |= com.google.re2j.Pattern.DOTALL;
    }
    try {
      return new Linear(com.google.re2j.Pattern.compile(re2, re2Flags), pattern);
    } catch (com.google.re2j.PatternSyntaxException linearRejected) {
      int javaFlags = 0;
      if (allFlags.contains("i")) {
        javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
      }
      if (allFlags.contains("m")) {
        javaFlags |= Pattern.MULTILINE;
      }
      if (allFlags.contains("s")) {
        javaFlags |= Pattern.DOTALL;
      }
      try {
        return new Backtracking(Pattern.compile(translate(body, true), javaFlags), pattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regex: "
                + e.getDescription()
                + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
      }
    }
  }

  private static final Map<String, String> FLAG_WORDS =
      Map.of(
          "ignorecase",
          "i",
          "ignore_case",
          "i",
          "case_insensitive",
          "i",
          "multiline",
          "m",
          "dotall",
          "s",
          "singleline",
          "s",
          "verbose",
          "x",
          "extended",
          "x",
          "unicode",
          "u",
          "global",
          "g");

  /** Flags as letters ("im"), words ("DOTALL", "re.IGNORECASE") or lists of either. */
  static String flagLetters(String flags) {
    if (flags == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String token : flags.toLowerCase(Locale.ROOT).split("[\\s,|+]+")) {
      String t = token.startsWith("re.") ? token.substring(3) : token;
      if (t.isEmpty()) {
        continue;
      }
      if (FLAG_WORDS.containsKey(t)) {
        out.append(FLAG_WORDS.get(t));
      } else if (t.chars().allMatch(c -> "imsxgu".indexOf(c) >= 0)) {
        out.append(t);
      } else {
        throw new IllegalArgumentException(
            "unknown regex flag '" + token + "' (flags are i, m, s, x)");
      }
    }
    return out.toString();
  }

  /**
   * Rewrites Python/JavaScript-only syntax into what RE2/J ({@code forJava=false}) or Java accepts.
   */
  static String translate(String p, boolean forJava) {
    StringBuilder out = new StringBuilder(p.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        char n = p.charAt(i + 1);
        if (n == 'Z') {
          out.append("\\z");
        } else {
          out.append(c).append(n);
        }
        i++;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        } else if (c == '[' && forJava) {
          out.append(
              '\\'); // Python and JS read '[' inside a class as a literal; Java nests classes
        }
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        if (i + 1 < p.length() && p.charAt(i + 1) == '^') {
          out.append('^');
          i++;
        }
        if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
          out.append("\\]"); // a ']' first in a class is a literal
          i++;
        }
        continue;
      }
      if (c == '{') {
        int close = p.indexOf('}', i);
        String inner = close < 0 ? null : p.substring(i + 1, close);
        if (inner != null && inner.matches("\\d+(,\\d*)?|,\\d+") && i > 0) {
          out.append('{').append(inner.startsWith(",") ? "0" + inner : inner).append('}');
          i = close;
        } else {
          out.append("\\{");
        }
        continue;
      }
      if (c == '}') {
        out.append("\\}");
        continue;
      }
      if (c == '(' && p.startsWith("(?P<", i)) {
        out.append(forJava ? "(?<" : "(?P<");
        i += 3;
        continue;
      }
      if (c == '(' && p.startsWith("(?P=", i) && forJava) {
        int close = p.indexOf(')', i);
        if (close > 0) {
          out.append("\\k<").append(p, i + 4, close).append('>');
          i = close;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Verbose mode: unescaped white space and {@code #} comments outside classes are not part of it.
   */
  private static String stripVerbose(String p) {
    StringBuilder out = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        out.append(c).append(p.charAt(++i));
      } else if (inClass) {
        inClass = c != ']';
        out.append(c);
      } else if (c == '[') {
        inClass = true;
        out.append(c);
      } else if (c == '#') {
        while (i < p.length() && p.charAt(i) != '\n') {
          i++;
        }
      } else if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  record Linear(com.google.re2j.Pattern pattern, String source) implements CompiledRegex {
    @Override
    public Optional<Match> find(CharSequence text, Duration budget) {
      com.google.re2j.Matcher m = pattern.matcher(text);
      return m.find() ? Optional.of(new Match(m.start(), m.end())) : Optional.empty();
    }

    @Override
    public String engine() {
      return "RE2/J (linear time)";
    }
  }

  /**
   * java.util.regex recurses once per repetition of a group, so a pattern like {@code (a|b)*} on a
   * long output can overflow an ordinary thread's stack. Searches run on threads with a deep stack
   * ({@link #SEARCH_STACK_BYTES}) under the time budget; a search that still runs out of stack ends
   * as a budget exception, never a {@link StackOverflowError} in the caller.
   */
  record Backtracking(Pattern pattern, String source) implements CompiledRegex {
    @Override
    public Optional<Match> find(CharSequence text, Duration budget) {
      Future<Optional<Match>> search =
          DEEP_STACK.submit(
              () -> {
                Matcher m =
                    pattern.matcher(
                        new DeadlineCharSequence(text, System.nanoTime() + budget.toNanos()));
                try {
                  return m.find() ? Optional.of(new Match(m.start(), m.end())) : Optional.empty();
                } catch (StackOverflowError e) {
                  throw new CompiledRegex.RegexTimeoutException(
                      "ran out of stack on this output ("
                          + text.length()
                          + " characters): the pattern recurses once per repeated group");
                }
              });
      try {
        return search.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new CompiledRegex.RegexTimeoutException("failed: " + e.getCause());
      } catch (InterruptedException e) {
        search.cancel(true);
        Thread.currentThread().interrupt();
        throw new CompiledRegex.RegexTimeoutException("was interrupted");
      }
    }

    @Override
    public String engine() {
      return "java.util.regex (backtracking, time-limited)";
    }
  }

  /** Stack for backtracking searches: room for a group repeated some hundred thousand times. */
  static final long SEARCH_STACK_BYTES = 64L << 20;

  private static final ExecutorService DEEP_STACK =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(null, r, "promptcheck-regex", SEARCH_STACK_BYTES);
            t.setDaemon(true);
            return t;
          });

  /**
   * Lets a backtracking search notice its deadline: the matcher reads every character through here.
   */
  private static final class DeadlineCharSequence implements CharSequence {
    private final CharSequence text;
    private final long deadline;
    private int reads;

    DeadlineCharSequence(CharSequence text, long deadline) {
      this.text = text;
      this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFF) == 0 && System.nanoTime() > deadline) {
        throw new CompiledRegex.RegexTimeoutException("ran past its time budget on this output");
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new DeadlineCharSequence(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
