package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse.Source;
import org.junit.jupiter.api.Test;

/** A trial's call facts round-trip, and files written before they existed still read. */
class ResultCodecTest {
  private static TrialResult one(Status status) {
    return Trials.create().add("openai:a", "c1", 0, status).list().get(0);
  }

  @Test
  void sourceAndEndpointRoundTrip() throws Exception {
    TrialResult t = one(Status.PASS);
    ObjectNode json = ResultCodec.toJson(t);
    assertThat(json.path("source").asText()).isEqualTo("live");
    assertThat(ResultCodec.fromJson(json)).isEqualTo(t);
  }

  @Test
  void filesWithoutSourceOrEndpointStillRead() {
    ObjectNode cached = ResultCodec.toJson(one(Status.PASS));
    cached.remove("source");
    cached.remove("endpoint");
    cached.put("replayed", true);
    ObjectNode live = cached.deepCopy().put("replayed", false);
    ObjectNode error = ResultCodec.toJson(one(Status.ERROR));
    error.remove("source");
    error.remove("endpoint");
    error.remove("replayed");

    assertThat(ResultCodec.fromJson(cached).source()).isEqualTo(Source.CACHE);
    assertThat(ResultCodec.fromJson(cached).endpoint()).isNull();
    assertThat(ResultCodec.fromJson(live).source()).isEqualTo(Source.LIVE);
    assertThat(ResultCodec.fromJson(error).source()).isNull();
    assertThat(ResultCodec.fromJson(error).status()).isEqualTo(Status.ERROR);
  }
}
