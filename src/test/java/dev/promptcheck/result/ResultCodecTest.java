package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse.Source;
import dev.promptcheck.model.ToolCall;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trial's call facts round-trip, and files written before they existed still read. */
class ResultCodecTest {
  private static TrialResult one(Status status) {
    return Trials.create().add("openai:a", "c1", 0, status).list().get(0);
  }

  /** The trial as its journal line reads back. */
  private static ObjectNode tree(TrialResult t) throws IOException {
    return (ObjectNode) ResultCodec.JSON.readTree(ResultCodec.toJsonText(t));
  }

  @Test
  void sourceAndEndpointRoundTrip() throws Exception {
    TrialResult t = one(Status.PASS);
    ObjectNode json = tree(t);
    assertThat(json.path("source").asText()).isEqualTo("live");
    assertThat(ResultCodec.fromJson(json)).isEqualTo(t);
  }

  @Test
  void filesWithoutSourceOrEndpointStillRead() throws Exception {
    ObjectNode cached = tree(one(Status.PASS));
    cached.remove("source");
    cached.remove("endpoint");
    cached.put("replayed", true);
    ObjectNode live = cached.deepCopy().put("replayed", false);
    ObjectNode error = tree(one(Status.ERROR));
    error.remove("source");
    error.remove("endpoint");
    error.remove("replayed");

    assertThat(ResultCodec.fromJson(cached).source()).isEqualTo(Source.CACHE);
    assertThat(ResultCodec.fromJson(cached).endpoint()).isNull();
    assertThat(ResultCodec.fromJson(live).source()).isEqualTo(Source.LIVE);
    assertThat(ResultCodec.fromJson(error).source()).isNull();
    assertThat(ResultCodec.fromJson(error).status()).isEqualTo(Status.ERROR);
  }

  @Test
  void toolCallsRoundTripAndATrialWithoutThemHasNoField() throws Exception {
    TrialResult t = one(Status.FAIL);
    assertThat(ResultCodec.toJsonText(t)).doesNotContain("toolCalls");
    TrialResult called =
        new TrialResult(
            t.trialId(),
            t.caseId(),
            t.file(),
            t.prompt(),
            t.model(),
            t.caseIndex(),
            t.caseLabel(),
            t.repeat(),
            t.vars(),
            t.messages(),
            t.status(),
            "",
            t.verdicts(),
            t.latencyMs(),
            t.inputTokens(),
            t.outputTokens(),
            t.cost(),
            t.finishReason(),
            t.error(),
            t.attempts(),
            t.source(),
            t.endpoint(),
            t.testCase(),
            t.modelVersion(),
            List.of(
                new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"),
                new ToolCall(null, "get_time", "not json")));
    ObjectNode json = tree(called);
    assertThat(json.path("toolCalls").get(0).path("id").asText()).isEqualTo("call_1");
    assertThat(json.path("toolCalls").get(1).has("id")).isFalse();
    // what --resume reads back from the journal is the trial as it was
    assertThat(ResultCodec.fromJson(json)).isEqualTo(called);
    assertThat(ResultCodec.fromJson(json).toolCalls().get(1).arguments()).isEqualTo("not json");
  }
}
