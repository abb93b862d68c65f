package dev.promptcheck.cli;

import dev.promptcheck.suite.DefaultPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The suite {@code run}, {@code validate} and {@code lint} take when no PATH is given. */
final class DefaultSuite {
  /** The PATH parameter's help. */
  static final String DESCRIPTION =
      "files, folders or globs (default: prompts/ and .github/prompts/, else every *.prompt.yml"
          + " and *.prompt.yaml here)";

  private DefaultSuite() {}

  /**
   * With no PATH, the prompt files where gh users keep them ({@link DefaultPaths}); the ones left
   * out are named, and finding none is an error that says where it looked.
   *
   * @param done what the command does with them, as a participle ("run", "checked"), for the note
   */
  static List<String> paths(Path cwd, PrintWriter err, String done) {
    DefaultPaths.Found found = DefaultPaths.find(cwd);
    if (found.isEmpty()) {
      throw new Main.UsageError(
          "no prompt files found: looked in "
              + DefaultPaths.whereItLooked(cwd)
              + "; give the files, folders or globs");
    }
    List<String> left = found.notRun();
    if (!left.isEmpty()) {
      boolean one = left.size() == 1;
      err.println(
          "promptcheck: note: with no PATH, the suite is "
              + String.join(" and ", found.paths().stream().map(p -> p + "/").toList())
              + "; "
              + left.size()
              + (one ? " other prompt file is" : " other prompt files are")
              + " not "
              + done
              + " ("
              + String.join(", ", left.stream().limit(5).toList())
              + (left.size() > 5 ? ", ..." : "")
              + "): name "
              + (one ? "it" : "them")
              + " to include "
              + (one ? "it" : "them"));
    }
    return found.paths();
  }
}
