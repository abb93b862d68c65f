package dev.promptcheck.model;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What one answer said about the model's remaining allowance: requests and tokens left in the
 * provider's current window, and how long until each resets. Any part is null when the answer did
 * not say it. OpenAI and Azure send {@code x-ratelimit-remaining-requests}, {@code
 * x-ratelimit-remaining-tokens}, {@code x-ratelimit-reset-requests} and {@code
 * x-ratelimit-reset-tokens} (the resets as Go-style durations: {@code 1s}, {@code 6m0s}, {@code
 * 20ms}); Anthropic sends {@code anthropic-ratelimit-requests-remaining}, {@code
 * anthropic-ratelimit-tokens-remaining} and their {@code -reset} as RFC 3339 times.
 */
public record RateLimits(
    Long remainingRequests, Duration resetRequests, Long remainingTokens, Duration resetTokens) {

  public static final RateLimits NONE = new RateLimits(null, null, null, null);

  public RateLimits {
    if (resetRequests != null && resetRequests.isNegative()) {
      resetRequests = Duration.ZERO;
    }
    if (resetTokens != null && resetTokens.isNegative()) {
      resetTokens = Duration.ZERO;
    }
  }

  /** Whether the answer said anything about the allowance. */
  public boolean known() {
    return remainingRequests != null || remainingTokens != null;
  }

  /**
   * Reads the headers of an answer received at {@code now} ({@code header} gives a header's value
   * by name, case-insensitively, or null); {@link #NONE} when it carries none.
   */
  public static RateLimits from(UnaryOperator<String> header, Instant now) {
    String openAiRequests = header.apply("x-ratelimit-remaining-requests");
    String openAiTokens = header.apply("x-ratelimit-remaining-tokens");
    if (openAiRequests != null || openAiTokens != null) {
      return of(
          count(openAiRequests),
          duration(header.apply("x-ratelimit-reset-requests")),
          count(openAiTokens),
          duration(header.apply("x-ratelimit-reset-tokens")));
    }
    String anthropicRequests = header.apply("anthropic-ratelimit-requests-remaining");
    String anthropicTokens = header.apply("anthropic-ratelimit-tokens-remaining");
    if (anthropicRequests != null || anthropicTokens != null) {
      return of(
          count(anthropicRequests),
          until(header.apply("anthropic-ratelimit-requests-reset"), now),
          count(anthropicTokens),
          until(header.apply("anthropic-ratelimit-tokens-reset"), now));
    }
    return NONE;
  }

  private static RateLimits of(Long requests, Duration requestsReset, Long tokens, Duration reset) {
    RateLimits r = new RateLimits(requests, requestsReset, tokens, reset);
    return r.known() ? r : NONE;
  }

  private static Long count(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long n = (long) Double.parseDouble(value.trim());
      return Math.max(0, n);
    } catch (NumberFormatException unreadable) {
      return null;
    }
  }

  /** An RFC 3339 time as the wait from {@code now} until it, never negative. */
  private static Duration until(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Duration d = Duration.between(now, OffsetDateTime.parse(value.trim()).toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException unreadable) {
      return duration(value);
    }
  }

  /**
   * A Go duration as OpenAI writes it ({@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s},
   * {@code 0.250s}); a bare number is seconds. Null when unreadable.
   */
  static Duration duration(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String s = value.trim().toLowerCase(Locale.ROOT);
    try {
      return Duration.ofNanos((long) (Double.parseDouble(s) * 1e9));
    } catch (NumberFormatException notBare) {
      // units follow
    }
    double nanos = 0;
    int i = 0;
    boolean any = false;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        return null;
      }
      double number;
      try {
        number = Double.parseDouble(s.substring(start, i));
      } catch (NumberFormatException unreadable) {
        return null;
      }
      int unitStart = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      double scale =
          switch (s.substring(unitStart, i)) {
            case "h" -> 3600e9;
            case "m" -> 60e9;
            case "s" -> 1e9;
            case "ms" -> 1e6;
            case "us", "µs" -> 1e3;
            case "ns" -> 1;
            default -> -1;
          };
      if (scale < 0) {
        return null;
      }
      nanos += number * scale;
      any = true;
    }
    return any ? Duration.ofNanos((long) nanos) : null;
  }
}
