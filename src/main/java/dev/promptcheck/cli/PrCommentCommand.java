package dev.promptcheck.cli;

import dev.promptcheck.eval.Status;
import dev.promptcheck.report.PrCommentMarkdown;
import dev.promptcheck.report.PrCommentMarkdown.FileResult;
import dev.promptcheck.report.PrCommentMarkdown.Kind;
import dev.promptcheck.result.Comparison;
import dev.promptcheck.result.ExitCode;
import dev.promptcheck.result.ExitPolicy;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.suite.SuiteLoader;
import dev.promptcheck.support.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pr-comment}: the prompt files a pull request changes, run on its base and on its head
 * (each in a temporary git worktree, by {@code run} itself, so the options, the promptcheck.yaml
 * and the reports are those of a run), paired by case per file, and one Markdown comment of the
 * result: printed, kept in the run folder, and with {@code --post} put on the pull request.
 */
@Command(
    name = "pr-comment",
    sortOptions = false,
    description =
        "Run the prompt files changed between two git refs on both, pair the results by case and"
            + " write one Markdown comment for the pull request (--post puts it there, updating"
            + " its own comment on a later push). Every option that is not pr-comment's own is"
            + " run's (--model, --judge, --repeat, --replay, ...) and applies to both sides.",
    footer = {
      "",
      "Exit: 0 no regression; 1 a case regressed (or, with --fail-on failures, a case fails on the"
          + " head); 2 bad usage or a refused file; 3 a side could not complete or posting failed."
    })
final class PrCommentCommand implements Callable<Integer> {
  /** What the comment itself is kept as in the run folder. */
  static final String COMMENT_FILE = "pr-comment.md";

  private final Invocation invocation;

  PrCommentCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Option(
      names = "--base",
      paramLabel = "REF",
      description =
          "what the pull request merges into (default: origin/$GITHUB_BASE_REF, which Actions sets"
              + " on pull_request events)")
  String base;

