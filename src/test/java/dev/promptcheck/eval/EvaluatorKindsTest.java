package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptcheck.suite.Diagnostics;
import dev.promptcheck.suite.EvaluatorEntry;
import dev.promptcheck.suite.EvaluatorSpec;
import dev.promptcheck.suite.EvaluatorSyntax;
import dev.promptcheck.suite.EvaluatorSyntaxes;
import dev.promptcheck.suite.Fixtures;
import dev.promptcheck.suite.PromptFile;
import dev.promptcheck.suite.SourceRef;
import dev.promptcheck.suite.SuiteLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator kind registry: one table for the parser and the compiler, checked when built. */
class EvaluatorKindsTest {
  @TempDir Path dir;

  /** A check that only knows how it is written: what a kind without a compile side looks like. */
  record Shout(String name, SourceRef where) implements EvaluatorSpec {
    @Override
    public String kind() {
      return "shout";
    }

    @Override
    public Shout withName(String n) {
      return new Shout(n, where);
    }
  }

  static final class ShoutSyntax implements EvaluatorSyntax<Shout> {
    @Override
    public String name() {
      return "shout";
    }

    @Override
    public Class<Shout> specType() {
      return Shout.class;
    }

    @Override
    public List<String> keys() {
      return List.of("shout");
    }

    @Override
    public List<String> typeAliases() {
      return List.of();
    }

    @Override
    public List<String> fields() {
      return List.of();
    }

    @Override
    public List<Shout> parse(EvaluatorEntry entry) {
      return List.of(new Shout(entry.label(), entry.where()));
    }
  }

  private static EvaluatorSyntaxes standardPlus(EvaluatorSyntax<?> extra) {
    List<EvaluatorSyntax<?>> all = new ArrayList<>(EvaluatorKinds.STANDARD.all());
    all.add(extra);
    return new EvaluatorSyntaxes(all);
  }

  @Test
  void theInstalledParseTableIsTheRegistrysAndEveryKindOfItCompiles() {
    assertThat(EvaluatorSyntaxes.installed()).isSameAs(EvaluatorKinds.STANDARD.syntaxes());
    EvaluatorKinds.STANDARD.requireCompiles(EvaluatorSyntaxes.installed());
    assertThat(EvaluatorKinds.STANDARD.all())
        .extracting(EvaluatorSyntax::name)
        .startsWith("regex", "string", "headers", "json", "llm");
  }

  @Test
  void aKindWithoutACompileSideIsRefusedWhenTheTablesAreChecked() {
    assertThatThrownBy(
            () -> EvaluatorKinds.STANDARD.requireCompiles(standardPlus(new ShoutSyntax())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a compile side: shout");
  }

  @Test
  void aRegistryLackingAKindForWhatTheParserMakesItselfFailsWhenBuilt() {
    List<EvaluatorKind<?>> noJudges =
        EvaluatorKinds.STANDARD.all().stream().filter(k -> !k.name().equals("llm")).toList();
    assertThatThrownBy(() -> new EvaluatorKinds(noJudges))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no evaluator kind compiles")
        .hasMessageContaining("EvaluatorSpec$Llm");
  }

  @Test
  void twoKindsClaimingOneKeyOrAliasFailWhenBuilt() {
    List<EvaluatorKind<?>> twice = new ArrayList<>(EvaluatorKinds.STANDARD.all());
    twice.add(new RegexKind());
    assertThatThrownBy(() -> new EvaluatorKinds(twice))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both claim");
  }

  @Test
  void keysAliasesAndFieldsAreDataTheParserDispatchesOn() {
    EvaluatorSyntaxes table = EvaluatorSyntaxes.installed();
    assertThat(table.byTypeAlias(" Regex_Match ")).map(EvaluatorSyntax::name).hasValue("regex");
    assertThat(table.byTypeAlias("llm-rubric")).map(EvaluatorSyntax::name).hasValue("llm");
    assertThat(table.byTypeAlias("not_contains")).map(EvaluatorSyntax::name).hasValue("string");
    assertThat(table.byName("headers").orElseThrow().fields()).contains("expect", "fromPrompt");
    assertThat(table.selectingKeys()).contains("regex", "string", "rule", "latency", "uses");
    for (EvaluatorSyntax<?> kind : table.all()) {
      if (kind.specType() == EvaluatorSpec.NotFound.class) {
        continue; // made by the parser for a uses: of nothing, never written in a file
      }
      assertThat(kind.keys().size() + kind.typeAliases().size()).as(kind.name()).isPositive();
    }
  }

  @Test
  void aSpecNoKindCompilesIsALocatedErrorAndAnErrorVerdictNeverAnException() {
    Path file =
        Fixtures.write(
            dir,
            "case.prompt.yml",
            "name: t\nmessages: [{role: user, content: hi}]\nevaluators:\n  - shout: loud\n");
    Diagnostics d = new Diagnostics();
    PromptFile f = new SuiteLoader(dir, standardPlus(new ShoutSyntax())).loadOne(file, d);
    assertThat(f.evaluators()).singleElement().isInstanceOf(Shout.class);

    List<Evaluator> compiled =
        EvaluatorCompiler.compile(f, d, EvaluatorKinds.STANDARD).forCase(f.runTimeCase());

    assertThat(d.all())
        .singleElement()
        .satisfies(x -> assertThat(x.format()).contains("case.prompt.yml:4:").contains("shout"));
    Verdict v = compiled.get(0).evaluate(EvaluationInput.of("out", Map.of()));
    assertThat(v.status()).isEqualTo(Status.ERROR);
  }
}
