package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.result.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html in a real browser: untrusted output shown as text and never run; filters work. */
class HtmlReportBrowserTest {
  @TempDir Path dir;

  private static Path chromium() {
    Optional<Path> binary = HeadlessChromium.binary();
    if (binary.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError("CI must have Chromium: .ci/run installs Debian's chromium package");
    }
    Assumptions.assumeTrue(
        binary.isPresent(), "chromium is not installed (apt-get install chromium)");
    return binary.get();
  }

  @Test
  void hostileOutputIsShownAsTextAndNeverRuns() throws Exception {
    Path binary = chromium();
    Path report = new HtmlReport().write(SampleRuns.mixed(), Comparison.NONE, dir);
    try (HeadlessChromium browser =
        new HeadlessChromium(binary, Files.createDirectories(dir.resolve("profile")))) {
      browser.open(report, "document.body && document.body.hasAttribute('data-render-ms')");
      assertThat(
              browser
                  .eval("typeof window.__x === 'undefined' && typeof window.__y === 'undefined'")
                  .asBoolean())
          .isTrue();
      assertThat(browser.eval("document.querySelectorAll('img').length").asInt()).isZero();
      assertThat(browser.eval("document.querySelectorAll('#rows tr').length").asInt()).isEqualTo(3);
      assertThat(
              browser
                  .eval("document.querySelector('td.fail .checks li.fail').textContent")
                  .asText())
          .isEqualTo("sections: missing 'Summary'; found: ## Answer");
      browser.eval(
          "document.querySelectorAll('td details').forEach(d => { d.open = true; d.dispatchEvent(new Event('toggle')); })");
      assertThat(
              browser
                  .eval(
                      "document.body.innerText.includes('"
                          + SampleRuns.HOSTILE.replace("\"", "\\\"")
                          + "')")
                  .asBoolean())
          .isTrue();
      assertThat(
              browser
                  .eval("typeof window.__x === 'undefined' && typeof window.__y === 'undefined'")
                  .asBoolean())
          .isTrue();
      browser.eval("document.querySelector('[data-status=fail]').click()");
      assertThat(browser.eval("document.querySelectorAll('#rows tr').length").asInt()).isEqualTo(2);
      browser.eval(
          "document.querySelector('[data-status=all]').click(); var s = document.getElementById('search');"
              + " s.value = 'question c2'; s.dispatchEvent(new Event('input'))");
      assertThat(rowsOnceSettled(browser, 1)).isEqualTo(1);
      Path shot = Path.of("target", "report-screenshot.png");
      browser.screenshot(shot);
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
  }

  static final String A = "openai:gpt-4o";
  static final String B = "openai:gpt-4o-mini";
  static final String ESCAPING =
      "<script>alert(1)</script> then </script><script>window.__pwned=1</script><!-- <b>x</b>";

  /**
   * Ten cases, three repeats, two models. Now: A passes all but c3 (2/3, flaky); B fails c1 and
   * c5..c9 and is flaky on c3; c4's answer from B tries to break out of the page. The baseline: B
   * passed c1 (a regression now) and failed c2 (a fix now).
   */
  static RunResult twoModels(boolean baseline) {
    List<TrialResult> t = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      for (String m : List.of(A, B)) {
        for (int r = 0; r < 3; r++) {
          boolean pass;
          if (c == 3 && !baseline) {
            pass = r != 1;
          } else if (m.equals(A)) {
            pass = true;
          } else if (c == 1) {
            pass = baseline;
          } else if (c == 2) {
            pass = !baseline;
          } else {
            pass = c < 5;
          }
          String output =
              m.equals(B) && c == 4 ? ESCAPING : "## Answer\nanswer " + c + " from " + m;
          t.add(
              SampleRuns.asRepeat(
                  SampleRuns.trial(
                      "c" + c, m, pass ? Status.PASS : Status.FAIL, output, null, 100 + 37 * r + c),
                  r));
        }
      }
    }
    return Trials.withRunId(SampleRuns.of(t), baseline ? "baseline-run" : "test-run");
  }

