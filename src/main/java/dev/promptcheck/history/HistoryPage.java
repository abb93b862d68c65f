package dev.promptcheck.history;

import dev.promptcheck.report.HtmlReport;
import dev.promptcheck.result.Stats;
import dev.promptcheck.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * {@code history.html}: one self-contained page (no script, no server, opens from an artifact). Per
 * suite × model: the pass rate over runs with its 95% band, cost, tokens and latency, markers where
 * the prompt's content or the reported model version changed, and a heat map of the cases that
 * changed, each flip a link to the output kept for it. The charts are drawn here as SVG, so the
 * page is as fast to open for 365 nights as for 3.
 */
final class HistoryPage {
  static final String FILE = "history.html";

  /** The heat map's columns: the most recent runs. */
  static final int WINDOW = 60;

  /** The heat map's rows per suite, most-changed first. */
  static final int MAX_CASES = 200;

  /**
   * Heat-map cells above which sections are laid out only when scrolled to: a year of 12 suites
   * (~100,000 cells) painted its first screen in 3.1 s with all laid out, 0.5-0.9 s without. A
   * small page is laid out whole, so that a full-page screenshot shows every section.
   */
  static final int DEFER_CELLS = 20_000;

  private static final int W = 640;
  private static final int H = 140;
  private static final int PAD = 28;

  private HistoryPage() {}

  static Path write(
      History h,
      List<Series> series,
      List<Trends> trends,
      List<Drift> drifts,
      HistoryIndex index,
      Path dir)
      throws IOException, SQLException {
    StringBuilder out = new StringBuilder(1 << 16);
    out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>promptcheck history</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>promptcheck history</h1>\n<p class=\"meta\">")
        .append(h.runs().size())
        .append(h.runs().size() == 1 ? " run" : " runs");
    if (!h.runs().isEmpty()) {
      out.append(", ")
          .append(esc(h.runs().get(0).startedAt().toString()))
          .append(" to ")
          .append(esc(h.runs().get(h.runs().size() - 1).startedAt().toString()));
    }
    out.append(". Rates are over cases (repeats rolled up), bands are 95% intervals.</p>\n");
    out.append("<section id=\"drifts\"><h2>Drifts</h2>\n");
    if (drifts.isEmpty()) {
      out.append("<p>No significant change in any suite × model.</p>\n");
    } else {
      out.append("<ul>\n");
      for (Drift d : drifts) {
        out.append("<li class=\"")
            .append(d.direction())
            .append("\">")
            .append(esc(d.describe()))
            .append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("</section>\n");
    int outputs = 0;
    // a big page is drawn as it is scrolled to (the class defer): its first screen opens at once
    long cells = 0;
    for (int i = 0; i < series.size(); i++) {
      cells +=
          (long) Math.min(MAX_CASES, trends.get(i).cases().size())
              * Math.min(WINDOW, series.get(i).points().size());
    }
    String defer = cells > DEFER_CELLS ? " defer" : "";
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      out.append("<section class=\"suite")
          .append(defer)
          .append("\"><h2>")
          .append(esc(s.key()))
          .append("</h2>\n");
      Series.Point lastPoint = s.points().get(s.points().size() - 1);
      out.append("<p class=\"meta\">latest: ")
          .append(pct(lastPoint.passRate()))
          .append(" [")
          .append(pct(lastPoint.low()))
          .append(", ")
          .append(pct(lastPoint.high()))
          .append("] of ")
          .append(lastPoint.cases())
          .append(" cases")
          .append(
              lastPoint.modelVersion() == null ? "" : "; model " + esc(lastPoint.modelVersion()))
          .append("</p>\n");
      out.append(chart(h, s, "pass rate", p -> p.passRate(), true, "%"));
      out.append("<div class=\"small\">")
          .append(chart(h, s, "cost", p -> p.cost() == null ? 0 : p.cost(), false, "$"))
          .append(chart(h, s, "tokens", p -> p.inputTokens() + p.outputTokens(), false, ""))
          .append(chart(h, s, "p50 latency ms", p -> p.p50LatencyMs(), false, ""))
          .append(chart(h, s, "p95 latency ms", p -> p.p95LatencyMs(), false, ""))
          .append("</div>\n");
      List<Trends.CaseTrend> cases = trends.get(i).cases();
      if (cases.isEmpty()) {
        out.append("<p>No case changed in the last ").append(WINDOW).append(" runs.</p>\n");
      } else {
        int from = Math.max(0, s.points().size() - WINDOW);
        out.append("<table class=\"heat\"><caption>cases that changed (")
            .append(cases.size())
            .append("; ▲ flip, F flaky, ! failing lately)</caption><tr><th>case</th>");
        for (int p = from; p < s.points().size(); p++) {
          out.append("<th title=\"")
              .append(esc(h.runs().get(s.points().get(p).run()).runId()))
              .append("\">")
              .append(p + 1)
              .append("</th>");
        }
        out.append("</tr>\n");
        for (Trends.CaseTrend c : cases.subList(0, Math.min(MAX_CASES, cases.size()))) {
          out.append("<tr class=\"case\"><th>")
              .append(esc(c.label()))
              .append(c.flaky() ? " F" : "")
              .append(c.failing() ? " !" : "")
              .append("</th>");
          for (int p = from; p < s.points().size(); p++) {
            Series.Verdict v = s.verdict(p, c.index());
            String cls = v == Series.Verdict.PASS ? "p" : v == Series.Verdict.FAIL ? "f" : "a";
            boolean flip = c.flips().contains(p);
            out.append("<td class=\"").append(cls).append(flip ? " flip" : "").append("\">");
            if (flip) {
              String runKey = h.runs().get(s.points().get(p).run()).key();
              String output = index.output(runKey, s.file(), s.model(), c.caseId());
              outputs++;
              String id = "out-" + outputs;
              out.append("<a href=\"#").append(id).append("\" title=\"flipped\">▲</a>");
              kept.append("<div class=\"output\" id=\"")
                  .append(id)
                  .append("\"><h3>")
                  .append(esc(s.key() + " · " + c.label()))
                  .append(" · run ")
                  .append(esc(h.runs().get(s.points().get(p).run()).runId()))
                  .append(" · ")
                  .append(v == Series.Verdict.PASS ? "now passes" : "now fails")
                  .append("</h3><pre>")
                  .append(
                      esc(output == null ? "(passed; the output is in the run folder)" : output))
                  .append("</pre></div>\n");
            }
            out.append("</td>");
          }
          out.append("</tr>\n");
        }
        out.append("</table>\n");
        if (cases.size() > MAX_CASES) {
          out.append("<p class=\"meta\">")
              .append(cases.size() - MAX_CASES)
              .append(" more changed cases in history.json.</p>\n");
        }
      }
      out.append("</section>\n");
    }
    if (kept.length() > 0) {
      out.append("<section id=\"outputs\" class=\"")
          .append(defer.strip())
          .append("\"><h2>Outputs where a case flipped</h2>\n")
          .append(kept)
          .append("</section>\n");
    }
    out.append("</body></html>\n");
    return AtomicFiles.write(dir.resolve(FILE), out.toString());
  }

