package dev.promptcheck.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.promptcheck.suite.ContentHashes;
import dev.promptcheck.suite.TestCase;
import dev.promptcheck.support.AtomicFiles;
import dev.promptcheck.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run was started on, kept in its folder ({@code inputs.json}): the models, the judge and,
 * per prompt file, a hash of its prompt and of each planned case. A resumed run compares the inputs
 * it would run now with these and refuses when they differ, so the trials finished before an edit
 * (checked by the old regex, asked the old message, answered by another model) are never reported
 * beside trials run after it as one run.
 *
 * @param models the model ids the plan calls, sorted
 * @param judge the {@code --judge} that overrides the files' judges, or null
 * @param files per file (relative to the suite root), its prompt's hash and its planned cases
 */
public record RunInputs(
    int format, List<String> models, String judge, Map<String, FileInputs> files) {
  public static final String FILE = "inputs.json";
  static final int FORMAT = 1;

  public RunInputs {
    models = List.copyOf(models);
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /**
   * One file's part of the inputs.
   *
   * @param prompt {@link ContentHashes#prompt}: what all its cases share
   * @param cases by case id: the case's number in the file (1-based, as people count) and {@link
   *     ContentHashes#caseOnly}
   */
  public record FileInputs(String prompt, Map<String, PlannedCase> cases) {
    public FileInputs {
      Objects.requireNonNull(prompt, "prompt");
      cases = Collections.unmodifiableMap(new TreeMap<>(cases));
    }
  }

  /** A planned case: its number in its file and the hash of its own content. */
  public record PlannedCase(int number, String hash) {}

  /** The inputs of a plan. */
  public static RunInputs of(List<Trial> trials, String judge) {
    TreeSet<String> models = new TreeSet<>();
    Map<String, String> prompts = new LinkedHashMap<>();
    Map<String, Map<String, PlannedCase>> cases = new LinkedHashMap<>();
    for (Trial t : trials) {
      models.add(t.model().ref().id());
      prompts.computeIfAbsent(t.file(), f -> ContentHashes.prompt(t.prompt()));
      cases
          .computeIfAbsent(t.file(), f -> new LinkedHashMap<>())
          .computeIfAbsent(
              t.caseId(), id -> new PlannedCase(numberOf(t), ContentHashes.caseOnly(t.testCase())));
    }
    Map<String, FileInputs> files = new LinkedHashMap<>();
    prompts.forEach((file, prompt) -> files.put(file, new FileInputs(prompt, cases.get(file))));
    return new RunInputs(FORMAT, List.copyOf(models), judge, files);
  }

  /** The case's number in its file, by identity: two identical rows are two cases. */
  @SuppressWarnings("ReferenceEquality") // identical rows are equal records, but two cases
  private static int numberOf(Trial t) {
    List<TestCase> all = t.prompt().testCases();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == t.testCase()) {
        return i + 1;
      }
    }
    return 0; // a case made for the run (--var on a file without testData)
  }

  /**
   * What differs between the inputs a run was started on ({@code before}) and these, one line per
   * change, in words a user can act on; empty when a resume may go on.
   */
  public List<String> changesSince(RunInputs before) {
    List<String> out = new ArrayList<>();
    if (!models.equals(before.models)) {
      out.add(
          "models: the run was started with "
              + String.join(", ", before.models)
              + "; this resume would call "
              + String.join(", ", models));
    }
    if (!Objects.equals(judge, before.judge)) {
      out.add(
          "--judge: the run was started with "
              + (before.judge == null ? "the files' own judges" : before.judge)
              + "; this resume would use "
              + (judge == null ? "the files' own judges" : judge));
    }
    TreeSet<String> names = new TreeSet<>(before.files.keySet());
    names.addAll(files.keySet());
    for (String name : names) {
      FileInputs was = before.files.get(name);
      FileInputs now = files.get(name);
      if (was == null) {
        out.add(name + ": new since the run started");
      } else if (now == null) {
        out.add(name + ": no longer in the run (removed, refused or filtered out)");
      } else if (!was.prompt().equals(now.prompt())) {
        out.add(name + ": its messages, model, parameters or file-level evaluators changed");
      } else {
        String cases = caseChanges(was.cases(), now.cases());
        if (!cases.isEmpty()) {
          out.add(name + ": " + cases);
        }
      }
    }
    return out;
  }

  /** "test case 3 changed; test case 5 is new", by the numbers people see in the file. */
  private static String caseChanges(Map<String, PlannedCase> was, Map<String, PlannedCase> now) {
    TreeSet<Integer> changed = new TreeSet<>();
    TreeSet<Integer> added = new TreeSet<>();
    TreeSet<Integer> removed = new TreeSet<>();
    now.forEach(
        (id, c) -> {
          PlannedCase old = was.get(id);
          if (old == null) {
            added.add(c.number());
          } else if (!old.hash().equals(c.hash())) {
            changed.add(c.number());
          }
        });
    was.forEach(
        (id, c) -> {
          if (!now.containsKey(id)) {
            removed.add(c.number());
          }
        });
    List<String> parts = new ArrayList<>();
    if (!changed.isEmpty()) {
      parts.add(cases(changed) + " changed");
    }
    // a row without an id is known by its content: an edited row reads as one gone, one new
    if (!removed.isEmpty()) {
      parts.add(cases(removed) + " of the run started gone or edited");
    }
    if (!added.isEmpty()) {
      parts.add(cases(added) + " new or edited");
    }
    return String.join("; ", parts);
  }

  private static String cases(TreeSet<Integer> numbers) {
    List<String> shown = numbers.stream().limit(5).map(String::valueOf).toList();
    return (numbers.size() == 1 ? "test case " : "test cases ")
        + String.join(", ", shown)
        + (numbers.size() > shown.size()
            ? " and " + (numbers.size() - shown.size()) + " more"
            : "");
  }

  /** Writes {@code inputs.json} into {@code runDir}. */
  public void write(Path runDir) {
    try {
      AtomicFiles.write(runDir.resolve(FILE), Json.pretty().writeValueAsString(this));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The inputs kept in {@code runDir}, or null when it has none (a new run, or one started by a
   * promptcheck that did not keep them) or they are unreadable (then the resume cannot compare and
   * goes on as before; the journal is the truth of what finished).
   */
  public static RunInputs read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      RunInputs in = Json.MAPPER.readValue(file.toFile(), RunInputs.class);
      return in.format() == FORMAT ? in : null;
    } catch (JsonProcessingException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A resume refused because its inputs changed; the message names each change and the way on. */
  public static final class Changed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Changed(int finished, List<String> changes) {
      super(
          "the inputs changed since the run started, and "
              + finished
              + (finished == 1 ? " trial" : " trials")
              + " finished before would be reported beside trials run on the new inputs as one"
              + " run:\n  "
              + String.join("\n  ", changes)
              + "\nundo the change to finish the run as it was started, or start a new run");
    }
  }
}
