package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.suite.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Help on every command, "did you mean", and messages that name what was typed. */
class CommandLineUsageTest {
  @TempDir Path dir;

  static Stream<String> commands() {
    return Main.commandLine(Invocation.ofProcess()).getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandPrintsItsOwnHelpForHelpAndH(String command) {
    for (String flag : List.of("--help", "-h")) {
      Cli.Result help = Cli.run(command, flag);
      assertThat(help.exit()).as(command + " " + flag + ": " + help.err()).isZero();
      assertThat(help.out()).startsWith("Usage: promptcheck " + command);
      assertThat(help.err()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandIsListedInDocsCommandLine(String command) throws IOException {
    assertThat(Files.readString(Path.of("docs/command-line.md")))
        .contains("\npromptcheck " + command + " ");
  }

  @Test
  void aCommandLineBuildsOnlyTheCommandsItCanReach() {
    Invocation here = Invocation.ofProcess();
    assertThat(Main.commandLine(here, "run", "prompts").getSubcommands()).containsOnlyKeys("run");
    assertThat(Main.commandLine(here, "--version").getSubcommands()).isEmpty();
    assertThat(Main.commandLine(here, "-V", "--help").getSubcommands()).hasSize(11);
    assertThat(Main.commandLine(here, "help", "run").getSubcommands()).hasSize(11);
    assertThat(Main.commandLine(here, "rnu").getSubcommands()).hasSize(11);
    assertThat(Cli.run("--version").out()).startsWith("promptcheck ");
    assertThat(Cli.run("help", "merge").out()).startsWith("Usage: promptcheck merge");
  }

  @Test
  void aMisspeltCommandOrOptionGetsTheNearestSpelling() {
    Cli.Result command = Cli.run("rnu");
    assertThat(command.exit()).isEqualTo(2);
    assertThat(command.err())
        .contains("unknown command 'rnu'")
        .contains("did you mean 'run'?")
        .doesNotContain("Unmatched argument");

    Cli.Result option = Cli.run("run", "--modle", "x");
    assertThat(option.exit()).isEqualTo(2);
    assertThat(option.err())
        .contains("unknown option '--modle' for 'promptcheck run'")
        .contains("did you mean '--model'?")
        .contains("Try 'promptcheck run --help'.");

    assertThat(Cli.run("run", "--conc", "2").err()).contains("did you mean '--concurrency'?");
    assertThat(Cli.run("validate", "--quite").err()).contains("did you mean '--quiet'?");
    assertThat(Cli.run("run", "--zzzzzz").err()).doesNotContain("did you mean");
  }

  @Test
  void badValuesAreNamedOncePerFlag() {
    Cli.Result var = Cli.run("run", "--var", "foo");
    assertThat(var.exit()).isEqualTo(2);
    assertThat(var.err())
        .contains("--var: 'foo' is not name=value")
        .doesNotContain("option option");
    assertThat(Cli.run("run", "--concurrency", "x").err())
        .contains("--concurrency: 'x' is not a whole number");

    List<String> messages =
        Stream.of(
                List.of("--concurrency", "0"),
                List.of("--repeat", "0"),
                List.of("--retries", "-1"),
                List.of("--rpm", "-1"))
            .map(
                args -> {
                  Cli.Result r = Cli.run("run", args.get(0), args.get(1), "--out", dir.toString());
                  assertThat(r.exit()).isEqualTo(2);
                  assertThat(r.err()).contains(args.get(0)).contains("'" + args.get(1) + "'");
                  return r.err();
                })
            .toList();
    assertThat(messages).doesNotHaveDuplicates();
    assertThat(messages.get(0)).doesNotContain("--repeat");
  }

  @Test
  void nothingToRunSaysOnlyTheReasonsThatApply() {
    Path broken = Fixtures.write(dir, "broken.prompt.yml", "name: broken\nmessages: nope\n");
    Path good =
        Fixtures.write(
            dir,
            "good.prompt.yml",
            "name: good\nmodel: ollama:none\nmessages: [{role: user, content: 'hi {{x}}'}]\n"
                + "testData: [{x: one}]\n");
    String out = dir.resolve("reports").toString();

    Cli.Result onlyErrors = Cli.run("run", broken.toString(), "--out", out);
    assertThat(onlyErrors.exit()).isEqualTo(2);
    assertThat(onlyErrors.err())
        .contains("nothing to run: 1 file has errors (above)")
        .doesNotContain("--filter")
        .doesNotContain("--shard");

    Cli.Result errorsAndFilter =
        Cli.run("run", broken.toString(), good.toString(), "--filter", "nothing", "--out", out);
    assertThat(errorsAndFilter.exit()).isEqualTo(2);
    assertThat(errorsAndFilter.err())
        .contains("nothing to run: 1 file has errors (above); --filter 'nothing' matches no case")
        .doesNotContain("--shard");

    // two disjoint shards of a thousand: at least one is empty (the case's shard would only try
    // ollama on loopback)
    List<String> quick = List.of("--cache", "off", "--retries", "0", "--out", out, "--quiet");
    Cli.Result shard = Cli.run(args(good, "--shard", "1/1000", quick));
    Cli.Result otherShard = Cli.run(args(good, "--shard", "2/1000", quick));
    Cli.Result emptyShard = shard.err().contains("nothing to run") ? shard : otherShard;
    assertThat(emptyShard.err())
        .contains("nothing to run: --shard ")
        .contains(" holds none of the cases")
        .doesNotContain("--filter")
        .doesNotContain("errors");
  }

  private static String[] args(Path file, String flag, String value, List<String> more) {
    return Stream.concat(Stream.of("run", file.toString(), flag, value), more.stream())
        .toArray(String[]::new);
  }
}
