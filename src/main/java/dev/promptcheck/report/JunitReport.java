package dev.promptcheck.report;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.RunSummary;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Texts;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml} as Jenkins, GitHub test reporters and GitLab read it: a {@code <testsuite>} per
 * prompt file × model, a {@code <testcase>} per case (and repeat). Failed checks are {@code
 * <failure>} listing every failing evaluator with its reason; broken calls are {@code <error>};
 * skipped cases are {@code <skipped>}. Times are in seconds.
 */
public final class JunitReport implements ReportWriter {
  public static final String FILE = "junit.xml";
  private static final Pattern PROMPT_SUFFIX = Pattern.compile("\\.prompt\\.ya?ml$|\\.ya?ml$");
  private static final int MAX_OUTPUT = 20_000;

  @Override
  public String format() {
    return "junit";
  }

  @Override
  public Path write(RunSummary summary, Comparison comparison, Path dir) throws IOException {
    return AtomicFiles.write(dir.resolve(FILE), summary.secrets(), out -> write(summary, out));
  }

  static void write(RunResult run, Writer text) throws IOException {
    write(RunSummary.of(run), text);
  }

  static void write(RunSummary summary, Writer text) throws IOException {
    RunResult run = summary.run();
    try {
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      Stats all = summary.all();
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "promptcheck " + run.runId());
      x.writeAttribute(
          "tests", String.valueOf(all.total() + run.refused().size() + run.notRun().size()));
      x.writeAttribute("failures", String.valueOf(all.failed()));
      x.writeAttribute("errors", String.valueOf(all.errors() + run.refused().size()));
      x.writeAttribute("skipped", String.valueOf(all.skipped() + run.notRun().size()));
      x.writeAttribute(
          "time", seconds(run.trials().stream().mapToLong(TrialResult::latencyMs).sum()));
      Map<List<String>, Stats> suiteStats = summary.suiteStats();
      for (Map.Entry<List<String>, List<TrialResult>> suite : summary.bySuite().entrySet()) {
        List<TrialResult> trials = suite.getValue();
        Stats s = suiteStats.get(suite.getKey());
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(trials.get(0).suiteKey()));
        counts(x, s, trials);
        x.writeAttribute(
            "timestamp",
            DateTimeFormatter.ISO_LOCAL_DATE_TIME
                .format(run.startedAt().atOffset(ZoneOffset.UTC))
                .replaceFirst("\\.\\d+$", ""));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "file", trials.get(0).file());
        property(x, "model", trials.get(0).model());
        property(x, "prompt", trials.get(0).prompt());
        x.writeEndElement();
        // one file and one model per suite: the class name is the same for all its cases
        String classname = classname(trials.get(0));
        for (TrialResult t : trials) {
          testcase(x, t, classname);
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
      }
      for (RunResult.RefusedFile r : run.refused()) {
        refusedSuite(x, r);
      }
      for (RunResult.NotRunFile n : run.notRun()) {
        notRunSuite(x, n);
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + FILE + ": " + e.getMessage(), e);
    }
  }

  /** A file that did not run: an errored suite, so a CI test reporter shows it as broken. */
  private static void refusedSuite(XMLStreamWriter x, RunResult.RefusedFile r)
      throws XMLStreamException {
    x.writeCharacters("\n  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", clean(r.file() + " (refused)"));
    x.writeAttribute("tests", "1");
    x.writeAttribute("failures", "0");
    x.writeAttribute("errors", "1");
    x.writeAttribute("skipped", "0");
    x.writeAttribute("time", "0.000");
    x.writeCharacters("\n    ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", "load");
    x.writeAttribute("classname", classname(r.file()));
    x.writeAttribute("time", "0.000");
    x.writeStartElement("error");
    x.writeAttribute("message", clean(Texts.oneLine("file refused: " + r.firstError(), 500)));
    x.writeAttribute("type", "refused");
    x.writeCharacters(clean(String.join("\n", r.errors())));
    x.writeEndElement();
    x.writeEndElement();
    x.writeCharacters("\n  ");
    x.writeEndElement();
  }

  /** A file's JUnit class name: its path without the extension, dotted. */
  private static String classname(String file) {
    return clean(PROMPT_SUFFIX.matcher(file).replaceAll("").replace('/', '.'));
  }

  /** A valid file that ran nothing: a skipped suite, so a CI test reporter shows the gap. */
  private static void notRunSuite(XMLStreamWriter x, RunResult.NotRunFile n)
      throws XMLStreamException {
    x.writeCharacters("\n  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", clean(n.file() + " (not run)"));
    x.writeAttribute("tests", "1");
    x.writeAttribute("failures", "0");
    x.writeAttribute("errors", "0");
    x.writeAttribute("skipped", "1");
    x.writeAttribute("time", "0.000");
    x.writeCharacters("\n    ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", "plan");
    x.writeAttribute("classname", classname(n.file()));
    x.writeAttribute("time", "0.000");
    x.writeStartElement("skipped");
    x.writeAttribute("message", clean(Texts.oneLine("not run: " + n.reason(), 500)));
    x.writeEndElement();
    x.writeEndElement();
    x.writeCharacters("\n  ");
    x.writeEndElement();
  }

  private static void counts(XMLStreamWriter x, Stats s, List<TrialResult> trials)
      throws XMLStreamException {
    x.writeAttribute("tests", String.valueOf(s.total()));
    x.writeAttribute("failures", String.valueOf(s.failed()));
    x.writeAttribute("errors", String.valueOf(s.errors()));
    x.writeAttribute("skipped", String.valueOf(s.skipped()));
    x.writeAttribute("time", seconds(trials.stream().mapToLong(TrialResult::latencyMs).sum()));
  }

  private static String classname(TrialResult t) {
    return classname(t.file()) + "." + clean(t.model());
  }

  private static void testcase(XMLStreamWriter x, TrialResult t, String classname)
      throws XMLStreamException {
    x.writeCharacters("\n    ");
    x.writeStartElement("testcase");
    x.writeAttribute(
        "name",
        clean(t.caseLabel() + (t.repeat() > 0 ? " (repeat " + (t.repeat() + 1) + ")" : "")));
    x.writeAttribute("classname", classname);
    x.writeAttribute("time", seconds(t.latencyMs()));
    if (t.status() == Status.ERROR && t.error() != null) {
      x.writeStartElement("error");
      x.writeAttribute("message", clean(Texts.oneLine(t.error(), 500)));
      x.writeAttribute("type", "call");
      x.writeCharacters(clean(t.error()));
      x.writeEndElement();
    } else if (t.status() == Status.FAIL || t.status() == Status.ERROR) {
      List<Verdict> bad = t.failing();
      String element = t.status() == Status.FAIL ? "failure" : "error";
      x.writeStartElement(element);
      x.writeAttribute(
          "message",
          clean(
              Texts.oneLine(
                  bad.stream()
                      .map(v -> v.name() + ": " + v.reason())
                      .collect(Collectors.joining("; ")),
                  500)));
      x.writeAttribute(
          "type", bad.stream().map(Verdict::kind).distinct().collect(Collectors.joining(",")));
      x.writeCharacters(
          clean(
              bad.stream()
                      .map(
                          v ->
                              "["
                                  + v.status().id()
                                  + "] "
                                  + v.name()
                                  + " ("
                                  + v.kind()
                                  + "): "
                                  + v.reason())
                      .collect(Collectors.joining("\n"))
                  + (t.toolCalls().isEmpty() ? "" : "\ntool calls:\n" + t.toolCallsShown())));
      x.writeEndElement();
    } else if (t.status() == Status.SKIPPED) {
      x.writeStartElement("skipped");
      x.writeAttribute(
          "message",
          clean(
              Texts.oneLine(
                  t.verdicts().stream()
                      .map(v -> v.name() + ": " + v.reason())
                      .collect(Collectors.joining("; ")),
                  500)));
      x.writeEndElement();
    }
    if (t.output() != null) {
      x.writeStartElement("system-out");
      String marker = "\n[... truncated]";
      // the calls first: a tool-only answer's text is empty, and a long text would cut them off
      String answer =
          t.toolCalls().isEmpty()
              ? t.output()
              : "tool calls:\n"
                  + t.toolCallsShown()
                  + (t.output().isEmpty() ? "" : "\n\n" + t.output());
      String out = Texts.truncate(answer, MAX_OUTPUT + marker.length(), marker);
      x.writeCharacters(clean(out));
      x.writeEndElement();
    }
    x.writeEndElement();
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", clean(value));
  }

  /** {@code ms} in seconds with three decimals, as {@code %.3f} of {@code ms / 1000.0} gives. */
  static String seconds(long ms) {
    if (ms >= 0 && ms < 1_000_000_000_000L) { // exact: a double near ms / 1000 rounds back to it
      long frac = ms % 1000;
      return (ms / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  /**
   * XML 1.0 cannot carry most control characters, whatever the escaping: model output sometimes has
   * them.
   */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    return allowed(s) ? s : replaceDisallowed(s);
  }

  /** The common case, checked without copying: nothing XML 1.0 cannot carry. */
  private static boolean allowed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        if (c != 0x9 && c != 0xA && c != 0xD) {
          return false;
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
        return false;
      }
    }
    return true;
  }

  private static String replaceDisallowed(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              boolean ok =
                  cp == 0x9
                      || cp == 0xA
                      || cp == 0xD
                      || (cp >= 0x20 && cp <= 0xD7FF)
                      || (cp >= 0xE000 && cp <= 0xFFFD)
                      || (cp >= 0x10000 && cp <= 0x10FFFF);
              sb.appendCodePoint(ok ? cp : 0xFFFD);
            });
    return sb.toString();
  }
}
