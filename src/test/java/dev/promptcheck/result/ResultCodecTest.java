package dev.promptcheck.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelResponse.Source;
import java.io.IOException;
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
}
