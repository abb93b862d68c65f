package dev.promptcheck.history;

import dev.promptcheck.eval.Status;
import dev.promptcheck.model.ModelVersion;
import dev.promptcheck.result.RunResult;
import dev.promptcheck.result.Stats;
import dev.promptcheck.result.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code history.sqlite}: one row per run, per suite (prompt file × model) of a run, and per case
 * of a suite, as docs/history.md documents them. The run folders stay the truth; the index holds
 * what the trend needs, so re-reading 365 nights is not needed to draw them, and only new runs are
 * indexed. Versioned by {@code meta.schema_version}: an index of another version is refused
 * (rebuild it from the run folders), never misread.
 */
public final class HistoryIndex implements AutoCloseable {
  public static final String FILE = "history.sqlite";
  public static final int SCHEMA_VERSION = 1;

  /** The longest output kept for a case that did not pass: enough to see why at a glance. */
  static final int OUTPUT_CHARS = 2000;

  private static final String[] SCHEMA = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE runs("
        + " run_key TEXT PRIMARY KEY," // run_id@started_at: the same run found twice is one
        + " run_id TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,"
        + " tool_version TEXT, git_commit TEXT, git_branch TEXT, incomplete TEXT,"
        + " source TEXT NOT NULL)",
    "CREATE TABLE suite_runs("
        + " run_key TEXT NOT NULL REFERENCES runs(run_key), file TEXT NOT NULL, model TEXT NOT NULL,"
        + " content_hash TEXT, model_version TEXT,"
        + " cases INTEGER NOT NULL, trials INTEGER NOT NULL, passed INTEGER NOT NULL,"
        + " failed INTEGER NOT NULL, errors INTEGER NOT NULL, skipped INTEGER NOT NULL,"
        + " pass_rate REAL NOT NULL, pass_rate_low REAL NOT NULL, pass_rate_high REAL NOT NULL,"
        + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost REAL,"
        + " p50_latency_ms INTEGER NOT NULL, p95_latency_ms INTEGER NOT NULL,"
        + " PRIMARY KEY(run_key, file, model))",
    "CREATE TABLE case_runs("
        + " run_key TEXT NOT NULL REFERENCES runs(run_key), file TEXT NOT NULL, model TEXT NOT NULL,"
        + " case_id TEXT NOT NULL, case_hash TEXT, label TEXT,"
        + " passed INTEGER NOT NULL, decided INTEGER NOT NULL, errors INTEGER NOT NULL,"
        + " model_version TEXT, output TEXT,"
        + " PRIMARY KEY(run_key, file, model, case_id))",
    "CREATE INDEX case_runs_by_suite ON case_runs(file, model, case_id)",
    // the results files read, so that indexing again reads only new or changed ones
    "CREATE TABLE sources("
        + " path TEXT PRIMARY KEY, size INTEGER NOT NULL, modified TEXT NOT NULL,"
        + " run_key TEXT NOT NULL)",
  };

  private final Connection db;

  private HistoryIndex(Connection db) {
    this.db = db;
  }

