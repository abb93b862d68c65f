package dev.promptcheck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOptionsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    RunOptions o = RunOptions.defaults();
    assertThat(o.models()).isEmpty();
    assertThat(o.judge()).isNull();
    assertThat(o.concurrency()).isEqualTo(8);
    assertThat(o.requestsPerMinute()).isZero();
    assertThat(o.repeat()).isEqualTo(1);
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.retries()).isEqualTo(3);
    assertThat(o.cache()).isEqualTo(CacheMode.ON);
    assertThat(o.cacheDir()).isEqualTo(Path.of(".promptcheck-cache"));
    assertThat(o.recordDir()).isNull();
    assertThat(o.replayDir()).isNull();
    assertThat(o.vars()).isEmpty();
    assertThat(o.shard()).isEqualTo(Shard.ALL);
  }

  @Test
  void builderSetsOnlyWhatIsNamedAndToBuilderKeepsTheRest() {
    RunOptions o = RunOptions.builder().repeat(3).judge("openai:j").build();
    RunOptions changed = o.toBuilder().concurrency(2).build();
    assertThat(changed.repeat()).isEqualTo(3);
    assertThat(changed.judge()).isEqualTo("openai:j");
    assertThat(changed.concurrency()).isEqualTo(2);
    assertThat(changed.toBuilder().build()).isEqualTo(changed).hasSameHashCodeAs(changed);
    assertThat(changed).isNotEqualTo(o);
  }

  @Test
  void valuesAreCheckedWhenBuilt() {
    assertThatThrownBy(() -> RunOptions.builder().concurrency(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be at least 1, not 0");
    assertThatThrownBy(() -> RunOptions.builder().repeat(0).build())
        .hasMessage("repeat must be at least 1, not 0");
    assertThatThrownBy(() -> RunOptions.builder().retries(-1).build())
        .hasMessage("retries must be at least 0, not -1");
    assertThatThrownBy(() -> RunOptions.builder().requestsPerMinute(-5).build())
        .hasMessage("requestsPerMinute must be at least 0, not -5");
    assertThatThrownBy(() -> RunOptions.builder().timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> RunOptions.builder().cache(null).build())
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void collectionsAreCopiedInOrderAndSecretsStayOutOfToString() {
    List<String> models = new ArrayList<>(List.of("openai:b", "openai:a"));
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("zeta", "1");
    vars.put("alpha", "sk-secret");
    RunOptions o = RunOptions.builder().models(models).vars(vars).build();
    models.clear();
    vars.clear();
    assertThat(o.models()).containsExactly("openai:b", "openai:a");
    assertThat(o.vars().keySet()).containsExactly("zeta", "alpha");
    assertThat(o.toString()).doesNotContain("sk-secret");
  }
}