  /** A line chart of {@code value} over the series' runs, with the interval band for rates. */
  private static String chart(
      History h,
      Series s,
      String title,
      ToDoubleFunction<Series.Point> value,
      boolean rate,
      String unit) {
    List<Series.Point> points = s.points();
    int n = points.size();
    double max = rate ? 1 : 0;
    for (Series.Point p : points) {
      max = Math.max(max, value.applyAsDouble(p));
    }
    max = max == 0 ? 1 : max;
    int w = rate ? W : W / 2 - 8;
    int ht = rate ? H : H * 2 / 3;
    StringBuilder svg = new StringBuilder();
    svg.append("<figure><figcaption>")
        .append(esc(title))
        .append("</figcaption><svg viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(ht)
        .append("\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(ht)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc(title + " over " + n + " runs"))
        .append("\">");
    svg.append("<line class=\"axis\" x1=\"")
        .append(PAD)
        .append("\" y1=\"")
        .append(ht - PAD / 2)
        .append("\" x2=\"")
        .append(w - 4)
        .append("\" y2=\"")
        .append(ht - PAD / 2)
        .append("\"/>");
    svg.append("<text x=\"2\" y=\"12\">")
        .append(rate ? "100%" : esc(unit + fmt(max)))
        .append("</text><text x=\"2\" y=\"")
        .append(ht - PAD / 2)
        .append("\">0</text>");
    // markers: an edit of the prompt, a new model version
    for (int i = 1; i < n; i++) {
      boolean edit = !Objects.equals(points.get(i).contentHash(), points.get(i - 1).contentHash());
      boolean model =
          points.get(i).modelVersion() != null
              && !points.get(i).modelVersion().equals(points.get(i - 1).modelVersion());
      if (edit || model) {
        double x = x(i, n, w);
        svg.append("<line class=\"")
            .append(edit ? "edit" : "model")
            .append("\" x1=\"")
            .append(fmt(x))
            .append("\" y1=\"4\" x2=\"")
            .append(fmt(x))
            .append("\" y2=\"")
            .append(ht - PAD / 2)
            .append("\"><title>")
            .append(
                esc(
                    (edit ? "prompt edited" : "")
                        + (edit && model ? "; " : "")
                        + (model ? "model version " + points.get(i).modelVersion() : "")
                        + " in run "
                        + h.runs().get(points.get(i).run()).runId()))
            .append("</title></line>");
        if (rate) {
          svg.append("<text class=\"marker\" x=\"")
              .append(fmt(x + 2))
              .append("\" y=\"12\">")
              .append(edit ? "edit" : "model")
              .append("</text>");
        }
      }
    }
    if (rate) {
      StringBuilder band = new StringBuilder();
      for (int i = 0; i < n; i++) {
        band.append(fmt(x(i, n, w)))
            .append(',')
            .append(fmt(y(points.get(i).high(), 1, ht)))
            .append(' ');
      }
      for (int i = n - 1; i >= 0; i--) {
        band.append(fmt(x(i, n, w)))
            .append(',')
            .append(fmt(y(points.get(i).low(), 1, ht)))
            .append(' ');
      }
      svg.append("<polygon class=\"band\" points=\"").append(band.toString().trim()).append("\"/>");
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < n; i++) {
      line.append(fmt(x(i, n, w)))
          .append(',')
          .append(fmt(y(value.applyAsDouble(points.get(i)), max, ht)))
          .append(' ');
    }
    svg.append("<polyline class=\"line\" points=\"").append(line.toString().trim()).append("\"/>");
    if (n <= WINDOW) {
      for (int i = 0; i < n; i++) {
        Series.Point p = points.get(i);
        double v = value.applyAsDouble(p);
        svg.append("<circle cx=\"")
            .append(fmt(x(i, n, w)))
            .append("\" cy=\"")
            .append(fmt(y(v, max, ht)))
            .append("\" r=\"2.5\"><title>")
            .append(esc(h.runs().get(p.run()).runId()))
            .append(": ")
            .append(
                rate
                    ? pct(v) + " [" + pct(p.low()) + ", " + pct(p.high()) + "]"
                    : esc(unit + fmt(v)))
            .append("</title></circle>");
      }
    }
    return svg.append("</svg></figure>").toString();
  }

  private static double x(int i, int n, int w) {
    return n == 1 ? (PAD + w) / 2.0 : PAD + (w - PAD - 8) * (double) i / (n - 1);
  }

  private static double y(double v, double max, int ht) {
    return 4 + (ht - PAD / 2.0 - 4) * (1 - v / max);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e12
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String pct(double rate) {
    return Stats.percent(rate);
  }

  private static String esc(String s) {
    return HtmlReport.escape(s);
  }

  private static final String STYLE =
      "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
          + "h2{font-size:1.1em;margin-top:1.6em}.meta{color:#666}"
          + "figure{margin:.4em 0;display:inline-block}figcaption{font-size:.85em;color:#555}"
          + "svg text{font-size:10px;fill:#666}.axis{stroke:#bbb}.line{fill:none;stroke:#2563eb;"
          + "stroke-width:1.5}.band{fill:#2563eb22;stroke:none}circle{fill:#2563eb}"
          + ".edit{stroke:#b45309;stroke-dasharray:3 2}.model{stroke:#7c3aed;stroke-dasharray:1 2}"
          + "text.marker{fill:#b45309}.small figure{margin-right:12px}"
          + "li.drop{color:#b91c1c}li.rise{color:#15803d}"
          + "table.heat{border-collapse:collapse;font-size:11px;margin-top:.6em}"
          + "table.heat th{font-weight:normal;text-align:left;padding:1px 4px;white-space:nowrap}"
          + "table.heat td{width:12px;height:14px;text-align:center;border:1px solid #fff}"
          + "td.p{background:#86efac}td.f{background:#fca5a5}td.a{background:#eee}"
          + "td.flip a{color:#111;text-decoration:none}"
          + ".output{border:1px solid #ddd;margin:.5em 0;padding:.3em .6em}"
          + ".output:target{border-color:#2563eb;background:#eff6ff}"
          + "pre{white-space:pre-wrap;margin:.3em 0}"
          // DEFER_CELLS: sections laid out and painted only when on screen
          + ".defer{content-visibility:auto;contain-intrinsic-size:auto 1200px}";
}