  @Option(
      names = "--head",
      paramLabel = "REF",
      defaultValue = "HEAD",
      description = "the pull request's commit (default ${DEFAULT-VALUE})")
  String head;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "reports",
      description = "where the run folder goes (default ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      converter = OptionTypes.RunId.class,
      description =
          "the run folder under --out: base/ and head/ (each a run's reports) and "
              + COMMENT_FILE
              + " (default: pr- and a timestamp)")
  String runId;

  @Option(
      names = "--fail-on",
      paramLabel = "regressions|failures|none",
      defaultValue = "regressions",
      description =
          "exit 1 when a case regressed (default), also when a case fails on the head, or never")
  String failOn;

  @Option(
      names = "--regressions",
      paramLabel = "any|significant",
      defaultValue = "any",
      description =
          "what gates as a regression: any case that fell from pass to fail (default), or only a"
              + " model whose paired drop on a file is significant (p < --alpha, adjusted)")
  String regressions;

  @Option(
      names = "--post",
      description =
          "put the comment on the pull request: update the one carrying its marker, else create it"
              + " (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL)")
  boolean post;

  @Option(
      names = "--pr",
      paramLabel = "N",
      converter = OptionTypes.AtLeastOne.class,
      description = "the pull request's number (default: pull_request.number of GITHUB_EVENT_PATH)")
  Integer pr;

  /** {@link #regressions} parsed. */
  private ExitPolicy.Regressions rule = ExitPolicy.Regressions.ANY;

  @CommandLine.Unmatched List<String> runArgs = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where and how to post, settled before anything runs so a missing token costs no call. */
  private record Target(GitHubComments comments, int pullRequest) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!List.of("regressions", "failures", "none").contains(failOn)) {
      throw new Main.UsageError(
          "--fail-on must be regressions, failures or none, not '" + failOn + "'");
    }
    try {
      rule = ExitPolicy.Regressions.parse(regressions);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(e.getMessage());
    }
    RunCommand runOptions = checkedRunArguments();
    Target target = post ? target() : null;
    Git git = Git.at(invocation.workingDir());
    String baseRef = baseRef();
    String baseCommit = git.commit(baseRef, "--base");
    String headCommit = git.commit(head, "--head");
    List<String> changed = git.changedFiles(baseCommit, headCommit);
    String id = runId != null ? runId : newRunId();
    Path runDir = invocation.resolve(out).toAbsolutePath().normalize().resolve(id);
    if (Files.exists(runDir.resolve("base")) || Files.exists(runDir.resolve("head"))) {
      throw new Main.UsageError(
          invocation.shown(runDir) + " already holds a pr-comment run; choose another --run-id");
    }
    Path scratch = Files.createTempDirectory("promptcheck-pr-");
    List<FileResult> files = new ArrayList<>();
    int worst = ExitCode.PASSED;
    try {
      Path baseTree = git.addWorktree(scratch.resolve("base"), baseCommit);
      Path headTree = git.addWorktree(scratch.resolve("head"), headCommit);
      List<String> onBoth = new ArrayList<>();
      List<String> added = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      for (String name : changed) {
        boolean onHead = Files.isRegularFile(headTree.resolve(name));
        boolean onBase = Files.isRegularFile(baseTree.resolve(name));
        if (!SuiteLoader.isPromptFile(onHead ? headTree.resolve(name) : baseTree.resolve(name))) {
          continue;
        }
        if (onHead && onBase) {
          onBoth.add(name);
        } else if (onHead) {
          added.add(name);
        } else if (onBase) {
          removed.add(name);
        }
      }
      List<String> onHead = new ArrayList<>(onBoth);
      onHead.addAll(added);
      err.println(
          "promptcheck: pr-comment: "
              + onHead.size()
              + " changed prompt file(s) to run on "
              + head
              + (onBoth.isEmpty() ? "" : ", " + onBoth.size() + " of them on " + baseRef)
              + (removed.isEmpty() ? "" : "; " + removed.size() + " removed"));
      RunResult before = null;
      RunResult after = null;
      if (!onBoth.isEmpty()) {
        Side side = runSide("base", baseRef, baseTree, onBoth, runDir, err);
        worst = Math.max(worst, side.exit());
        before = side.result();
      }
      if (!onHead.isEmpty()) {
        Side side = runSide("head", head, headTree, onHead, runDir, err);
        worst = Math.max(worst, side.exit());
        after = side.result();
      }
      if ((!onBoth.isEmpty() && before == null) || (!onHead.isEmpty() && after == null)) {
        return Math.max(worst, ExitCode.INCOMPLETE);
      }
      double alpha = runOptions.reports.alpha;
      var adjust = ReportOptions.adjust(runOptions.reports.pAdjust);
      for (String f : onBoth) {
        RunResult b = before.onlyFile(f);
        RunResult a = after.onlyFile(f);
        files.add(
            new FileResult(
                f,
                Kind.CHANGED,
                b,
                a,
                Comparison.of(b, a, alpha, adjust, runOptions.reports.clusterBy)));
      }
      for (String f : added) {
        files.add(new FileResult(f, Kind.NEW, null, after.onlyFile(f), Comparison.NONE));
      }
      for (String f : removed) {
        files.add(new FileResult(f, Kind.REMOVED, null, null, Comparison.NONE));
      }
    } finally {
      git.removeWorktree(scratch.resolve("base"));
      git.removeWorktree(scratch.resolve("head"));
      Git.deleteTree(scratch);
    }
    String comment =
        PrCommentMarkdown.render(
            new PrCommentMarkdown.Sides(
                baseRef, abbreviated(baseCommit), head, abbreviated(headCommit), reportsLine(id)),
            files);
    Files.createDirectories(runDir);
    AtomicFiles.write(runDir.resolve(COMMENT_FILE), invocation.secrets(), comment);
    stdout.print(comment);
    stdout.flush();
    if (target != null) {
      if (files.isEmpty()) {
        err.println("promptcheck: pr-comment: no prompt file changed; nothing posted");
      } else {
        try {
          GitHubComments.Posted posted =
              target
                  .comments()
                  .upsert(
                      target.pullRequest(),
                      PrCommentMarkdown.MARKER,
                      invocation.secrets().scrub(comment));
          err.println(
              "promptcheck: pr-comment: "
                  + (posted.created() ? "created" : "updated")
                  + " comment "
                  + posted.id()
                  + " on pull request #"
                  + target.pullRequest()
                  + (posted.url().isEmpty() ? "" : " (" + posted.url() + ")"));
        } catch (GitHubComments.Failure e) {
          err.println("promptcheck: pr-comment: " + e.getMessage());
          worst = Math.max(worst, ExitCode.INCOMPLETE);
        }
      }
    }
    return Math.max(worst, gate(files));
  }

  private int gate(List<FileResult> files) {
    if (failOn.equals("none")) {
      return ExitCode.PASSED;
    }
    // the regression rule is the run's own (--regressions any|significant), applied per file
    ExitPolicy regressions =
        new ExitPolicy(ExitPolicy.FailOn.REGRESSIONS, null, ExitPolicy.Gate.POINT, rule);
    boolean regressed =
        files.stream().anyMatch(f -> regressions.exitCode(f.comparison()) != ExitCode.PASSED);
    boolean failing =
        failOn.equals("failures")
            && files.stream()
                .filter(f -> f.after() != null)
                .flatMap(f -> f.after().trials().stream())
                .anyMatch(t -> t.status() == Status.FAIL || t.status() == Status.ERROR);
    return regressed || failing ? ExitCode.FAILURES : ExitCode.PASSED;
  }

  /** One side's run: its exit code and its results, null when it wrote none. */
  private record Side(int exit, RunResult result) {}

  private Side runSide(
      String name, String ref, Path tree, List<String> files, Path runDir, PrintWriter err) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(files);
    args.addAll(List.of("--out", runDir.toString(), "--run-id", name, "--fail-on", "none"));
    args.addAll(runArgs);
    err.println(
        "promptcheck: pr-comment: running "
            + files.size()
            + " file(s) on "
            + name
            + " ("
            + ref
            + ")");
    // the run's provenance is its worktree's commit, not the job's GITHUB_SHA
    Map<String, String> env = new HashMap<>(invocation.environment());
    env.remove("GITHUB_SHA");
    env.remove("GITHUB_REF_NAME");
    int exit =
        Main.execute(
            new Invocation(tree, env, invocation.secrets()), args.toArray(String[]::new), err, err);
    Path results = runDir.resolve(name).resolve("results.json");
    if (!Files.isRegularFile(results)) {
      err.println(
          "promptcheck: pr-comment: the run on the "
              + name
              + " ("
              + ref
              + ") wrote no results (exit "
              + exit
              + ", above); no comment");
      return new Side(Math.max(exit, ExitCode.INVALID_INPUT), null);
    }
    return new Side(exit, ReportCommand.read(results));
  }

  /**
   * The options given for {@code run}, parsed as run parses them before anything is checked out, so
   * a typo costs no worktree and no call; those that would make the two sides different runs
   * (paths, a baseline, a shard, a resume) are refused.
   */
  private RunCommand checkedRunArguments() {
    RunCommand run = new RunCommand(invocation);
    CommandLine cli = new CommandLine(run, invocation.factory());
    try {
      cli.parseArgs(runArgs.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new Main.UsageError("pr-comment: " + UsageMessages.describe(e));
    }
    if (!run.paths.isEmpty()) {
      throw new Main.UsageError(
          "pr-comment runs the prompt files the pull request changes; it takes no PATH ("
              + String.join(" ", run.paths)
              + ")");
    }
    Map<String, String> refused =
        Map.of(
            "--baseline", "the base is the baseline",
            "--resume", "each side is a new run",
            "--shard", "both sides run every case of the changed files",
            "--format", "each side writes every report (the comment links report.html)",
            // each side runs with --fail-on none: a rate asked for here would never be checked
            "--min-pass-rate", "the comment gates on the change between the sides (--fail-on)",
            "--gate", "the comment gates on the change between the sides (--fail-on)",
            "--history", "the base's run would enter the history as its newest night");
    for (Map.Entry<String, String> option : refused.entrySet()) {
      if (cli.getParseResult().hasMatchedOption(option.getKey())) {
        throw new Main.UsageError(
            "pr-comment: " + option.getKey() + " does not apply: " + option.getValue());
      }
    }
    ReportOptions.checkAlpha(run.reports.alpha);
    ReportOptions.adjust(run.reports.pAdjust);
    return run;
  }

  private Target target() {
    Map<String, String> env = invocation.environment();
    String token = env.get("GITHUB_TOKEN");
    if (token == null || token.isBlank()) {
      throw new Main.UsageError(
          "--post needs GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ github.token }}, with"
              + " permissions: pull-requests: write)");
    }
    Integer number = pr != null ? pr : GitHubComments.pullRequestOf(env);
    if (number == null) {
      throw new Main.UsageError(
          "--post needs the pull request's number: --pr N (on a pull_request event Actions gives"
              + " it in GITHUB_EVENT_PATH)");
    }
    String api = env.getOrDefault("GITHUB_API_URL", "https://api.github.com");
    return new Target(new GitHubComments(api, env.get("GITHUB_REPOSITORY"), token), number);
  }

  private String baseRef() {
    if (base != null) {
      return base;
    }
    String fromActions = invocation.environment().get("GITHUB_BASE_REF");
    if (fromActions != null && !fromActions.isBlank()) {
      return "origin/" + fromActions.strip();
    }
    throw new Main.UsageError(
        "pr-comment needs the base: --base REF (on a pull_request event GITHUB_BASE_REF names"
            + " it)");
  }

  /** Where report.html is: the workflow run's artifact when run in Actions, else the folder. */
  private String reportsLine(String id) {
    Map<String, String> env = invocation.environment();
    String server = env.get("GITHUB_SERVER_URL");
    String repo = env.get("GITHUB_REPOSITORY");
    String run = env.get("GITHUB_RUN_ID");
    if (server != null && repo != null && run != null) {
      return "Reports: `head/report.html` and `base/report.html` in the artifact `"
          + id
          + "` of [this workflow run]("
          + server.replaceAll("/+$", "")
          + "/"
          + repo
          + "/actions/runs/"
          + run
          + "#artifacts).";
    }
    Path folder = invocation.resolve(out).resolve(id);
    return "Reports: `" + folder.resolve("head/report.html") + "`.";
  }

  private static String abbreviated(String commit) {
    return commit.length() > 7 ? commit.substring(0, 7) : commit;
  }

  private static String newRunId() {
    return "pr-"
        + LocalDateTime.now(ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }
}
