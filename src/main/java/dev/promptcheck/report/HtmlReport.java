package dev.promptcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.Flakiness;
import dev.promptcheck.result.HeadToHead;
import dev.promptcheck.result.PassRate;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code report.html}: one self-contained page for choosing between models (inline CSS and script,
 * no network, works from {@code file://}).
 *
 * <p>What a reader decides on is written as HTML, so it shows before any script runs: the
 * baseline's regressions and fixes first, then per model a card (pass rate over cases with the
 * case-level 95% interval of {@link Stats}, latency, tokens, cost, cost per passing case) and a bar
 * chart of the rates with their intervals in inline SVG, the head-to-head of every pair ({@link
 * HeadToHead}, as the console and summary.md show it), each evaluator's pass rate by model and the
 * flaky cases.
 *
 * <p>The case × model grid can hold 100,000 trials, so its rows travel as data ({@link PackedData})
 * and the script draws them a page at a time. Model output and prompt text are untrusted: in the
 * HTML parts they are escaped, in the grid they reach the page only through {@code textContent},
 * and the Content-Security-Policy allows exactly the one script promptcheck wrote (by its hash), so
 * nothing in the data can ever run. The page is written as a stream, and the same run gives the
 * same bytes.
 */
public final class HtmlReport implements ReportWriter {
  public static final String FILE = "report.html";
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String CSS = resource("report.css");
  private static final String SCRIPT = resource("report.js");
  private static final String SCRIPT_HASH = sha256(SCRIPT);

  /** Longest list written as HTML (regressions, fixes, flaky cases); the grid has every case. */
  static final int LISTED = 200;

  @Override
  public String format() {
    return "html";
  }

  @Override
  public Path write(RunSummary summary, Comparison comparison, Path dir) throws IOException {
    return AtomicFiles.write(
        dir.resolve(FILE), summary.secrets(), out -> render(summary, comparison, out));
  }

  static String render(RunResult run) {
    return render(run, Comparison.NONE);
  }

  static String render(RunResult run, Comparison comparison) {
    StringWriter page = new StringWriter();
    try {
      render(run, comparison, page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return page.toString();
  }

  static void render(RunResult run, Comparison comparison, Writer out) throws IOException {
    render(RunSummary.of(run), comparison, out);
  }

  static void render(RunSummary summary, Comparison comparison, Writer out) throws IOException {
    RunResult run = summary.run();
    Stats all = summary.all();
    List<String> models = models(run);
    Map<String, List<TrialResult>> byModel = new LinkedHashMap<>();
    models.forEach(m -> byModel.put(m, new ArrayList<>()));
    run.trials().forEach(t -> byModel.get(t.model()).add(t));
    String title =
        "promptcheck " + run.runId() + ": " + summary.caseCount().headline(all.passRate());
    StringBuilder html = new StringBuilder(16 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                + " 'unsafe-inline'; ")
        .append("img-src data:; script-src 'sha256-")
        .append(SCRIPT_HASH)
        .append("'; base-uri 'none'; form-action 'none'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n")
        .append("<header><h1>")
        .append(escape(title))
        .append("</h1>\n<div class=\"meta\">")
        .append(
            escape(
                all.total()
                    + " trials: "
                    + all.passed()
                    + " passed · "
                    + all.failed()
                    + " failed · "
                    + all.errors()
                    + " errors · "
                    + all.skipped()
                    + " skipped · started "
                    + run.startedAt()
                    + " · promptcheck "
                    + run.toolVersion()
                    + (run.incomplete() != null ? " · INCOMPLETE: " + run.incomplete() : "")))
        .append("</div>\n")
        .append(limits(run))
        .append(contents(run, comparison, models))
        .append("</header>\n");
    refused(run, html);
    notRun(run, html);
    baseline(comparison, html);
    out.append(html);
    html.setLength(0);
    modelsSection(models, byModel, summary.modelStats(), html);
    headToHead(summary.pairs(comparison), comparison, html);
    evaluators(run, models, html);
    flaky(summary.flaky(), html);
    grid(models, comparison, html);
    out.append(html);
    out.append("<script type=\"application/octet-stream\" id=\"run-data\" data-encoding=\"")
        .append("gzip base64\">");
    try (PackedData data = new PackedData(out, summary.secrets())) {
      GridData.write(run, models, comparison, data);
    }
    out.append("</script>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
  }

  /**
   * How often providers refused calls with 429 and how long the run waited on limits, as the
   * console's line says it; nothing when no model met a limit.
   */
  private static String limits(RunResult run) {
    String text = ConsoleReport.limits(run.limits());
    return text.isEmpty() ? "" : "<div class=\"meta\" id=\"limits\">" + escape(text) + "</div>\n";
  }

  /** The run's models in its own order, then any that only its trials name. */
  static List<String> models(RunResult run) {
    Set<String> out = new LinkedHashSet<>(run.models());
    run.trials().forEach(t -> out.add(t.model()));
    return new ArrayList<>(out);
  }

  private static String contents(RunResult run, Comparison comparison, List<String> models) {
    StringBuilder sb = new StringBuilder("<nav class=\"toc\">");
    if (!run.refused().isEmpty()) {
      sb.append("<a href=\"#refused\">refused files</a>");
    }
    if (!run.notRun().isEmpty()) {
      sb.append("<a href=\"#not-run\">files not run</a>");
    }
    if (comparison.present()) {
      sb.append("<a href=\"#baseline\">against baseline</a>");
    }
    sb.append("<a href=\"#models\">models</a>");
    if (models.size() > 1) {
      sb.append("<a href=\"#head-to-head\">head to head</a>");
    }
    sb.append("<a href=\"#evaluators\">evaluators</a>")
        .append("<a href=\"#flaky\">flaky cases</a>")
        .append("<a href=\"#cases\">cases</a></nav>\n");
    return sb.toString();
  }

  /** Files that did not run: one row each, with the error that refused them. */
  private static void refused(RunResult run, StringBuilder sb) {
    if (run.refused().isEmpty()) {
      return;
    }
    sb.append(
        "<section id=\"refused\"><h2>Refused files (not run)</h2><table><thead><tr>"
            + "<th>file</th><th>status</th><th>why</th></tr></thead><tbody>\n");
    for (RunResult.RefusedFile r : run.refused()) {
      sb.append("<tr class=\"error\"><td>")
          .append(escape(r.file()))
          .append("</td><td>error</td><td>")
          .append(escape(String.join("\n", r.errors())))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></section>\n");
  }

  /** Valid files that ran nothing (variables nobody passed): one row each, with what to pass. */
  private static void notRun(RunResult run, StringBuilder sb) {
    if (run.notRun().isEmpty()) {
      return;
    }
    sb.append(
        "<section id=\"not-run\"><h2>Files not run</h2><table><thead><tr>"
            + "<th>file</th><th>status</th><th>why</th></tr></thead><tbody>\n");
    for (RunResult.NotRunFile n : run.notRun()) {
      sb.append("<tr class=\"skipped\"><td>")
          .append(escape(n.file()))
          .append("</td><td>not run</td><td>")
          .append(escape(n.reason()))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></section>\n");
  }

  /** Against the baseline: the regressions and fixes first, as summary.md puts them. */
  private static void baseline(Comparison c, StringBuilder sb) {
    if (!c.present()) {
      return;
    }
    sb.append("<section id=\"baseline\"><h2>Against baseline ")
        .append(escape(c.baselineRunId()))
        .append("</h2>\n<p class=\"counts\"><span class=\"n-regressions\">")
        .append(plural(c.regressions().size(), "regression", "regressions"))
        .append("</span> · <span class=\"n-fixes\">")
        .append(plural(c.fixes().size(), "fix", "fixes"))
        .append("</span> · ")
        .append(c.flaky().size())
        .append(" flaky · ")
        .append(c.added().size())
        .append(" new · ")
        .append(c.removed().size())
        .append(" removed</p>\n");
    changes("regressions", "Regressions", c.regressions(), sb);
    changes("fixes", "Fixes", c.fixes(), sb);
    sb.append("<ul class=\"pairs\">\n");
    for (Comparison.ModelPair p : c.models()) {
      sb.append("<li><strong>")
          .append(escape(p.name()))
          .append("</strong>: ")
          .append(escape(ComparisonConsole.rate(p.beforeRate())))
          .append(" → ")
          .append(escape(ComparisonConsole.rate(p.afterRate())));
      if (p.headToHead() != null) {
        sb.append(" — <span class=\"sentence\">")
            .append(escape(p.headToHead().sentence()))
            .append("</span>");
      }
      sb.append("</li>\n");
    }
    sb.append("</ul>\n");
    if (!c.flaky().isEmpty()) {
      sb.append("<details><summary>");
      sb.append(c.flaky().size())
          .append(" flaky on either side (not counted as regressions or fixes)</summary>\n");
      changes("baseline-flaky", null, c.flaky(), sb);
      sb.append("</details>\n");
    }
    sb.append("</section>\n");
  }

  private static void changes(
      String id, String title, List<Comparison.Change> changes, StringBuilder sb) {
    if (changes.isEmpty()) {
      return;
    }
    if (title != null) {
      sb.append("<h3>").append(title).append("</h3>\n");
    }
    sb.append("<table id=\"")
        .append(id)
        .append("\" class=\"changes\"><thead><tr><th>case</th><th>model</th><th>baseline</th>")
        .append("<th>now</th><th>why</th></tr></thead><tbody>\n");
    for (int i = 0; i < Math.min(LISTED, changes.size()); i++) {
      Comparison.Change ch = changes.get(i);
      sb.append("<tr><td>")
          .append(escape(ch.caseLabel()))
          .append("<div class=\"file\">")
          .append(escape(ch.file()))
          .append("</div></td><td>")
          .append(escape(ch.model()))
          .append("</td><td>")
          .append(ch.before() == null ? "new" : escape(ch.before().describe()))
          .append("</td><td>")
          .append(ch.after() == null ? "removed" : escape(ch.after().describe()))
          .append("</td><td class=\"why\">")
          .append(escape(ch.reason()))
          .append("</td></tr>\n");
    }
    if (changes.size() > LISTED) {
      sb.append("<tr><td colspan=\"5\">… and ")
          .append(changes.size() - LISTED)
          .append(" more (filter the case grid below)</td></tr>\n");
    }
    sb.append("</tbody></table>\n");
  }

  /** Per model a card and a bar in the chart: the rate over cases with its 95% interval. */
  private static void modelsSection(
      List<String> models,
      Map<String, List<TrialResult>> byModel,
      Map<String, Stats> modelStats,
      StringBuilder sb) {
    List<Stats> stats = new ArrayList<>();
    models.forEach(
        m -> {
          Stats s = modelStats.get(m);
          stats.add(s != null ? s : Stats.of(byModel.get(m)));
        });
    sb.append("<section id=\"models\"><h2>Models</h2>\n");
    chart(models, stats, sb);
    sb.append("<div class=\"cards\">\n");
    for (int i = 0; i < models.size(); i++) {
      card(models.get(i), stats.get(i), byModel.get(models.get(i)), sb);
    }
    sb.append("</div></section>\n");
  }

  private static void card(String model, Stats s, List<TrialResult> trials, StringBuilder sb) {
    sb.append("<div class=\"card\"><h3>")
        .append(escape(model))
        .append("</h3>\n<div class=\"rate\">")
        .append(Stats.percent(s.passRate()))
        .append("</div>\n<div class=\"bar\"><span style=\"width:")
        .append(String.format(Locale.ROOT, "%.1f", s.passRate() * 100))
        .append("%\"></span></div>\n<div class=\"ci\">95% CI ")
        .append(Stats.percent(s.low()))
        .append(" – ")
        .append(Stats.percent(s.high()))
        .append(" over ")
        .append(plural(s.cases(), "case", "cases"))
        .append("</div>\n")
        .append(
            s.ruleOfThree() == null
                ? ""
                : "<div class=\"rule-of-three\">" + escape(s.ruleOfThree()) + "</div>\n")
        .append("<dl class=\"facts\">")
        .append("<dt>trials</dt><dd>")
        .append(s.passed())
        .append(" passed · ")
        .append(s.failed())
        .append(" failed · ")
        .append(s.errors())
        .append(" errors · ")
        .append(s.skipped())
        .append(" skipped</dd>")
        .append("<dt>latency</dt><dd>p50 ")
        .append(s.p50LatencyMs())
        .append(" ms · p95 ")
        .append(s.p95LatencyMs())
        .append(" ms</dd>")
        .append("<dt>tokens</dt><dd>")
        .append(s.inputTokens())
        .append(" in / ")
        .append(s.outputTokens())
        .append(" out</dd>")
        .append("<dt>cost</dt><dd>")
        .append(s.cost() == null ? "unknown" : money(s.cost()))
        .append("</dd>")
        .append("<dt>per passing case</dt><dd class=\"per-pass\">")
        .append(costPerPassingCase(s))
        .append("</dd></dl>\n");
    long cache = trials.stream().filter(t -> t.source() == Source.CACHE).count();
    long replay = trials.stream().filter(t -> t.source() == Source.REPLAY).count();
    long live = trials.stream().filter(t -> t.source() == Source.LIVE).count();
    if (cache > 0 || replay > 0) {
      List<String> parts = new ArrayList<>();
      if (cache > 0) {
        parts.add(cache + " from cache");
      }
      if (replay > 0) {
        parts.add(replay + " replayed from recordings");
      }
      parts.add(live + " live");
      sb.append("<div class=\"facts answers\">answers: ")
          .append(String.join(" · ", parts))
          .append("</div>\n");
    }
    sb.append("</div>\n");
  }

  /**
   * The cost divided by the passing cases: with repeats, the sum of the per-case pass fractions
   * (the rate times the cases), so it is what one passing answer costs on average.
   */
  static String costPerPassingCase(Stats s) {
    double passing = s.passRate() * s.cases();
    if (s.cost() == null) {
      return "unknown";
    }
    if (passing <= 0) {
      return "no case passed";
    }
    return money(s.cost() / passing);
  }

  static String money(double usd) {
    return "$"
        + String.format(Locale.ROOT, usd != 0 && Math.abs(usd) < 0.01 ? "%.6f" : "%.4f", usd);
  }

  /** Horizontal bars, one per model, the 95% interval as a whisker; drawn without script. */
  private static void chart(List<String> models, List<Stats> stats, StringBuilder sb) {
    int label = 220;
    int width = 520;
    int row = 30;
    int top = 8;
    int height = top + row * models.size() + 24;
    int total = label + width + 150;
    sb.append("<svg id=\"chart\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
        .append(total)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(total)
        .append("\" height=\"")
        .append(height)
        .append("\" aria-label=\"Pass rate over cases per model, with 95% intervals\">\n")
        .append("<title>Pass rate over cases per model, with 95% intervals</title>\n");
    for (int p = 0; p <= 100; p += 25) {
      double x = label + width * p / 100.0;
      sb.append("<line class=\"grid\" x1=\"")
          .append(num(x))
          .append("\" x2=\"")
          .append(num(x))
          .append("\" y1=\"")
          .append(top - 4)
          .append("\" y2=\"")
          .append(height - 20)
          .append("\"/><text class=\"axis\" x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(height - 6)
          .append("\" text-anchor=\"middle\">")
          .append(p)
          .append("%</text>\n");
    }
    for (int i = 0; i < models.size(); i++) {
      Stats s = stats.get(i);
      double y = top + row * i;
      double mid = y + row / 2.0 - 2;
      String name = models.get(i);
      String shown = Texts.truncate(name, 30, "…");
      sb.append("<g class=\"model\"><title>")
          .append(
              escape(
                  name
                      + ": "
                      + Stats.percent(s.passRate())
                      + " (95% CI "
                      + Stats.percent(s.low())
                      + " – "
                      + Stats.percent(s.high())
                      + ") over "
                      + plural(s.cases(), "case", "cases")))
          .append("</title>")
          .append("<text class=\"label\" x=\"")
          .append(label - 8)
          .append("\" y=\"")
          .append(num(mid + 4))
          .append("\" text-anchor=\"end\">")
          .append(escape(shown))
          .append("</text><rect class=\"rate-bar\" x=\"")
          .append(label)
          .append("\" y=\"")
          .append(num(y + 5))
          .append("\" height=\"")
          .append(row - 14)
          .append("\" width=\"")
          .append(num(width * s.passRate()))
          .append("\"/>");
      double lo = label + width * s.low();
      double hi = label + width * s.high();
      sb.append("<path class=\"whisker\" d=\"M")
          .append(num(lo))
          .append(' ')
          .append(num(mid))
          .append("H")
          .append(num(hi))
          .append("M")
          .append(num(lo))
          .append(' ')
          .append(num(mid - 6))
          .append("V")
          .append(num(mid + 6))
          .append("M")
          .append(num(hi))
          .append(' ')
          .append(num(mid - 6))
          .append("V")
          .append(num(mid + 6))
          .append("\"/><text class=\"value\" x=\"")
          .append(label + width + 8)
          .append("\" y=\"")
          .append(num(mid + 4))
          .append("\">")
          .append(Stats.percent(s.passRate()))
          .append(" [")
          .append(Stats.percent(s.low()))
          .append("–")
          .append(Stats.percent(s.high()))
          .append("]</text></g>\n");
    }
    sb.append("</svg>\n");
  }

  /** Every pair of models on the cases both ran, as the console and summary.md show it. */
  private static void headToHead(List<HeadToHead> pairs, Comparison comparison, StringBuilder sb) {
    if (pairs.isEmpty()) {
      return;
    }
    sb.append("<section id=\"head-to-head\"><h2>Head to head</h2>\n<p class=\"note\">")
        .append("Paired on the same cases (repeats rolled up per case), alpha ")
        .append(ComparisonConsole.alpha(comparison.alpha()))
        .append(".</p>\n<table class=\"h2h\"><thead><tr><th>A</th><th>B</th><th>cases</th>")
        .append("<th>A better</th><th>B better</th><th>ties</th><th>B − A, points (95% CI)</th>")
        .append("<th>test</th><th>p</th><th>p adjusted</th>")
        .append("<th class=\"verdict\">verdict</th></tr></thead><tbody>\n");
    for (HeadToHead h : pairs) {
      sb.append("<tr class=\"")
          .append(h.significant() ? "significant" : "undecided")
          .append("\"><td>")
          .append(escape(h.a()))
          .append("</td><td>")
          .append(escape(h.b()))
          .append("</td><td>")
          .append(h.cases())
          .append("</td><td>")
          .append(h.aBetter())
          .append("</td><td>")
          .append(h.bBetter())
          .append("</td><td>")
          .append(h.ties())
          .append("</td><td class=\"difference\">")
          .append(escape(ComparisonConsole.points(h.difference())))
          .append("</td><td>")
          .append(escape(h.test()))
          .append("</td><td>")
          .append(escape(HeadToHead.pNumber(h.pValue())))
          .append("</td><td class=\"p-adjusted\">")
          .append(escape(ComparisonConsole.pAdjusted(h)))
          .append("</td><td class=\"sentence\">")
          .append(escape(h.sentence()))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></section>\n");
  }

  /** Each evaluator's pass rate by model, over cases with the same interval as the cards. */
  private static void evaluators(RunResult run, List<String> models, StringBuilder sb) {
    EvaluatorRates rates = EvaluatorRates.of(run.trials());
    if (rates.evaluators().isEmpty()) {
      return;
    }
    sb.append("<section id=\"evaluators\"><h2>Pass rate by evaluator</h2>\n")
        .append("<p class=\"note\">Each check over cases (repeats rolled up), 95% interval in")
        .append(" brackets; skipped checks do not count.</p>\n")
        .append("<table class=\"evaluators\"><thead><tr><th>evaluator</th>");
    models.forEach(m -> sb.append("<th>").append(escape(m)).append("</th>"));
    sb.append("</tr></thead><tbody>\n");
    for (String e : rates.evaluators()) {
      sb.append("<tr><td>").append(escape(e)).append("</td>");
      for (String m : models) {
        PassRate r = rates.rate(e, m);
        if (r == null || r.cases() == 0) {
          sb.append("<td class=\"none\">–</td>");
        } else {
          sb.append("<td class=\"")
              .append(r.rate() >= 1 ? "pass" : r.rate() <= 0 ? "fail" : "some")
              .append("\">")
              .append(Stats.percent(r.rate()))
              .append(" <span class=\"ci\">[")
              .append(Stats.percent(r.low()))
              .append("–")
              .append(Stats.percent(r.high()))
              .append("] ")
              .append(plural(r.cases(), "case", "cases"))
              .append("</span></td>");
        }
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table></section>\n");
  }

  /** The case × model pairs that passed in some repeats and not in others. */
  private static void flaky(List<Flakiness> flaky, StringBuilder sb) {
    sb.append("<section id=\"flaky\"><h2>Flaky cases</h2>\n");
    if (flaky.isEmpty()) {
      sb.append("<p class=\"note\">None: every case × model gave the same verdict in each of its")
          .append(" repeats (or ran once).</p></section>\n");
      return;
    }
    sb.append("<p class=\"note\">")
        .append(plural(flaky.size(), "case × model", "case × model pairs"))
        .append(" passed in some repeats and not in others.</p>\n<table class=\"flaky\">")
        .append("<thead><tr><th>case</th><th>model</th><th>passed</th></tr></thead><tbody>\n");
    for (int i = 0; i < Math.min(LISTED, flaky.size()); i++) {
      Flakiness f = flaky.get(i);
      sb.append("<tr><td>")
          .append(escape(f.caseLabel()))
          .append("<div class=\"file\">")
          .append(escape(f.file()))
          .append("</div></td><td>")
          .append(escape(f.model()))
          .append("</td><td class=\"rollup\">")
          .append(f.passed())
          .append('/')
          .append(f.runs())
          .append(" repeats</td></tr>\n");
    }
    if (flaky.size() > LISTED) {
      sb.append("<tr><td colspan=\"3\">… and ")
          .append(flaky.size() - LISTED)
          .append(" more (the flaky filter of the case grid shows them all)</td></tr>\n");
    }
    sb.append("</tbody></table></section>\n");
  }

  /** The grid's frame; its rows come from the data. */
  private static void grid(List<String> models, Comparison comparison, StringBuilder sb) {
    sb.append("<section id=\"cases\"><h2>Cases</h2>\n")
        .append("<nav class=\"filters\"><button class=\"on\" data-status=\"all\">all</button>");
    List<String> statuses = new ArrayList<>(List.of("fail", "error", "flaky", "pass", "skipped"));
    if (comparison.present()) {
      statuses.add(0, "regression");
      statuses.add(1, "fix");
    }
    statuses.forEach(
        s ->
            sb.append("<button data-status=\"")
                .append(s)
                .append("\">")
                .append(s)
                .append("</button>"));
    sb.append(
            "<input id=\"search\" type=\"search\" placeholder=\"filter by text: file, case,"
                + " variables, output, reason\">")
        .append("<span id=\"count\"></span></nav>\n")
        .append("<table class=\"grid\"><thead><tr id=\"head\"><th class=\"case\">case</th>");
    models.forEach(m -> sb.append("<th>").append(escape(m)).append("</th>"));
    sb.append("</tr></thead><tbody id=\"rows\"></tbody></table>\n")
        .append("<nav class=\"pages\"><button id=\"prev\" hidden>previous</button>")
        .append("<span id=\"page\"></span><button id=\"next\" hidden>next</button></nav>\n")
        .append("<footer id=\"rendered\"></footer></section>\n");
  }

  /** The grid's rows as JSON: one per case, one cell per model, the repeats inside. */
  static final class GridData {
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    private int intern(String s) {
      if (s == null) {
        return -1;
      }
      Integer i = index.get(s);
      if (i == null) {
        i = strings.size();
        strings.add(s);
        index.put(s, i);
      }
      return i;
    }

    static void write(RunResult run, List<String> models, Comparison comparison, Writer out)
        throws IOException {
      new GridData().writeTo(run, models, comparison, out);
    }

    private void writeTo(RunResult run, List<String> models, Comparison comparison, Writer out)
        throws IOException {
      Map<String, Integer> modelIndex = new HashMap<>();
      models.forEach(m -> modelIndex.put(m, modelIndex.size()));
      Map<String, List<TrialResult>[]> rows = new LinkedHashMap<>();
      for (TrialResult t : run.trials()) {
        @SuppressWarnings("unchecked")
        List<TrialResult>[] cells =
            rows.computeIfAbsent(t.caseId(), k -> (List<TrialResult>[]) new List<?>[models.size()]);
        int m = modelIndex.get(t.model());
        if (cells[m] == null) {
          cells[m] = new ArrayList<>(1);
        }
        cells[m].add(t);
      }
      Map<String, String> marks = new HashMap<>();
      comparison.fixes().forEach(c -> marks.put(c.caseId() + "\u0000" + c.model(), "fix"));
      comparison
          .regressions()
          .forEach(c -> marks.put(c.caseId() + "\u0000" + c.model(), "regression"));
      List<List<TrialResult>[]> ordered = new ArrayList<>(rows.size());
      List<List<TrialResult>[]> rest = new ArrayList<>(rows.size());
      for (Map.Entry<String, List<TrialResult>[]> e : rows.entrySet()) {
        boolean regressed = false;
        for (String m : models) {
          regressed |= "regression".equals(marks.get(e.getKey() + "\u0000" + m));
        }
        (regressed ? ordered : rest).add(e.getValue());
      }
      ordered.addAll(rest); // regressions first
      JsonGenerator g = ResultCodec.JSON.getFactory().createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeArrayFieldStart("models");
      for (String m : models) {
        g.writeString(m);
      }
      g.writeEndArray();
      g.writeNumberField("trials", run.trials().size());
      g.writeArrayFieldStart("rows");
      for (List<TrialResult>[] cells : ordered) {
        TrialResult first = null;
        for (List<TrialResult> c : cells) {
          if (first == null && c != null) {
            first = c.get(0);
          }
        }
        g.writeStartObject();
        g.writeNumberField("f", intern(first.file()));
        g.writeNumberField("l", intern(first.caseLabel()));
        g.writeNumberField("v", intern(vars(first.vars())));
        g.writeArrayFieldStart("c");
        for (List<TrialResult> c : cells) {
          if (c == null) {
            g.writeNull();
          } else {
            cell(c, marks.get(first.caseId() + "\u0000" + c.get(0).model()), g);
          }
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("strings");
      for (String s : strings) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
    }

    /** One case × model: its repeats rolled up ("3/5"), then each repeat. */
    private void cell(List<TrialResult> repeats, String mark, JsonGenerator g) throws IOException {
      int passed = 0;
      int decided = 0;
      int errors = 0;
      for (TrialResult t : repeats) {
        passed += t.status() == Status.PASS ? 1 : 0;
        decided += t.status() != Status.SKIPPED ? 1 : 0;
        errors += t.status() == Status.ERROR ? 1 : 0;
      }
      String status =
          decided == 0
              ? "skipped"
              : passed == decided
                  ? "pass"
                  : passed > 0 ? "flaky" : errors == decided ? "error" : "fail";
      g.writeStartObject();
      g.writeNumberField("p", passed);
      g.writeNumberField("n", decided);
      g.writeStringField("s", status);
      if (mark != null) {
        g.writeStringField("b", mark);
      }
      g.writeArrayFieldStart("t");
      for (TrialResult t : repeats) {
        g.writeStartObject();
        g.writeNumberField("r", t.repeat());
        g.writeStringField("s", t.status().id());
        g.writeNumberField("o", intern(t.output()));
        if (!t.toolCalls().isEmpty()) {
          g.writeNumberField(
              "c", intern(t.toolCallsShown())); // only when called: pages stay as they were
        }
        g.writeNumberField("e", intern(t.error()));
        g.writeNumberField("ms", t.latencyMs());
        if (t.replayed()) {
          g.writeStringField("a", t.source().id()); // from the cache or a recording, not live
        }
        g.writeArrayFieldStart("k");
        for (Verdict v : t.verdicts()) {
          g.writeStartArray();
          g.writeNumber(intern(v.name()));
          g.writeString(v.status().id());
          g.writeNumber(intern(v.reason()));
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("m");
        for (RenderedMessage m : t.messages()) {
          g.writeStartArray();
          g.writeString(m.role().id());
          g.writeNumber(intern(m.content()));
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static String vars(Map<String, String> vars) {
    StringBuilder sb = new StringBuilder();
    vars.forEach(
        (k, v) -> {
          String one = SPACES.matcher(v).replaceAll(" ");
          sb.append(k).append(": ").append(Texts.truncate(one, 120, "...")).append("\n");
        });
    return sb.toString().strip();
  }

  private static String plural(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String num(double x) {
    String s = String.format(Locale.ROOT, "%.1f", x);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** {@code s} safe in HTML text and attribute values; null is empty. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
