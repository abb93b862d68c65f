package dev.promptcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.promptcheck.eval.Status;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ResultCodec;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writers stream (one trial in memory at a time) and write exactly what building the whole
 * document first wrote: the same bytes as a Jackson tree pretty-printed, the same page data.
 */
class StreamedReportsTest {
  @TempDir Path dir;

  /** Every status, hostile output, text that needs escaping and characters beyond the BMP. */
  private static RunResult run() {
    List<TrialResult> trials = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      @SuppressWarnings("EnumOrdinal") // every status in turn, whatever their number
      Status status = Status.values()[i % Status.values().length];
      trials.add(
          SampleRuns.trial(
              "c" + i,
              i % 2 == 0 ? "openai:a" : "openai:b",
              status,
              status == Status.ERROR
                  ? null
                  : SampleRuns.HOSTILE + " \u2028 & \u2029 \uD83D\uDCBB " + "x".repeat(i * 50),
              status == Status.ERROR ? "timeout: <no answer> & gone" : null,
              i));
    }
    return SampleRuns.of(trials);
  }

  @Test
  void resultsJsonIsTheTreeAsJacksonPrettyPrintsItAndReadsBack() throws Exception {
    RunResult run = run();
    Path file = new JsonReport().write(run, Comparison.NONE, dir);
    String written = Files.readString(file, StandardCharsets.UTF_8);

    JsonNode tree = ResultCodec.JSON.readTree(written);
    String whole =
        ResultCodec.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
    assertThat(written).isEqualTo(whole);
    assertThat(tree.get("testResults")).hasSize(300);
    assertThat(JsonReport.read(file).trials()).isEqualTo(run.trials());
  }

  @Test
  void theHtmlPageCarriesItsDataEscapedAsBeforeAndWhole() throws Exception {
    RunResult run = run();
    Path file = new HtmlReport().write(run, Comparison.NONE, dir);
    String page = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(page).isEqualTo(HtmlReport.render(run));

    String open =
        "<script type=\"application/octet-stream\" id=\"run-data\" data-encoding=\"gzip"
            + " base64\">";
    int from = page.indexOf(open) + open.length();
    String packed = page.substring(from, page.indexOf("</script>", from));
    assertThat(packed).matches("[A-Za-z0-9+/=]+");
    String data = unpack(packed);
    assertThat(data).doesNotContain("<", ">", "&", "\u2028", "\u2029");
    JsonNode tree = ResultCodec.JSON.readTree(data);
    String whole =
        ResultCodec.JSON
            .writeValueAsString(tree)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029");
    assertThat(data).isEqualTo(whole);
    assertThat(tree.get("rows")).hasSize(300);
    int trials = 0;
    for (JsonNode row : tree.get("rows")) {
      for (JsonNode cell : row.get("c")) {
        trials += cell.isNull() ? 0 : cell.get("t").size();
      }
    }
    assertThat(trials).isEqualTo(300);
    assertThat(tree.get("strings").toString()).contains("\uD83D\uDCBB");
    assertThat(data).contains("\\u003cscript\\u003ewindow.__x=1");
  }

  /** The grid data as the page's script reads it: base64, then gzip, then UTF-8 JSON. */
  static String unpack(String packed) throws IOException {
    try (InputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(packed)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void junitXmlStreamsTheSameDocument() throws Exception {
    RunResult run = run();
    Path file = new JunitReport().write(run, Comparison.NONE, dir);
    StringWriter whole = new StringWriter();
    JunitReport.write(run, whole);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(whole.toString());
    assertThat(whole.toString()).contains("<testcase").endsWith("</testsuites>\n");
  }

  @Test
  void junitTextIsCopiedOnlyWhenXmlCannotCarryIt() {
    String fine = "ok \uD83D\uDCBB\ttab\nline";
    assertThat(JunitReport.clean(fine)).isSameAs(fine);
    assertThat(JunitReport.clean("a\u0001b\uD800c\uD83D\uDCBB\uFFFE\uDC00"))
        .isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDCBB\uFFFD\uFFFD");
  }
}
