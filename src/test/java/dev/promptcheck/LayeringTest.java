package dev.promptcheck;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall.Predicates;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the pipeline of docs/architecture.md §2: each stage may use only the stages below it, so the
 * package list reads top-down as the order in which a run happens, and no two packages need each
 * other.
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.promptcheck");
  }

  @Test
  void eachStageUsesOnlyTheStagesBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("cli")
        .definedBy("dev.promptcheck.cli..")
        .layer("facade")
        .definedBy("dev.promptcheck")
        .layer("history")
        .definedBy("dev.promptcheck.history..")
        .layer("report")
        .definedBy("dev.promptcheck.report..")
        .layer("run")
        .definedBy("dev.promptcheck.run..")
        .layer("result")
        .definedBy("dev.promptcheck.result..")
        .layer("eval")
        .definedBy("dev.promptcheck.eval..")
        .layer("model")
        .definedBy("dev.promptcheck.model..")
        .layer("suite")
        .definedBy("dev.promptcheck.suite..")
        .layer("template")
        .definedBy("dev.promptcheck.template..")
        .layer("support")
        .definedBy("dev.promptcheck.support..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("facade")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("history")
        .mayOnlyBeAccessedByLayers("facade", "cli")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("history", "facade", "cli")
        .whereLayer("run")
        .mayOnlyBeAccessedByLayers("facade", "cli")
        .whereLayer("result")
        .mayOnlyBeAccessedByLayers("run", "report", "history", "facade", "cli")
        .whereLayer("eval")
        .mayOnlyBeAccessedByLayers("result", "run", "report", "history", "facade", "cli")
        .whereLayer("model")
        .mayOnlyBeAccessedByLayers("eval", "result", "run", "report", "history", "facade", "cli")
        .whereLayer("suite")
        .mayOnlyBeAccessedByLayers(
            "model", "eval", "result", "run", "report", "history", "facade", "cli")
        .whereLayer("template")
        .mayOnlyBeAccessedByLayers(
            "suite", "model", "eval", "result", "run", "report", "history", "facade", "cli")
        .check(classes);
  }

  @Test
  void oneConfiguredJsonMapper() {
    ArchRuleDefinition.noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.promptcheck.support.Json")
        .should()
        .callConstructorWhere(
            Predicates.target(
                With.owner(
                    DescribedPredicate.describe(
                        "a Jackson JSON mapper (CSV has its own)",
                        c ->
                            c.isEquivalentTo(ObjectMapper.class)
                                || c.isAssignableTo(JsonMapper.class)))))
        .because("every JSON goes through support.Json.MAPPER, configured in one place")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.promptcheck.(*)..").should().beFreeOfCycles().check(classes);
  }
}
