package dev.promptcheck.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The git commit and branch a run's prompts were checked out at, read without running git (which a
 * CI image or a user's machine may lack): from GitHub Actions' {@code GITHUB_SHA} and {@code
 * GITHUB_REF_NAME} when set, else from the {@code .git} folder above the working directory (a
 * worktree's {@code .git} file and packed refs included). Anything unreadable is unknown, never an
 * error: provenance must not stop a run.
 */
public final class GitRevision {
  private GitRevision() {}

  /** What was found; either part may be null. */
  public record Revision(String commit, String branch) {}

  public static Revision detect(Path dir, Map<String, String> env) {
    String sha = env.get("GITHUB_SHA");
    if (sha != null && !sha.isBlank()) {
      String ref = env.get("GITHUB_REF_NAME");
      return new Revision(sha.trim(), ref == null || ref.isBlank() ? null : ref.trim());
    }
    try {
      return fromDotGit(dir.toAbsolutePath().normalize()).orElse(new Revision(null, null));
    } catch (IOException | RuntimeException e) {
      return new Revision(null, null);
    }
  }

  private static Optional<Revision> fromDotGit(Path start) throws IOException {
    for (Path d = start; d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return Optional.of(read(dotGit));
      }
      if (Files.isRegularFile(dotGit)) {
        // a worktree or submodule: "gitdir: <path>"
        String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
        if (line.startsWith("gitdir:")) {
          return Optional.of(read(d.resolve(line.substring(7).trim()).normalize()));
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Revision read(Path gitDir) throws IOException {
    String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
    if (!head.startsWith("ref:")) {
      return new Revision(head.isEmpty() ? null : head, null); // detached
    }
    String ref = head.substring(4).trim();
    String branch = ref.startsWith("refs/heads/") ? ref.substring(11) : ref;
    Path common = gitDir;
    Path commondir = gitDir.resolve("commondir");
    if (Files.isRegularFile(commondir)) {
      common =
          gitDir.resolve(Files.readString(commondir, StandardCharsets.UTF_8).trim()).normalize();
    }
    return new Revision(resolve(ref, gitDir, common), branch);
  }

  /** The commit {@code ref} points at: a loose ref, else a line of packed-refs; null if neither. */
  private static String resolve(String ref, Path gitDir, Path common) throws IOException {
    for (Path base : List.of(gitDir, common)) {
      Path loose = base.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return Files.readString(loose, StandardCharsets.UTF_8).trim();
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
        if (line.endsWith(" " + ref) && !line.startsWith("#")) {
          return line.substring(0, line.indexOf(' '));
        }
      }
    }
    return null; // a branch with no commit yet
  }
}
