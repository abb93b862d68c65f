package dev.promptcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The few git commands {@code pr-comment} needs, run as processes in one repository: which files
 * two refs differ in, and a detached worktree of each ref to run them in. Every failure is a {@link
 * Main.UsageError} of one line (git's own first line of complaint kept), never a stack trace.
 */
final class Git {
  private final Path top;

  private Git(Path top) {
    this.top = top;
  }

  /** The repository {@code dir} is in. */
  static Git at(Path dir) {
    Result r = run(dir, "rev-parse", "--show-toplevel");
    if (r.exit() != 0) {
      throw new Main.UsageError(
          "pr-comment: " + dir + " is not in a git repository (" + r.firstErrorLine() + ")");
    }
    return new Git(Path.of(r.out().strip()));
  }

  Path top() {
    return top;
  }

  /** The commit {@code ref} names; an unknown ref is a usage error naming the option. */
  String commit(String ref, String option) {
    // a ref cannot start with '-' (git check-ref-format); refused here so it is never an option
    Result r =
        ref.startsWith("-")
            ? new Result(1, "", "")
            : run(top, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
    if (r.exit() != 0 || r.out().isBlank()) {
      throw new Main.UsageError(
          "pr-comment: "
              + option
              + " "
              + ref
              + ": no such commit in "
              + top
              + " (fetch it first: actions/checkout with fetch-depth: 0 fetches every branch)");
    }
    return r.out().strip();
  }

  /**
   * The files that differ between the merge base of {@code base} and {@code head}, and {@code
   * head}: what a pull request changes ({@code git diff base...head}). Renames are a removal and an
   * addition, so an old name is listed as removed and the new one as new.
   */
  List<String> changedFiles(String base, String head) {
    Result r = run(top, "diff", "--name-only", "--no-renames", "-z", base + "..." + head, "--");
    if (r.exit() != 0) {
      throw new Main.UsageError(
          "pr-comment: git diff " + base + "..." + head + ": " + r.firstErrorLine());
    }
    List<String> names = new ArrayList<>();
    for (String name : r.out().split("\0")) {
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /** A detached checkout of {@code commit} at {@code where}, which must not exist yet. */
  Path addWorktree(Path where, String commit) {
    Result r = run(top, "worktree", "add", "--detach", "--quiet", where.toString(), commit);
    if (r.exit() != 0) {
      throw new Main.UsageError(
          "pr-comment: cannot check out " + commit + " at " + where + ": " + r.firstErrorLine());
    }
    return where;
  }

  /** Removes a worktree {@link #addWorktree} made; what git leaves behind is deleted too. */
  void removeWorktree(Path where) {
    run(top, "worktree", "remove", "--force", where.toString());
    deleteTree(where);
    run(top, "worktree", "prune");
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is not worth failing a finished comment for
    }
  }

  record Result(int exit, String out, String err) {
    String firstErrorLine() {
      String text = err.isBlank() ? out : err;
      return text.strip().lines().findFirst().orElse("exit " + exit);
    }
  }

  static Result run(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0"); // never wait for a password
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new Main.UsageError("pr-comment needs git, and there is no git on PATH");
    }
    try {
      p.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      String out = read(p.getInputStream());
      return new Result(p.waitFor(), out, err.join());
    } catch (IOException e) {
      throw new Main.UsageError("pr-comment: git " + args[0] + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new Main.UsageError("pr-comment: interrupted while git " + args[0] + " ran");
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
