package dev.promptcheck.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.suite.Message;
import dev.promptcheck.suite.ModelParameters;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.PromptRenderer;
import dev.promptcheck.suite.RenderedMessage;
import dev.promptcheck.suite.Role;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.TestCase;
import dev.promptcheck.suite.Variable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final SourceRef AT = SourceRef.of(Path.of("t.yml"));

  @Test
  void spacedAndTightSlotsAreTheSame() {
    Template t = Template.parse("{{x}} and {{ x }} and {{  x}}");
    assertThat(t.variables()).containsExactly("x");
    assertThat(t.render(Map.of("x", "1")::get)).isEqualTo("1 and 1 and 1");
  }

  @Test
  void substitutedTextIsNeverExpandedAgain() {
    Template t = Template.parse("a={{a}} b={{b}}");
    assertThat(t.render(Map.of("a", "{{b}}", "b", "{{a}}")::get)).isEqualTo("a={{b}} b={{a}}");
  }

  @Test
  void nonVariableBracesStayLiteral() {
    Template t = Template.parse("{{ macros.refuse() }} {\"json\": {{1}}} {{x}}");
    assertThat(t.variables()).containsExactly("x");
    assertThat(t.render(Map.of("x", "v")::get))
        .isEqualTo("{{ macros.refuse() }} {\"json\": {{1}}} v");
  }

  @Test
  void missingVariableIsAnErrorNamingTheVariable() {
    assertThatThrownBy(() -> Template.parse("hi {{who}}").render(Map.<String, String>of()::get))
        .isInstanceOf(MissingVariableException.class)
        .hasMessage("missing variable 'who'");
  }

  @Test
  void rendererNamesTheVariableAndTheCaseIndex() {
    PromptFile file =
        new PromptFile(
            Path.of("t.yml"),
            "t",
            "",
            null,
            Map.of(),
            null,
            ModelParameters.NONE,
            null,
            null,
            List.of(
                new Variable("input", "", true, null, AT),
                new Variable("tone", "", false, "terse", AT)),
            List.of(new Message(Role.USER, "{{input}} ({{tone}}) {{extra}}", AT)),
            List.of(),
            List.of());
    PromptRenderer renderer = new PromptRenderer(file, Map.of());
    TestCase ok = new TestCase(0, null, Map.of("input", "hello", "extra", "!"), List.of(), AT);
    assertThat(renderer.render(ok))
        .containsExactly(new RenderedMessage(Role.USER, "hello (terse) !"));
    TestCase lacksRequired = new TestCase(3, null, Map.of("extra", "!"), List.of(), AT);
    assertThatThrownBy(() -> renderer.render(lacksRequired))
        .hasMessage("missing required variable 'input' in test case 3");
    TestCase lacksUndeclared = new TestCase(4, "c4", Map.of("input", "x"), List.of(), AT);
    assertThatThrownBy(() -> renderer.render(lacksUndeclared))
        .hasMessage("missing variable 'extra' in test case 4 (c4)");
    assertThat(
            new PromptRenderer(file, Map.of("tone", "warm", "extra", "?")).render(lacksUndeclared))
        .containsExactly(new RenderedMessage(Role.USER, "x (warm) ?"));
  }
}
