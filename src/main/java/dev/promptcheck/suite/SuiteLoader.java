package dev.promptcheck.suite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds prompt files (files, folders searched recursively, globs), parses each, and validates it.
 * One bad file never stops the others: each gets its own diagnostics.
 */
public final class SuiteLoader {
  /** The diagnostic code of a path that exists but is no regular file (a FIFO, a device). */
  public static final String NOT_A_FILE = "not-a-file";

  /**
   * Folders a walk never enters: version control, dependencies, build output, Python environments
   * and promptcheck's own output. Dot-folders are searched otherwise: GitHub keeps prompts in
   * {@code .github/prompts/}.
   */
  private static final Set<String> SKIPPED_FOLDERS =
      Set.of(
          ".git",
          ".hg",
          ".svn",
          "node_modules",
          "target",
          "build",
          ".gradle",
          ".venv",
          "venv",
          ".tox",
          ".nox",
          "__pycache__",
          "site-packages",
          ".mypy_cache",
          ".pytest_cache",
          ".promptcheck-cache",
          "reports");

  /** A top-level {@code messages:} key, which makes any YAML file a prompt file. */
  private static final Pattern TOP_LEVEL_MESSAGES =
      Pattern.compile("^[\"']?messages[\"']?[ \t]*:", Pattern.MULTILINE);

  private static final Set<String> ROOT_MARKERS =
      Set.of("promptcheck.yaml", "evaluators", "test-data", ".git");

  private final Path workingDir;
  private final EvaluatorSyntaxes kinds;
  private final Map<String, String> runTimeVariables;
  private final Map<Path, EvaluatorLibrary> libraries = new ConcurrentHashMap<>();

  /** A loader that reads evaluators with the kinds installed with promptcheck. */
  public SuiteLoader(Path workingDir) {
    this(workingDir, EvaluatorSyntaxes.installed(), Map.of());
  }

  public SuiteLoader(Path workingDir, EvaluatorSyntaxes kinds) {
    this(workingDir, kinds, Map.of());
  }

  /**
   * @param runTimeVariables the {@code --var} values: they fill variables for validation as they
   *     will when the files run
   */
  public SuiteLoader(Path workingDir, Map<String, String> runTimeVariables) {
    this(workingDir, EvaluatorSyntaxes.installed(), runTimeVariables);
  }