  @Test
  void twoModelsWithRepeatsAndABaselineShowWhatToChooseOn() throws Exception {
    Path binary = chromium();
    RunResult run = twoModels(false);
    Comparison comparison = Comparison.of(twoModels(true), run);
    assertThat(comparison.regressions()).hasSize(1);
    assertThat(comparison.fixes()).hasSize(1);
    String sentence = HeadToHead.pairs(run, comparison.alpha()).get(0).sentence();
    assertThat(sentence)
        .startsWith(
            A + " beats " + B + ": better on 6 cases, worse on 0 (exact sign test p = 0.031)");
    assertThat(HtmlReport.render(run, comparison)).isEqualTo(HtmlReport.render(run, comparison));
    Path report = new HtmlReport().write(run, comparison, dir);
    try (HeadlessChromium browser =
        new HeadlessChromium(binary, Files.createDirectories(dir.resolve("profile")))) {
      browser.open(report, "document.body && document.body.hasAttribute('data-render-ms')");
      // the baseline's regressions and fixes come first
      assertThat(
              browser
                  .eval(
                      "!!(document.getElementById('baseline').compareDocumentPosition("
                          + "document.getElementById('models')) & Node.DOCUMENT_POSITION_FOLLOWING)")
                  .asBoolean())
          .isTrue();
      assertThat(browser.eval("document.querySelector('#baseline .counts').textContent").asText())
          .startsWith("1 regression · 1 fix");
      assertThat(browser.eval("document.querySelector('#regressions tbody').innerText").asText())
          .contains("case c1", B, "3/3", "0/3");
      assertThat(browser.eval("document.querySelector('#fixes tbody').innerText").asText())
          .contains("case c2", "0/3", "3/3");
      // cards: rate over cases with the case-level interval of Stats, cost per passing case
      assertThat(browser.eval("document.querySelectorAll('#models .card').length").asInt())
          .isEqualTo(2);
      String cards = browser.eval("document.querySelector('#models .cards').innerText").asText();
      assertThat(cards)
          .contains(
              "96.7%",
              "95% CI", "over 10 cases", "p50", "p95", "per passing case", "$0.00", "36.7%");
      // the chart: one bar and one whisker per model, labelled
      assertThat(browser.eval("document.querySelectorAll('#chart rect.rate-bar').length").asInt())
          .isEqualTo(2);
      assertThat(browser.eval("document.querySelectorAll('#chart path.whisker').length").asInt())
          .isEqualTo(2);
      assertThat(browser.eval("document.querySelector('#chart').textContent").asText())
          .contains(A, B, "96.7% [");
      // head to head: the same sentence the console and summary.md print
      assertThat(
              browser
                  .eval("document.querySelector('#head-to-head td.sentence').textContent")
                  .asText())
          .isEqualTo(sentence);
      assertThat(
              browser.eval("document.querySelector('#head-to-head tbody tr').innerText").asText())
          .contains("6\t0\t4", "exact sign test", "0.031");
      // per-evaluator pass rates by model
      assertThat(browser.eval("document.querySelector('#evaluators tbody').innerText").asText())
          .contains("has answer", "sections", "no apology");
      // the flaky list: c3 for both models, 2 of 3 repeats
      assertThat(browser.eval("document.querySelectorAll('#flaky tbody tr').length").asInt())
          .isEqualTo(2);
      assertThat(browser.eval("document.querySelector('#flaky tbody').innerText").asText())
          .contains("case c3", A, B, "2/3");
      // the grid: one row per case, repeats rolled up into k/n, regressions first
      assertThat(browser.eval("document.querySelectorAll('#rows tr').length").asInt())
          .isEqualTo(10);
      assertThat(
              browser
                  .eval("document.querySelector('#rows tr td.case .label').textContent")
                  .asText())
          .isEqualTo("case c1");
      assertThat(
              browser
                  .eval(
                      "Array.from(document.querySelectorAll('#rows .badge')).map(b => b.textContent).join(' ')")
                  .asText())
          .contains("3/3", "0/3", "2/3");
      assertThat(browser.eval("document.querySelectorAll('#rows td.flaky').length").asInt())
          .isEqualTo(2);
      assertThat(
              browser.eval("document.querySelectorAll('#rows td.regression .mark').length").asInt())
          .isEqualTo(1);
      assertThat(
              browser
                  .eval("document.querySelector('#rows td.fail .checks li.fail').textContent")
                  .asText())
          .isEqualTo("sections: missing 'Summary'; found: ## Answer");
      // the escaping output is text on the page, and nothing in it ran
      assertThat(
              browser
                  .eval("document.body.innerText.includes(" + jsString(ESCAPING) + ")")
                  .asBoolean())
          .isTrue();
      assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
      assertThat(browser.eval("document.querySelectorAll('script').length").asInt()).isEqualTo(2);
      assertThat(browser.eval("document.querySelectorAll('b').length").asInt()).isZero();
      browser.screenshotFullPage(Path.of("target", "report-two-models.png"));
      Files.copy(
          report, Path.of("target", "report-two-models.html"), StandardCopyOption.REPLACE_EXISTING);
      // filters: flaky, regression, and text
      browser.eval("document.querySelector('[data-status=flaky]').click()");
      assertThat(browser.eval("document.querySelectorAll('#rows tr').length").asInt()).isEqualTo(1);
      browser.eval("document.querySelector('[data-status=regression]').click()");
      assertThat(browser.eval("document.querySelectorAll('#rows tr').length").asInt()).isEqualTo(1);
      browser.eval(
          "document.querySelector('[data-status=all]').click(); var s = document.getElementById('search');"
              + " s.value = 'ALERT(1)'; s.dispatchEvent(new Event('input'))");
      assertThat(rowsOnceSettled(browser, 1)).isEqualTo(1);
      assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
    }
  }

