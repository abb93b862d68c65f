package dev.promptcheck.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenMapTest {
  @Test
  void keepsTheSourceOrderAndNullValuesAndEqualsAnyMapWithTheSameEntries() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("z", 1);
    source.put("a", null);
    source.put("m", "text");
    FrozenMap<String, Object> frozen = FrozenMap.of(source);
    assertThat(frozen.keySet()).containsExactly("z", "a", "m");
    assertThat(frozen).containsEntry("a", null).containsKey("a").doesNotContainKey("b");
    assertThat(frozen.get("m")).isEqualTo("text");
    assertThat(frozen.get("b")).isNull();
    assertThat(frozen).isEqualTo(source).hasSameHashCodeAs(source);
    assertThat(new HashMap<>(source)).isEqualTo(frozen);
    assertThat(frozen.toString()).isEqualTo(source.toString());
    source.put("late", 2);
    assertThat(frozen).hasSize(3); // a copy, not a view
  }

  @Test
  void isImmutableAndNeverCopiedTwice() {
    FrozenMap<String, String> frozen = FrozenMap.of(Map.of("k", "v"));
    assertThat(FrozenMap.of(frozen)).isSameAs(frozen);
    assertThat(FrozenMap.of(Map.of())).isSameAs(FrozenMap.of(new HashMap<>()));
    assertThatThrownBy(() -> frozen.put("k", "w"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.entrySet().iterator().next().setValue("w"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frozen.entrySet().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sharingGivesOneInstancePerTextAndLeavesLongTextsAlone() {
    TextInterner sharing = new TextInterner();
    String first = new String("stop".toCharArray());
    String second = new String("stop".toCharArray());
    assertThat(sharing.share(first)).isSameAs(first);
    assertThat(sharing.share(second)).isSameAs(first);
    assertThat(sharing.share(null)).isNull();
    String longText = "x".repeat(TextInterner.MAX_LENGTH + 1);
    assertThat(sharing.share(longText)).isSameAs(longText);
    for (int i = 0; i < TextInterner.LIMIT + 10; i++) {
      assertThat(sharing.share("reason " + i)).isEqualTo("reason " + i);
    }
  }
}
