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
        .hasMessage("missing required variable 'input' in test case 4");
    TestCase lacksUndeclared = new TestCase(4, "c4", Map.of("input", "x"), List.of(), AT);
    assertThatThrownBy(() -> renderer.render(lacksUndeclared))
        .hasMessage("missing variable 'extra' in test case 5 (c4)");
    assertThat(
            new PromptRenderer(file, Map.of("tone", "warm", "extra", "?")).render(lacksUndeclared))
        .containsExactly(new RenderedMessage(Role.USER, "x (warm) ?"));
  }

  @Test
  void sharesWhatDoesNotVaryInsteadOfCopyingItPerCase() {
    // a run keeps every trial's messages until its reports are written: a message without slots is
    // one instance for every case, and a message that is one slot is the value itself
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
            List.of(),
            List.of(
                new Message(Role.SYSTEM, "You review code.", AT),
                new Message(Role.USER, "{{input}}", AT),
                new Message(Role.USER, "{{not a name}}", AT)),
            List.of(),
            List.of());
    PromptRenderer renderer = new PromptRenderer(file, Map.of());
    String one = new String("def f(): pass".toCharArray());
    List<RenderedMessage> a =
        renderer.render(new TestCase(0, null, Map.of("input", one), List.of(), AT));
    List<RenderedMessage> b =
        renderer.render(
            new TestCase(1, null, Map.of("input", "x", "not a name", "loose"), List.of(), AT));
    assertThat(a.get(0)).isSameAs(b.get(0));
    assertThat(a.get(1).content()).isSameAs(one);
    assertThat(a.get(2).content()).isEqualTo("{{not a name}}");
    assertThat(b.get(2).content()).isEqualTo("loose");
    assertThat(Template.parse("{{not a name}}").constant()).isFalse();
    assertThat(Template.parse("plain").constant()).isTrue();
    assertThat(Template.parse("{{input}}").renderLenient(Map.<String, String>of()::get))
        .isEqualTo("{{input}}");
  }
}
