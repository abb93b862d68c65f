package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteValidatorTest {
  @TempDir Path dir;

  @Test
  void everySlotNeedsAValueInEveryCase() {
    String messages =
        Fixtures.load(
                dir,
                """
        name: x
        variables: [{name: topic, required: true}]
        messages:
          - {role: user, content: 'Tell me about {{topic}} for {{audience}}'}
        testData:
          - {topic: a, audience: b}
          - {audience: c}
          - {topic: d}
        """)
            .messages();
    assertThat(messages)
        .contains(
            "case.prompt.yml:7:5: error: test case 2 lacks required variable 'topic' [missing-variable]");
    assertThat(messages)
        .contains(
            "case.prompt.yml:4:56: error: '{{audience}}' has no value in test case 3: give it in"
                + " every case, declare it with a default, or pass --var audience=... (gh models"
                + " would send '{{audience}}' to the model as written; promptcheck refuses)"
                + " [undefined-variable]");
  }

  @Test
  void defaultsAndDeclaredOptionalVariablesNeedNoCaseValue() {
    Fixtures.Loaded loaded =
        Fixtures.load(
            dir,
            """
        name: x
        variables: [{name: tone, default: terse}, {name: input, required: true}]
        messages: [{role: user, content: '{{input}} in a {{tone}} tone'}]
        testData: [{input: a}]
        """);
    assertThat(loaded.diagnostics().hasErrors()).isFalse();
  }

  @Test
  void literalEmojiPatternsAreFlaggedAsFragile() {
    Fixtures.Loaded loaded =
        Fixtures.load(
            dir,
            """
        name: x
        messages: [{role: user, content: hi}]
        evaluators: [{name: e, regex: "## \\u23F1\\uFE0F Analysis"}]
        """);
    assertThat(loaded.messages()).contains("[fragile-emoji]").contains("U+FE0F");
  }
}
