package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.result.Comparison;
import java.nio.file.Files;
import java.nio.file.Path;
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
      Thread.sleep(400);
      assertThat(browser.eval("document.querySelectorAll('#rows tr').length").asInt()).isEqualTo(1);
      Path shot = Path.of("target", "report-screenshot.png");
      browser.screenshot(shot);
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
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
            .isEqualTo(Math.min(n / 4, 200));
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
