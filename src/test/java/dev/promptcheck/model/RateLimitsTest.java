package dev.promptcheck.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate-limit headers as OpenAI, Azure and Anthropic write them. */
class RateLimitsTest {
  private static RateLimits read(Map<String, String> headers, Instant now) {
    return RateLimits.from(headers::get, now);
  }

  @Test
  void openAiDurationsInGoNotation() {
    assertThat(RateLimits.duration("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(RateLimits.duration("6m0s")).isEqualTo(Duration.ofMinutes(6));
    assertThat(RateLimits.duration("20ms")).isEqualTo(Duration.ofMillis(20));
    assertThat(RateLimits.duration("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
    assertThat(RateLimits.duration("0.250s")).isEqualTo(Duration.ofMillis(250));
    assertThat(RateLimits.duration("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(RateLimits.duration("soon")).isNull();
    assertThat(RateLimits.duration("5 parsecs")).isNull();
  }

  @Test
  void openAiHeaders() {
    RateLimits r =
        read(
            Map.of(
                "x-ratelimit-remaining-requests", "59",
                "x-ratelimit-reset-requests", "1s",
                "x-ratelimit-remaining-tokens", "149984",
                "x-ratelimit-reset-tokens", "6m0s"),
            Instant.now());
    assertThat(r)
        .isEqualTo(new RateLimits(59L, Duration.ofSeconds(1), 149984L, Duration.ofMinutes(6)));
  }

  @Test
  void anthropicHeadersNameTheResetAsATime() {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    RateLimits r =
        read(
            Map.of(
                "anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", "2026-12-07T12:00:02Z",
                "anthropic-ratelimit-tokens-remaining", "1200",
                "anthropic-ratelimit-tokens-reset", "2026-12-07T11:59:59Z"),
            now);
    assertThat(r).isEqualTo(new RateLimits(0L, Duration.ofSeconds(2), 1200L, Duration.ZERO));
  }

  @Test
  void noHeadersOrUnreadableOnesSayNothing() {
    assertThat(read(Map.of(), Instant.now())).isEqualTo(RateLimits.NONE);
    assertThat(read(Map.of("x-ratelimit-remaining-requests", "many"), Instant.now()).known())
        .isFalse();
  }
}
