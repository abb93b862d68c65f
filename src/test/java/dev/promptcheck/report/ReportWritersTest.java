package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptcheck.eval.Status;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.result.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every writer's output parsed back by a real parser, its numbers checked against the run. */
class ReportWritersTest {
  @TempDir Path dir;

  @Test
  void resultsJsonRoundTripsAndCarriesGhModelsFieldNames() throws Exception {
    RunResult run = SampleRuns.mixed();
    Path file = new JsonReport().write(run, Comparison.NONE, dir);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertThat(root.path("summary").path("totalTests").asInt()).isEqualTo(5);
    assertThat(root.path("summary").path("passed").asInt()).isEqualTo(1);
    assertThat(root.path("summary").path("failed").asInt()).isEqualTo(2);
    assertThat(root.path("summary").path("errors").asInt()).isEqualTo(1);
    assertThat(root.path("summary").path("byModel").path("openai:a").path("total").asInt())
        .isEqualTo(3);
    JsonNode first = root.path("testResults").get(1);
    assertThat(first.path("modelResponse").asText()).isEqualTo(SampleRuns.HOSTILE);
    assertThat(first.path("evaluationResults")).hasSize(3);
    assertThat(first.path("evaluationResults").get(1).path("passed").asBoolean()).isFalse();
    RunResult back = JsonReport.read(file);
    assertThat(back.trials()).isEqualTo(run.trials());
    assertThat(back.models()).isEqualTo(run.models());
  }

  @Test
  void resultsJsonCarriesThePlanAndAFileWithoutOneReadsAsUnknown() throws Exception {
    RunResult r = SampleRuns.mixed();
    RunResult.Plan plan = new RunResult.Plan("7da0c1" + "0".repeat(58), 2, 3, 144);
    RunResult run = Trials.withPlan(r, plan);
    Path file = new JsonReport().write(run, Comparison.NONE, dir);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertThat(root.path("plan").path("shard").asText()).isEqualTo("2/3");
    assertThat(root.path("plan").path("plannedTrials").asInt()).isEqualTo(144);
    assertThat(JsonReport.read(file).plan()).isEqualTo(plan);

    Path old = dir.resolve("old");
    Files.createDirectories(old);
    Files.writeString(
        old.resolve("results.json"),
        Files.readString(file).replaceAll("(?s)\"plan\" : \\{.*?\\},", ""));
    assertThat(Files.readString(old.resolve("results.json"))).doesNotContain("\"plan\"");
    RunResult back = JsonReport.read(old.resolve("results.json"));
    assertThat(back.plan()).isNull();
    assertThat(back.trials()).isEqualTo(run.trials());
  }

  @Test
  void junitXmlIsValidAgainstTheSchemaAndCountsAgree() throws Exception {
    RunResult run = SampleRuns.mixed();
    Path file = new JunitReport().write(run, Comparison.NONE, dir);
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/junit.xsd"))
        .newValidator()
        .validate(new StreamSource(file.toFile()));
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Document doc = f.newDocumentBuilder().parse(file.toFile());
    Element root = doc.getDocumentElement();
    assertThat(root.getAttribute("tests")).isEqualTo("5");
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    assertThat(root.getAttribute("skipped")).isEqualTo("1");
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(2);
    assertThat(((Element) suites.item(0)).getAttribute("name"))
        .isEqualTo("prompts/demo.prompt.yml \u00d7 openai:a");
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .contains("sections: missing 'Summary'", "no apology: output fails notContains");
    assertThat(failure.getTextContent()).contains("[fail] sections (headers)");
    Element error = (Element) doc.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message"))
        .isEqualTo("rate limited: HTTP 429 (after 4 attempts)");
    assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    List<String> outputs = new ArrayList<>();
    NodeList outs = doc.getElementsByTagName("system-out");
    for (int i = 0; i < outs.getLength(); i++) {
      outputs.add(outs.item(i).getTextContent());
    }
    assertThat(outputs).contains(SampleRuns.HOSTILE, "fine \uFFFD control");
    assertThat(((Element) doc.getElementsByTagName("testcase").item(3)).getAttribute("time"))
        .isEqualTo("0.340");
  }

  @Test
  void markdownSummaryPutsRegressionsFirstAndFoldsLongFailureLists() throws Exception {
    RunResult baseline = SampleRuns.large(200, 2);
    List<TrialResult> worse = new ArrayList<>();
    for (TrialResult t : baseline.trials()) {
      worse.add(
          t.caseId().equals("case1")
              ? SampleRuns.trial(t.caseId(), t.model(), Status.FAIL, "bad", null, 10)
              : t);
    }
    RunResult current = SampleRuns.of(worse);
    Comparison c = Comparison.of(baseline, current);
    assertThat(c.regressions()).hasSize(2);
    String md = Files.readString(new MarkdownReport().write(current, c, dir));
    assertThat(md.indexOf("Regressions")).isLessThan(md.indexOf("| Suite |")).isGreaterThan(0);
    assertThat(md)
        .contains("2 regressions · 0 fixes")
        .contains("case case1 · openai:model-0: pass → fail");
    long failing = current.trials().stream().filter(t -> t.status() == Status.FAIL).count();
    assertThat(md)
        .contains(
            "<details><summary>"
                + (failing - MarkdownReport.SHOWN)
                + " more failing cases</summary>");
    assertThat(md.substring(0, md.indexOf("<details>")).split("\n- \\*\\*FAIL").length - 1)
        .isEqualTo(MarkdownReport.SHOWN);
    String hostile = MarkdownReport.render(SampleRuns.mixed(), Comparison.NONE);
    assertThat(hostile).doesNotContain("<b>").contains("&lt;b&gt;");
  }

  @Test
  void writersLeaveNoTemporaryFilesAndReplaceWholeFiles() throws Exception {
    for (ReportWriter w : Reports.ALL) {
      w.write(SampleRuns.large(40, 2), Comparison.NONE, dir);
      w.write(SampleRuns.mixed(), Comparison.NONE, dir);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("junit.xml", "report.html", "results.json", "summary.md");
    }
    assertThat(JsonReport.read(dir.resolve("results.json")).trials()).hasSize(5);
  }
}
