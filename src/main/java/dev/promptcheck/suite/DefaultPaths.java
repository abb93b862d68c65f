package dev.promptcheck.suite;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The prompt files a command runs when it is given no PATH, found where GitHub Models users keep
 * them: {@code prompts/} and {@code .github/prompts/} (where gh-models' own examples and
 * actions/ai-inference put them), else every {@code *.prompt.yml} and {@code *.prompt.yaml} in the
 * working directory's tree, the names gh models gives its files wherever they are.
 *
 * <p>The two folders come first: when either holds a prompt file, the suite is those folders, and
 * the {@code *.prompt.yml} found elsewhere (fixtures under src/test/resources, a starter template
 * under src/main/resources) are named as not run rather than run by surprise.
 */
public final class DefaultPaths {
  /** The folders tried first, as shown to the user. */
  public static final List<String> FOLDERS = List.of("prompts", ".github/prompts");

  /**
   * Folders the tree walk never enters, beside every hidden one but {@code .github}: build output,
   * dependencies, environments and promptcheck's own output would run a copy or a dependency's
   * prompts.
   */
  private static final Set<String> SKIPPED =
      Set.of("target", "build", "node_modules", "venv", "__pycache__", "site-packages", "reports");

  /**
   * What was found: the paths to run, and other prompt files left out (relative, '/'-separated).
   */
  public record Found(List<String> paths, List<String> notRun) {
    public Found {
      paths = List.copyOf(paths);
      notRun = List.copyOf(notRun);
    }

    public boolean isEmpty() {
      return paths.isEmpty();
    }
  }

  private DefaultPaths() {}

  /** The paths to run in {@code workingDir} when none is given; see the class comment. */
  public static Found find(Path workingDir) {
    Path root = workingDir.toAbsolutePath().normalize();
    List<String> folders = new ArrayList<>();
    for (String folder : FOLDERS) {
      Path dir = root.resolve(folder);
      if (Files.isDirectory(dir) && holdsPromptFile(dir)) {
        folders.add(folder);
      }
    }
    List<String> named = namedPromptFiles(root);
    return folders.isEmpty() ? new Found(named, List.of()) : new Found(folders, named);
  }

  /** Where {@link #find} looked, for the message that says it found nothing. */
  public static String whereItLooked(Path workingDir) {
    return String.join("/, ", FOLDERS)
        + "/ and for *.prompt.yml and *.prompt.yaml under "
        + workingDir.toAbsolutePath().normalize()
        + " (not in "
        + String.join(", ", SKIPPED.stream().sorted().toList())
        + " or hidden folders such as .git; .github is searched)";
  }

  /** Whether the folder walk {@code run prompts} would do finds a prompt file in {@code dir}. */
  private static boolean holdsPromptFile(Path dir) {
    List<Path> found = new ArrayList<>();
    walk(
        dir,
        f -> {
          if (SuiteLoader.isPromptFile(f)) {
            found.add(f);
          }
          return found.isEmpty();
        },
        SuiteLoader::skipsFolder);
    return !found.isEmpty();
  }

  /** Every *.prompt.yml and *.prompt.yaml under {@code root} outside the two folders, sorted. */
  private static List<String> namedPromptFiles(Path root) {
    List<String> out = new ArrayList<>();
    walk(
        root,
        f -> {
          String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
          Path relative = root.relativize(f);
          if ((name.endsWith(".prompt.yml") || name.endsWith(".prompt.yaml"))
              && FOLDERS.stream().noneMatch(folder -> relative.startsWith(Path.of(folder)))) {
            out.add(relative.toString().replace('\\', '/'));
          }
          return true;
        },
        name -> (name.startsWith(".") && !name.equals(".github")) || SKIPPED.contains(name));
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private interface FileSink {
    /** Takes a regular file; false stops the walk. */
    boolean take(Path file);
  }

  private static void walk(Path from, FileSink sink, Predicate<String> skipsFolder) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              return !d.equals(from) && skipsFolder.test(d.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && !sink.take(f)) {
                return FileVisitResult.TERMINATE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              return FileVisitResult.CONTINUE; // an unreadable corner is not where prompts are
            }
          });
    } catch (IOException e) {
      // the root itself cannot be listed: nothing found there, which the caller says
    }
  }
}
