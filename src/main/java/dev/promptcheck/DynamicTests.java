package dev.promptcheck;

import dev.promptcheck.eval.Status;
import dev.promptcheck.eval.Verdict;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.suite.Diagnostic;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * A finished run as JUnit 5 dynamic tests (see {@link PromptCheck#asDynamicTests}). The only class
 * that needs JUnit, so {@link PromptCheck} loads without it.
 */
final class DynamicTests {
  private DynamicTests() {}

  /**
   * @param errors why files were refused (a file's own errors, a model that cannot be set up, a
   *     promptcheck.yaml with errors): one failing test per file
   * @param run null when nothing was run
   */
  static Stream<DynamicNode> of(List<Diagnostic> errors, RunResult run, Path base) {
    List<DynamicNode> nodes = new ArrayList<>();
    Map<Path, List<Diagnostic>> refused = new LinkedHashMap<>();
    errors.forEach(d -> refused.computeIfAbsent(d.where().file(), f -> new ArrayList<>()).add(d));
    refused.forEach(
        (file, its) ->
            nodes.add(
                DynamicTest.dynamicTest(
                    relative(base, file) + " (refused)",
                    file.toUri(),
                    () ->
                        Assertions.fail(
                            its.stream()
                                .map(Diagnostic::format)
                                .collect(Collectors.joining("\n"))))));
    if (run != null) {
      for (RunResult.NotRunFile n : run.notRun()) {
        URI source = base.resolve(n.file()).toUri();
        nodes.add(
            DynamicTest.dynamicTest(
                n.file() + " (not run)",
                source,
                () -> {
                  throw new TestAbortedException("not run: " + n.reason());
                }));
      }
      Map<String, Map<String, List<TrialResult>>> byFileAndModel = new LinkedHashMap<>();
      for (TrialResult t : run.trials()) {
        byFileAndModel
            .computeIfAbsent(t.file() + " [" + t.model() + "]", k -> new LinkedHashMap<>())
            .computeIfAbsent(t.caseId(), k -> new ArrayList<>())
            .add(t);
      }
      byFileAndModel.forEach(
          (name, cases) -> {
            URI source = base.resolve(cases.values().iterator().next().get(0).file()).toUri();
            nodes.add(
                DynamicContainer.dynamicContainer(
                    name,
                    source,
                    cases.values().stream()
                        .map(
                            repeats ->
                                DynamicTest.dynamicTest(
                                    repeats.get(0).caseLabel(), source, () -> check(repeats)))));
          });
    }
    if ((run == null || run.trials().isEmpty()) && refused.isEmpty()) {
      // zero trials is no pass: a factory of no tests would be green in every IDE and CI
      boolean forVariables = run != null && !run.notRun().isEmpty();
      nodes.add(
          DynamicTest.dynamicTest(
              "nothing ran",
              () ->
                  Assertions.fail(
                      "no trial ran"
                          + (forVariables
                              ? ": every file needs variables nobody passed"
                              : ": the paths hold no prompt file with cases")
                          + "; a run in which nothing ran is not a pass")));
    }
    return nodes.stream();
  }

  /** Passes when every repeat passed; a broken call or a failed check fails; all skipped aborts. */
  private static void check(List<TrialResult> repeats) {
    List<String> problems = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (TrialResult t : repeats) {
      String which = repeats.size() > 1 ? "repeat " + (t.repeat() + 1) + ": " : "";
      if (t.error() != null) {
        problems.add(which + "the call failed: " + t.error());
      }
      for (Verdict v : t.verdicts()) {
        if (v.status() == Status.FAIL || v.status() == Status.ERROR) {
          problems.add(which + v.name() + ": " + v.reason());
        } else if (v.status() == Status.SKIPPED) {
          skipped.add(which + v.name() + ": " + v.reason());
        }
      }
    }
    if (!problems.isEmpty()) {
      Assertions.fail(String.join("\n", problems));
    }
    if (repeats.stream().allMatch(t -> t.status() == Status.SKIPPED)) {
      throw new TestAbortedException("no check could run: " + String.join("; ", skipped));
    }
  }

  private static String relative(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : file.toString();
  }
}