  public SuiteLoader(
      Path workingDir, EvaluatorSyntaxes kinds, Map<String, String> runTimeVariables) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
    this.kinds = kinds;
    this.runTimeVariables = Map.copyOf(runTimeVariables);
  }

  public PromptSuite load(List<String> arguments) {
    Diagnostics global = new Diagnostics();
    Map<Path, Path> givenFrom = discover(arguments, global);
    List<Path> files = new ArrayList<>(givenFrom.keySet());
    record Loaded(PromptFile file, Diagnostics diagnostics) {}
    List<Loaded> results =
        files.parallelStream()
            .map(
                f -> {
                  Diagnostics d = new Diagnostics();
                  PromptFile pf = loadOne(f, d);
                  return new Loaded(pf == null ? null : pf.withRoot(idRoot(givenFrom.get(f))), d);
                })
            .toList();
    List<PromptFile> loaded = new ArrayList<>();
    List<Diagnostic> all = new ArrayList<>(global.all());
    // by folder, so the order does not depend on which thread met a library first
    new TreeMap<>(libraries).values().forEach(lib -> all.addAll(lib.loadDiagnostics().all()));
    for (Loaded r : results) {
      if (r.file() != null) {
        loaded.add(r.file());
      }
      all.addAll(r.diagnostics().all());
    }
    return new PromptSuite(loaded, all, files.size());
  }

  /** Parses and validates one file; null when it cannot be read at all. */
  public PromptFile loadOne(Path file, Diagnostics diagnostics) {
    String text = readText(file, diagnostics);
    if (text == null) {
      return null;
    }
    Path root = suiteRoot(file);
    EvaluatorLibrary library =
        libraries.computeIfAbsent(root, r -> new EvaluatorLibrary(r.resolve("evaluators")));
    var parsed = PromptFileParser.parse(file, text, root, library, kinds, diagnostics);
    parsed.ifPresent(pf -> SuiteValidator.validate(pf, runTimeVariables, diagnostics));
    return parsed.orElse(null);
  }

  static String readText(Path file, Diagnostics diagnostics) {
    byte[] bytes;
    try {
      if (Files.size(file) > YamlReader.MAX_FILE_CODE_POINTS) {
        diagnostics.error(
            SourceRef.of(file),
            "too-large",
            "file is larger than " + YamlReader.MAX_FILE_CODE_POINTS + " bytes");
        return null;
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      diagnostics.error(SourceRef.of(file), "io", "cannot read: " + e.getMessage());
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(in, out, true);
    if (result.isError()) {
      diagnostics.error(
          atByte(file, bytes, in.position()),
          "encoding",
          "not valid UTF-8 here (byte 0x"
              + String.format("%02X", bytes[in.position()] & 0xFF)
              + " at offset "
              + in.position()
              + "); save the file as UTF-8");
      return null;
    }
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The line and column (in characters) of byte {@code offset}, whose line is valid before it. */
  static SourceRef atByte(Path file, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return new SourceRef(file, line, before.codePointCount(0, before.length()) + 1);
  }

  /**
   * The nearest folder up from the file that looks like a suite's root; datasets must stay inside
   * it.
   */
  Path suiteRoot(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      for (String marker : ROOT_MARKERS) {
        if (Files.exists(d.resolve(marker))) {
          return d;
        }
      }
      if (d.equals(workingDir)) {
        return d;
      }
    }
    return dir;
  }

  /**
   * The root a file's case ids are relative to: the repository (a folder with {@code .git} or
   * {@code promptcheck.yaml}) holding the folder the file was given from, else that folder. Never
   * the working directory, so a suite run from anywhere keeps its ids.
   */
  static Path idRoot(Path givenFrom) {
    Path from = givenFrom.toAbsolutePath().normalize();
    for (Path d = from; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git")) || Files.exists(d.resolve("promptcheck.yaml"))) {
        return d;
      }
    }
    return from;
  }

  /** Every prompt file the arguments name, each with the folder it was given from. */
  private Map<Path, Path> discover(List<String> arguments, Diagnostics diagnostics) {
    Map<Path, Path> givenFrom = new LinkedHashMap<>();
    for (String arg : arguments) {
      Set<Path> out = new LinkedHashSet<>();
      Path from;
      if (arg.contains("*") || arg.contains("?") || arg.contains("[")) {
        from = glob(arg, out, diagnostics);
        out.forEach(f -> givenFrom.putIfAbsent(f, from));
        continue;
      }
      Path p = workingDir.resolve(arg).normalize();
      from = Files.isDirectory(p) ? p : p.getParent();
      if (Files.isRegularFile(p)) {
        out.add(p);
      } else if (Files.isDirectory(p)) {
        int before = out.size();
        walk(p, out, diagnostics);
        if (out.size() == before) {
          diagnostics.warning(
              SourceRef.of(p),
              "no-prompts",
              "no prompt files (*.prompt.yml, *.prompt.yaml, or YAML with 'messages') under "
                  + arg);
        }
      } else if (Files.exists(p)) {
        // a FIFO, a socket, a device: reading it could block the run forever or read garbage
        diagnostics.error(
            SourceRef.of(p), NOT_A_FILE, arg + " is not a regular file (a pipe or a device?)");
      } else {
        diagnostics.error(SourceRef.of(p), "missing-file", "no such file or folder: " + arg);
      }
      out.forEach(f -> givenFrom.putIfAbsent(f, from));
    }
    return givenFrom;
  }

  private void walk(Path dir, Set<Path> out, Diagnostics diagnostics) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              return !d.equals(dir) && skipsFolder(d.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && isPromptFile(f)) {
                found.add(f);
              } else if (attrs.isOther() && f.getFileName().toString().matches("(?i).*\\.ya?ml")) {
                // named like a prompt file but a pipe or a device: said, not skipped in silence
                diagnostics.warning(
                    SourceRef.of(f),
                    NOT_A_FILE,
                    "not a regular file (a pipe or a device?): skipped");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              diagnostics.warning(SourceRef.of(f), "io", "cannot read: " + e.getMessage());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      diagnostics.error(SourceRef.of(dir), "io", "cannot list folder: " + e.getMessage());
    }
    found.stream().sorted().forEach(out::add);
  }

  /** Whether a folder walk skips a folder of this name (see {@link #SKIPPED_FOLDERS}). */
  static boolean skipsFolder(String name) {
    return SKIPPED_FOLDERS.contains(name);
  }

  /** Adds the files a glob matches; returns the folder it searches from. */
  private Path glob(String pattern, Set<Path> out, Diagnostics diagnostics) {
    String normalized = pattern.replace('\\', '/');
    int firstWild = indexOfWildcard(normalized);
    int slash = normalized.lastIndexOf('/', firstWild);
    Path base = workingDir.resolve(slash < 0 ? "." : normalized.substring(0, slash)).normalize();
    PathMatcher matcher =
        FileSystems.getDefault()
            .getPathMatcher("glob:" + workingDir.resolve(normalized).normalize());
    int before = out.size();
    if (Files.isDirectory(base)) {
      try (Stream<Path> s = Files.walk(base)) {
        s.filter(Files::isRegularFile)
            .filter(matcher::matches)
            .filter(SuiteLoader::isPromptFile)
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        diagnostics.error(SourceRef.of(base), "io", "cannot list folder: " + e.getMessage());
      }
    }
    if (out.size() == before) {
      diagnostics.error(SourceRef.of(base), "missing-file", "no file matches " + pattern);
    }
    return base;
  }

  private static int indexOfWildcard(String s) {
    int i = s.length();
    for (char c : new char[] {'*', '?', '['}) {
      int at = s.indexOf(c);
      if (at >= 0) {
        i = Math.min(i, at);
      }
    }
    return i;
  }

  /**
   * What a folder walk or a glob picks up: every {@code *.prompt.yml} and {@code *.prompt.yaml},
   * and another YAML file only when it has a top-level {@code messages} key (a {@code
   * docker-compose.yml} or a workflow beside the prompts is not a prompt file). A file named on the
   * command line is always read. pr-comment asks the same of a pull request's changed files.
   */
  public static boolean isPromptFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".prompt.yml") || name.endsWith(".prompt.yaml")) {
      return true;
    }
    if (!(name.endsWith(".yml") || name.endsWith(".yaml")) || name.equals("promptcheck.yaml")) {
      return false;
    }
    try {
      if (Files.size(file) > YamlReader.MAX_FILE_CODE_POINTS) {
        return false;
      }
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return TOP_LEVEL_MESSAGES.matcher(text).find();
    } catch (IOException e) {
      return false;
    }
  }
}
