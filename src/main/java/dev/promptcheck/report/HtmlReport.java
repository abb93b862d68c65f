package dev.promptcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.support.AtomicFiles;
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
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and script, no network, works from
 * {@code file://}). Model output and prompt text are untrusted: they travel as JSON data and reach
 * the page only through {@code textContent}, and the Content-Security-Policy allows exactly the one
 * script promptcheck wrote (by its hash), so nothing in the data can ever run.
 */
public final class HtmlReport implements ReportWriter {
  public static final String FILE = "report.html";
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
  private static final String CSS = resource("report.css");
  private static final String SCRIPT = resource("report.js");
  private static final String SCRIPT_HASH = sha256(SCRIPT);

  @Override
  public String format() {
    return "html";
  }

  @Override
  public Path write(RunResult run, Comparison comparison, Path dir) throws IOException {
    return AtomicFiles.write(dir.resolve(FILE), out -> render(run, out));
  }

  static String render(RunResult run) {
    StringWriter page = new StringWriter();
    try {
      render(run, page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return page.toString();
  }

  static void render(RunResult run, Writer out) throws IOException {
    Stats all = Stats.of(run.trials());
    String title =
        "promptcheck " + run.runId() + ": " + all.passed() + "/" + all.total() + " passed";
    StringBuilder html = new StringBuilder(64 * 1024);
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
        .append(" (")
        .append(Stats.percent(all.passRate()))
        .append(")</h1>\n")
        .append("<div class=\"meta\">")
        .append(
            escape(
                all.failed()
                    + " failed · "
                    + all.errors()
                    + " errors · "
                    + all.skipped()
                    + " skipped · started "
                    + run.startedAt()
                    + " · promptcheck "
                    + run.toolVersion()
                    + (run.incomplete() != null ? " · INCOMPLETE: " + run.incomplete() : "")))
        .append("</div></header>\n")
        .append(refused(run))
        .append("<section id=\"cards\" class=\"cards\"></section>\n")
        .append("<nav class=\"filters\"><button class=\"on\" data-status=\"all\">all</button>")
        .append(
            "<button data-status=\"fail\">fail</button><button"
                + " data-status=\"error\">error</button>")
        .append(
            "<button data-status=\"pass\">pass</button><button"
                + " data-status=\"skipped\">skipped</button>")
        .append(
            "<input id=\"search\" type=\"search\" placeholder=\"filter by text: file, case,"
                + " variables, output\">")
        .append("<span id=\"count\"></span></nav>\n")
        .append("<table><thead><tr id=\"head\"></tr></thead><tbody id=\"rows\"></tbody></table>\n")
        .append(
            "<button id=\"more\" class=\"more\" hidden></button>\n"
                + "<footer id=\"rendered\"></footer>\n")
        .append("<script type=\"application/json\" id=\"run-data\">");
    out.append(html);
    data(run, new ScriptData(out));
    out.append("</script>\n")
        .append("<script>")
        .append(SCRIPT)
        .append("</script>\n</body>\n</html>\n");
  }

  /** Files that did not run: one row each, with the error that refused them. */
  private static String refused(RunResult run) {
    if (run.refused().isEmpty()) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder(
            "<section id=\"refused\"><h2>Refused files (not run)</h2><table><thead><tr>"
                + "<th>file</th><th>status</th><th>why</th></tr></thead><tbody>\n");
    for (RunResult.RefusedFile r : run.refused()) {
      sb.append("<tr class=\"error\"><td>")
          .append(escape(r.file()))
          .append("</td><td>error</td><td>")
          .append(escape(String.join("\n", r.errors())))
          .append("</td></tr>\n");
    }
    return sb.append("</tbody></table></section>\n").toString();
  }

  /**
   * The run as compact JSON, streamed; repeated texts (system prompts, reasons) are stored once, in
   * {@code strings} after the trials.
   */
  private static void data(RunResult run, Writer out) throws IOException {
    ObjectNode root = ResultCodec.JSON.createObjectNode();
    List<String> strings = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    java.util.function.Function<String, Integer> intern =
        s ->
            s == null
                ? -1
                : index.computeIfAbsent(
                    s,
                    k -> {
                      strings.add(k);
                      return strings.size() - 1;
                    });
    List<String> models = new ArrayList<>(run.models());
    run.trials()
        .forEach(
            t -> {
              if (!models.contains(t.model())) {
                models.add(t.model());
              }
            });
    ArrayNode modelNodes = root.putArray("models");
    for (String m : models) {
      Stats s = Stats.of(run.trials().stream().filter(t -> t.model().equals(m)).toList());
      ObjectNode n = modelNodes.addObject();
      n.put("id", m)
          .put("passRate", s.passRate())
          .put("low", s.low())
          .put("high", s.high())
          .put("passed", s.passed())
          .put("decided", s.passed() + s.failed() + s.errors())
          .put("failed", s.failed())
          .put("errors", s.errors())
          .put("skipped", s.skipped())
          .put("p50", s.p50LatencyMs())
          .put("p95", s.p95LatencyMs())
          .put("inputTokens", s.inputTokens())
          .put("outputTokens", s.outputTokens())
          .put("fromCache", count(run, m, Source.CACHE))
          .put("replayed", count(run, m, Source.REPLAY));
      if (s.cost() == null) {
        n.putNull("cost");
      } else {
        n.put("cost", s.cost());
      }
    }
    // no flush after each value: one trial's flush is a write(2) per trial
    ObjectWriter json =
        ResultCodec.JSON.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    JsonGenerator g = json.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartObject();
    g.writeFieldName("models");
    json.writeValue(g, modelNodes);
    g.writeArrayFieldStart("trials");
    for (TrialResult t : run.trials()) {
      ObjectNode n = ResultCodec.JSON.createObjectNode();
      n.put("c", t.caseId())
          .put("r", t.repeat())
          .put("m", models.indexOf(t.model()))
          .put("s", t.status().id())
          .put("f", intern.apply(t.file()))
          .put("l", intern.apply(t.caseLabel()))
          .put("v", intern.apply(vars(t.vars())))
          .put("o", intern.apply(t.output()))
          .put("e", intern.apply(t.error()))
          .put("ms", t.latencyMs());
      if (t.replayed()) {
        n.put("a", t.source().id()); // answered from the cache or a recording, not a live call
      }
      ArrayNode checks = n.putArray("k");
      for (Verdict v : t.verdicts()) {
        checks
            .addObject()
            .put("n", intern.apply(v.name()))
            .put("s", v.status().id())
            .put("r", intern.apply(v.reason()));
      }
      ArrayNode prompt = n.putArray("p");
      for (RenderedMessage m : t.messages()) {
        prompt.addArray().add(m.role().id()).add(intern.apply(m.content()));
      }
      json.writeValue(g, n);
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

  /**
   * Inside {@code <script type="application/json">} only {@code </script} could end the element
   * early: every {@code <} (and {@code >}, {@code &}, the JavaScript line separators) is written as
   * a JSON escape. They occur only inside JSON strings, where the escape means the same character.
   */
  private static final class ScriptData extends Writer {
    private final Writer out;

    ScriptData(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      int from = off;
      for (int i = off; i < off + len; i++) {
        String escape =
            switch (cbuf[i]) {
              case '<' -> "\\u003c";
              case '>' -> "\\u003e";
              case '&' -> "\\u0026";
              case '\u2028' -> "\\u2028";
              case '\u2029' -> "\\u2029";
              default -> null;
            };
        if (escape != null) {
          out.write(cbuf, from, i - from);
          out.write(escape);
          from = i + 1;
        }
      }
      out.write(cbuf, from, off + len - from);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() {
      // the page goes on after the data
    }
  }

  private static long count(RunResult run, String model, Source source) {
    return run.trials().stream()
        .filter(t -> t.model().equals(model) && t.source() == source)
        .count();
  }

  private static String vars(Map<String, String> vars) {
    StringBuilder sb = new StringBuilder();
    vars.forEach(
        (k, v) -> {
          String one = SPACES.matcher(v).replaceAll(" ");
          sb.append(k)
              .append(": ")
              .append(one.length() > 120 ? one.substring(0, 117) + "..." : one)
              .append("\n");
        });
    return sb.toString().strip();
  }

  static String escape(String s) {
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
