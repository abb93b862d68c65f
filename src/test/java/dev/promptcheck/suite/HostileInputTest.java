package dev.promptcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs built to hurt: symlinks out of the suite, huge values, limits and bad bytes, located. */
class HostileInputTest {
  @TempDir Path dir;

  private static final String HEAD = "name: t\nmessages: [{role: user, content: '{{input}}'}]\n";

  @Test
  void aTestDataSymlinkInsideTheSuitePointingOutsideIsRefusedAndNotRead() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.jsonl"), "{\"input\": \"outside secret\"}\n");
    Path suite = Files.createDirectories(dir.resolve("suite"));
    Files.createDirectories(suite.resolve(".git"));
    Files.createDirectories(suite.resolve("test-data"));
    Files.createSymbolicLink(
        suite.resolve("test-data/cases.jsonl"), outside.resolve("secret.jsonl"));
    Files.createSymbolicLink(suite.resolve("test-data/linked"), outside);
    Files.writeString(suite.resolve("test-data/ok.jsonl"), "{\"input\": \"inside\"}\n");

    Fixtures.Loaded viaFile = Fixtures.load(suite, HEAD + "testData: test-data/cases.jsonl\n");
    assertThat(viaFile.messages())
        .contains("[path-escape]")
        .contains("is a symlink to " + outside.toRealPath().resolve("secret.jsonl"));
    assertThat(viaFile.file().map(f -> f.testCases().size()).orElse(0)).isZero();
    assertThat(Fixtures.load(suite, HEAD + "testData: test-data/linked/secret.jsonl\n").messages())
        .contains("[path-escape]");
    Fixtures.Loaded inside = Fixtures.load(suite, HEAD + "testData: test-data/ok.jsonl\n");
    assertThat(inside.get().testCases()).hasSize(1);
  }

  @Test
  void anEvaluatorDefinitionLinkedFromOutsideIsNotRead() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(
        outside.resolve("leak.yaml"), "name: leak\nevaluators: [{string: {contains: x}}]\n");
    Path suite = Files.createDirectories(dir.resolve("suite"));
    Files.createDirectories(suite.resolve("evaluators"));
    Files.createSymbolicLink(suite.resolve("evaluators/leak.yaml"), outside.resolve("leak.yaml"));
    Fixtures.Loaded loaded =
        Fixtures.load(suite, HEAD + "testData: [{input: a}]\nevaluators: [{uses: leak}]\n");
    PromptSuite whole = new SuiteLoader(suite).load(List.of("case.prompt.yml"));
    assertThat(whole.diagnostics().stream().map(Diagnostic::format))
        .anyMatch(m -> m.contains("[path-escape]") && m.contains("leak.yaml"));
    assertThat(loaded.messages()).doesNotContain("contains x");
  }

  @Test
  void aFiveMegabyteSingleLineValueLoadsInLinearTime() {
    String huge = "QUJD".repeat(5 * 1024 * 1024 / 4); // 5 MB of base64, no break anywhere
    String yaml =
        HEAD
            + "testData:\n  - input: "
            + huge
            + "\n  - input: \""
            + huge.substring(0, 1000)
            + "\"\n";
    new SuiteLoader(dir)
        .loadOne(
            Fixtures.write(dir, "warm.prompt.yml", HEAD + "testData: [{input: a}]\n"),
            new Diagnostics());
    // best of three: the machine may be busy with other builds; the old reader took 8-13 s for
    // 3 MB on every try (its cost grows with the square of the value's length)
    long ms = Long.MAX_VALUE;
    Fixtures.Loaded loaded = null;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      loaded = Fixtures.load(dir, yaml);
      ms = Math.min(ms, (System.nanoTime() - start) / 1_000_000);
    }
    assertThat(loaded.get().testCases()).hasSize(2);
    assertThat(loaded.get().testCases().get(0).vars().get("input")).hasSize(huge.length());
    System.out.println("5 MB file with a 5 MB single-line value loaded in " + ms + " ms");
    // a bound far above the linear reader's time even on a loaded machine (1.3 s seen with eight
    // builds at once), far below the quadratic reader's 8-13 s: it catches the square, not speed
    assertThat(ms).as("load time in ms").isLessThan(5_000);
  }

  @Test
  void aliasNestingAndEncodingErrorsPointAtTheOffendingLineNotOneOne() throws Exception {
    StringBuilder bomb = new StringBuilder(HEAD).append("x: 1\n").append("a: &a [x, x, x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1));
      bomb.append(", *").append((char) (c - 1)).append("]\n");
    }
    String alias = Fixtures.load(dir, bomb.toString()).messages();
    assertThat(alias).contains("[yaml-limit]").doesNotContain(":1:1:");
    assertThat(alias).containsPattern("case\\.prompt\\.yml:([5-9]|[1-2]\\d):\\d+: error");

    String deep = HEAD + "testData:\n  - input: " + "[".repeat(100) + "]".repeat(100) + "\n";
    String nesting = Fixtures.load(dir, deep).messages();
    assertThat(nesting).contains("[yaml-limit]").contains("case.prompt.yml:4:");

    Path bad = dir.resolve("bytes.prompt.yml");
    byte[] head = (HEAD + "testData:\n  - input: caf").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 2];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xE9; // latin-1 'é', not UTF-8
    all[head.length + 1] = '\n';
    Files.write(bad, all);
    Diagnostics d = new Diagnostics();
    new SuiteLoader(dir).loadOne(bad, d);
    assertThat(d.all())
        .singleElement()
        .extracting(Diagnostic::format)
        .asString()
        .startsWith(bad + ":4:15: error: not valid UTF-8 here (byte 0xE9");

    String control = HEAD + "testData:\n  - input: \"ok\"\n  - input: bell\u0007here\n";
    assertThat(Fixtures.load(dir, control).messages())
        .contains("case.prompt.yml:5:16: error: character U+0007 is not allowed in YAML");
  }
}