  /**
   * The grid's row count once the search's debounced filter has run: polled until it equals {@code
   * expected} or 10 s pass (a fixed sleep lost the race on a busy machine), then returned as is.
   */
  private static int rowsOnceSettled(HeadlessChromium browser, int expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int rows;
    do {
      Thread.sleep(100);
      rows = browser.eval("document.querySelectorAll('#rows tr').length").asInt();
    } while (rows != expected && System.nanoTime() < deadline);
    return rows;
  }

  private static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Test
  void sizeAndRenderTimeFor20And10000Trials() throws Exception {
    Path binary = chromium();
    StringBuilder figures = new StringBuilder();
    try (HeadlessChromium browser =
        new HeadlessChromium(binary, Files.createDirectories(dir.resolve("profile")))) {
      for (int n : new int[] {20, 10_000}) {
        Path runDir = Files.createDirectories(dir.resolve("run" + n));
        long start = System.nanoTime();
        Path report = new HtmlReport().write(SampleRuns.large(n, 4), Comparison.NONE, runDir);
        long writeMs = (System.nanoTime() - start) / 1_000_000;
        browser.open(report, "document.body && document.body.hasAttribute('data-render-ms')");
        int renderMs = browser.eval("Number(document.body.getAttribute('data-render-ms'))").asInt();
        int loadMs =
            browser
                .eval(
                    "Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)")
                .asInt();
        assertThat(browser.eval("document.querySelectorAll('#rows tr').length").asInt())
            .isEqualTo(Math.min(n / 4, 100));
        figures.append(
            String.format(
                "%d trials: %.1f KB, written in %d ms, script rendered in %d ms, page ready %d ms after"
                    + " navigation%n",
                n, Files.size(report) / 1024.0, writeMs, renderMs, loadMs));
      }
    }
    Files.writeString(Path.of("target", "html-report-figures.txt"), figures);
    System.out.print(figures);
  }
}