  /**
   * Opens the index at {@code file}, creating it when absent.
   *
   * @throws IOException when it cannot be opened, or holds another schema version
   */
  public static HistoryIndex open(Path file) throws IOException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      HistoryIndex index = new HistoryIndex(db);
      if (fresh) {
        index.create();
      } else {
        index.checkVersion(file);
      }
      db.setAutoCommit(false);
      return index;
    } catch (SQLException e) {
      throw new IOException(file + ": not a promptcheck history index (" + e.getMessage() + ")", e);
    }
  }

  private void create() throws SQLException {
    try (Statement s = db.createStatement()) {
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
      s.execute("INSERT INTO meta VALUES('schema_version', '" + SCHEMA_VERSION + "')");
    }
  }

  private void checkVersion(Path file) throws SQLException, IOException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
      String version = r.next() ? r.getString(1) : null;
      if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
        throw new IOException(
            file
                + " has history schema version "
                + version
                + ", this promptcheck reads version "
                + SCHEMA_VERSION
                + ": delete it and run `promptcheck history` again to rebuild it from the run"
                + " folders");
      }
    }
  }

  /** The key a run is indexed under: the same run found in two folders is one run. */
  public static String keyOf(RunResult run) {
    return run.runId() + "@" + run.startedAt();
  }

  /** Whether the run is already indexed. */
  public boolean has(String runKey) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM runs WHERE run_key = ?")) {
      p.setString(1, runKey);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Whether {@code resultsJson} was read before and has not changed since (size and time). */
  public boolean unchanged(Path resultsJson) throws SQLException, IOException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT size, modified FROM sources WHERE path = ?")) {
      p.setString(1, resultsJson.toAbsolutePath().normalize().toString());
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            && r.getLong(1) == Files.size(resultsJson)
            && r.getString(2).equals(Files.getLastModifiedTime(resultsJson).toString());
      }
    }
  }

  /** Notes that {@code resultsJson} holds run {@code runKey}, so it is not read again. */
  public void noteSource(Path resultsJson, String runKey) throws SQLException, IOException {
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR REPLACE INTO sources VALUES(?, ?, ?, ?)")) {
      p.setString(1, resultsJson.toAbsolutePath().normalize().toString());
      p.setLong(2, Files.size(resultsJson));
      p.setString(3, Files.getLastModifiedTime(resultsJson).toString());
      p.setString(4, runKey);
      p.executeUpdate();
    }
    db.commit();
  }

  /** Indexes {@code run}, read from {@code source}; committed at once. */
  public void add(RunResult run, String source) throws SQLException {
    String key = keyOf(run);
    try (PreparedStatement p =
        db.prepareStatement("INSERT INTO runs VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, key);
      p.setString(2, run.runId());
      p.setString(3, run.startedAt().toString());
      p.setString(4, run.finishedAt().toString());
      p.setString(5, run.toolVersion());
      p.setString(6, run.provenance().commit());
      p.setString(7, run.provenance().branch());
      p.setString(8, run.incomplete());
      p.setString(9, source);
      p.executeUpdate();
    }
    Map<String, RunResult.SuiteInfo> suites = new HashMap<>();
    run.suites().forEach(s -> suites.put(s.file(), s));
    Map<List<String>, List<TrialResult>> bySuite = new LinkedHashMap<>();
    for (TrialResult t : run.trials()) {
      bySuite.computeIfAbsent(List.of(t.file(), t.model()), k -> new ArrayList<>()).add(t);
    }
    try (PreparedStatement suite =
            db.prepareStatement(
                "INSERT INTO suite_runs VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?)");
        PreparedStatement kase =
            db.prepareStatement("INSERT INTO case_runs VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<List<String>, List<TrialResult>> e : bySuite.entrySet()) {
        String file = e.getKey().get(0);
        String model = e.getKey().get(1);
        RunResult.SuiteInfo info = suites.get(file);
        List<TrialResult> trials = e.getValue();
        Stats st = Stats.of(trials);
        int i = 1;
        suite.setString(i++, key);
        suite.setString(i++, file);
        suite.setString(i++, model);
        suite.setString(i++, info == null ? null : info.contentHash());
        suite.setString(i++, commonest(trials));
        suite.setInt(i++, st.cases());
        suite.setInt(i++, st.total());
        suite.setInt(i++, st.passed());
        suite.setInt(i++, st.failed());
        suite.setInt(i++, st.errors());
        suite.setInt(i++, st.skipped());
        suite.setDouble(i++, st.passRate());
        suite.setDouble(i++, st.low());
        suite.setDouble(i++, st.high());
        suite.setLong(i++, st.inputTokens());
        suite.setLong(i++, st.outputTokens());
        if (st.cost() == null) {
          suite.setNull(i++, java.sql.Types.REAL);
        } else {
          suite.setDouble(i++, st.cost());
        }
        suite.setLong(i++, st.p50LatencyMs());
        suite.setLong(i, st.p95LatencyMs());
        suite.addBatch();
        for (CaseRow c : cases(trials, info)) {
          int j = 1;
          kase.setString(j++, key);
          kase.setString(j++, file);
          kase.setString(j++, model);
          kase.setString(j++, c.caseId);
          kase.setString(j++, c.caseHash);
          kase.setString(j++, c.label);
          kase.setInt(j++, c.passed);
          kase.setInt(j++, c.decided);
          kase.setInt(j++, c.errors);
          kase.setString(j++, c.modelVersion);
          kase.setString(j, c.output);
          kase.addBatch();
        }
      }
      suite.executeBatch();
      kase.executeBatch();
    }
    db.commit();
  }

  /** A case of one suite in one run, its repeats rolled up. */
  private static final class CaseRow {
    String caseId;
    String caseHash;
    String label;
    int passed;
    int decided;
    int errors;
    String modelVersion;
    String output;
  }

  private static List<CaseRow> cases(List<TrialResult> trials, RunResult.SuiteInfo info) {
    Map<String, CaseRow> rows = new LinkedHashMap<>();
    for (TrialResult t : trials) {
      CaseRow c =
          rows.computeIfAbsent(
              t.caseId(),
              id -> {
                CaseRow r = new CaseRow();
                r.caseId = id;
                r.caseHash = info == null ? null : info.caseHashes().get(id);
                r.label = t.caseLabel();
                return r;
              });
      switch (t.status()) {
        case PASS -> {
          c.passed++;
          c.decided++;
        }
        case FAIL -> c.decided++;
        case ERROR -> c.errors++;
        default -> {}
      }
      if (c.modelVersion == null && t.modelVersion() != null) {
        c.modelVersion = t.modelVersion().label();
      }
      if (c.output == null && t.status() != Status.PASS && t.status() != Status.SKIPPED) {
        String why = t.output() != null ? t.output() : t.error();
        c.output =
            why == null || why.length() <= OUTPUT_CHARS ? why : why.substring(0, OUTPUT_CHARS);
      }
    }
    return new ArrayList<>(rows.values());
  }

  /** The model version most of the trials reported; null when none did. */
  private static String commonest(List<TrialResult> trials) {
    Map<String, Integer> counts = new HashMap<>();
    for (TrialResult t : trials) {
      ModelVersion v = t.modelVersion();
      if (v != null && v.label() != null) {
        counts.merge(v.label(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** Everything indexed, runs oldest first, for the page and the drift detector. */
  public History load() throws SQLException {
    List<History.Run> runs = new ArrayList<>();
    Map<String, Integer> runIndex = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT run_key, run_id, started_at, tool_version, git_commit, git_branch,"
                    + " incomplete, source FROM runs ORDER BY started_at, run_key")) {
      while (r.next()) {
        runIndex.put(r.getString(1), runs.size());
        runs.add(
            new History.Run(
                r.getString(1),
                r.getString(2),
                java.time.Instant.parse(r.getString(3)),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8)));
      }
    }
    Map<List<String>, List<Series.Point>> points = new LinkedHashMap<>();
    Map<List<String>, List<String>> keys = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT s.file, s.model, s.run_key, content_hash, model_version, cases, trials,"
                    + " passed, failed, errors, pass_rate, pass_rate_low, pass_rate_high,"
                    + " input_tokens, output_tokens, cost, p50_latency_ms, p95_latency_ms"
                    + " FROM suite_runs s JOIN runs USING(run_key)"
                    + " ORDER BY s.file, s.model, runs.started_at, run_key")) {
      while (r.next()) {
        List<String> suite = List.of(r.getString(1), r.getString(2));
        double cost = r.getDouble(16);
        boolean noCost = r.wasNull();
        points
            .computeIfAbsent(suite, k -> new ArrayList<>())
            .add(
                new Series.Point(
                    runIndex.get(r.getString(3)),
                    r.getString(4),
                    r.getString(5),
                    r.getInt(6),
                    r.getInt(7),
                    r.getInt(8),
                    r.getInt(9),
                    r.getInt(10),
                    r.getDouble(11),
                    r.getDouble(12),
                    r.getDouble(13),
                    r.getLong(14),
                    r.getLong(15),
                    noCost ? null : cost,
                    r.getLong(17),
                    r.getLong(18)));
        keys.computeIfAbsent(suite, k -> new ArrayList<>()).add(r.getString(3));
      }
    }
    List<Series> series = new ArrayList<>();
    for (Map.Entry<List<String>, List<Series.Point>> e : points.entrySet()) {
      series.add(series(e.getKey().get(0), e.getKey().get(1), e.getValue(), keys.get(e.getKey())));
    }
    return new History(runs, series);
  }

  private Series series(String file, String model, List<Series.Point> points, List<String> runKeys)
      throws SQLException {
    Map<String, Integer> pointOf = new HashMap<>();
    for (int i = 0; i < runKeys.size(); i++) {
      pointOf.put(runKeys.get(i), i);
    }
    Map<String, Integer> caseOf = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    List<int[]> rows = new ArrayList<>(); // point, case, passed, decided
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT run_key, case_id, label, passed, decided FROM case_runs"
                + " WHERE file = ? AND model = ?")) {
      p.setString(1, file);
      p.setString(2, model);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String caseId = r.getString(2);
          Integer c = caseOf.get(caseId);
          if (c == null) {
            c = caseOf.size();
            caseOf.put(caseId, c);
            labels.add(r.getString(3));
          }
          rows.add(new int[] {pointOf.get(r.getString(1)), c, r.getInt(4), r.getInt(5)});
        }
      }
    }
    short[][] passed = new short[points.size()][caseOf.size()];
    short[][] decided = new short[points.size()][caseOf.size()];
    for (int[] row : rows) {
      passed[row[0]][row[1]] = (short) Math.min(row[2], Short.MAX_VALUE);
      decided[row[0]][row[1]] = (short) Math.min(row[3], Short.MAX_VALUE);
    }
    return new Series(
        file, model, points, new ArrayList<>(caseOf.keySet()), labels, passed, decided);
  }

  /** The output kept for a case in a run (only for cases that did not pass); null when none. */
  public String output(String runKey, String file, String model, String caseId)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT output FROM case_runs WHERE run_key = ? AND file = ? AND model = ?"
                + " AND case_id = ?")) {
      p.setString(1, runKey);
      p.setString(2, file);
      p.setString(3, model);
      p.setString(4, caseId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      db.close();
    } catch (SQLException e) {
      throw new IOException("closing the history index: " + e.getMessage(), e);
    }
  }
}
