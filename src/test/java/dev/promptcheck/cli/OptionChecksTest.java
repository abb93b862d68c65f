package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options are typed and checked before anything runs; each message names the bad value. */
class OptionChecksTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--timeout|0s|--timeout: '0s' is not a timeout: it must be more than 0",
        "--timeout|-5s|--timeout: '-5s' is not a timeout: it must be more than 0",
        "--timeout|soon|--timeout: 'soon' is not a duration",
        "--concurrency|0|--concurrency: '0' must be at least 1",
        "--repeat|-1|--repeat: '-1' must be at least 1",
        "--retries|-2|--retries: '-2' must not be negative",
        "--min-pass-rate|80|--min-pass-rate: '80' is not a rate between 0 and 1: did you mean 0.8 or 80%?",
        "--min-pass-rate|1.5|--min-pass-rate: '1.5' is not a rate between 0 and 1: did you mean 0.015 or 1.5%?",
        "--min-pass-rate|150%|--min-pass-rate: '150%' is not a rate between 0 and 1",
        "--run-id|../x|--run-id: '../x' is not a run id: it names one folder under --out",
        "--run-id|nightly/2026|--run-id: 'nightly/2026' is not a run id",
        "--run-id|..|--run-id: '..' is not a run id",
      })
  void badValuesAreUsageErrorsNamingTheOptionAndTheValue(
      String option, String value, String message) {
    Cli.Result r = Cli.run("run", "no-such-folder", option, value);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("promptcheck: " + message).doesNotContain("no such file");
  }

  @Test
  void recordAndReplayTogetherAreRefusedBeforeAnythingRuns() {
    Cli.Result r = Cli.run("run", "no-such-folder", "--record", "rec", "--replay", "rec");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("promptcheck: --record rec and --replay rec cannot be used together")
        .doesNotContain("no such file");
  }

  @Test
  void ratesAndDurationsInTheirUsualSpellings() {
    OptionTypes.Rate rate = new OptionTypes.Rate();
    assertThat(rate.convert("0.8")).isEqualTo(0.8);
    assertThat(rate.convert("80%")).isEqualTo(0.8);
    assertThat(rate.convert("100 %")).isEqualTo(1.0);
    assertThat(rate.convert("0")).isEqualTo(0.0);
    OptionTypes.PositiveDuration d = new OptionTypes.PositiveDuration();
    assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(d.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(d.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(d.convert("30")).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> d.convert("0ms")).hasMessageContaining("'0ms'");
  }
}
