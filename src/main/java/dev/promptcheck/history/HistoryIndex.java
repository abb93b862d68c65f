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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
  public static final int SCHEMA_VERSION = 2;

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
        + " id INTEGER PRIMARY KEY,"
        + " run_key TEXT NOT NULL REFERENCES runs(run_key), file TEXT NOT NULL, model TEXT NOT NULL,"
        + " content_hash TEXT, model_version TEXT,"
        + " cases INTEGER NOT NULL, trials INTEGER NOT NULL, passed INTEGER NOT NULL,"
        + " failed INTEGER NOT NULL, errors INTEGER NOT NULL, skipped INTEGER NOT NULL,"
        + " pass_rate REAL NOT NULL, pass_rate_low REAL NOT NULL, pass_rate_high REAL NOT NULL,"
        + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost REAL,"
        + " p50_latency_ms INTEGER NOT NULL, p95_latency_ms INTEGER NOT NULL,"
        + " UNIQUE(run_key, file, model))",
    // each case of a prompt file once, so that its 365 nights × models of verdicts hold a number
    "CREATE TABLE cases("
        + " id INTEGER PRIMARY KEY, file TEXT NOT NULL, case_id TEXT NOT NULL, label TEXT,"
        + " UNIQUE(file, case_id))",
    // case hashes and model versions: a few thousand texts repeated in millions of rows, kept once
    "CREATE TABLE texts(id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)",
    "CREATE TABLE case_verdicts("
        + " suite_run INTEGER NOT NULL REFERENCES suite_runs(id),"
        + " case_ref INTEGER NOT NULL REFERENCES cases(id),"
        + " case_hash INTEGER REFERENCES texts(id),"
        + " passed INTEGER NOT NULL, decided INTEGER NOT NULL, errors INTEGER NOT NULL,"
        + " model_version INTEGER REFERENCES texts(id), output TEXT,"
        + " PRIMARY KEY(suite_run, case_ref)) WITHOUT ROWID",
    // the verdicts as one flat table, for the sqlite3 shell (docs/history.md)
    "CREATE VIEW case_runs AS SELECT s.run_key, s.file, s.model, c.case_id,"
        + " h.text AS case_hash, c.label, v.passed, v.decided, v.errors,"
        + " m.text AS model_version, v.output"
        + " FROM case_verdicts v JOIN suite_runs s ON s.id = v.suite_run"
        + " JOIN cases c ON c.id = v.case_ref"
        + " LEFT JOIN texts h ON h.id = v.case_hash LEFT JOIN texts m ON m.id = v.model_version",
    // the results files read, so that indexing again reads only new or changed ones
    "CREATE TABLE sources("
        + " path TEXT PRIMARY KEY, size INTEGER NOT NULL, modified TEXT NOT NULL,"
        + " run_key TEXT NOT NULL)",
  };

  private final Connection db;

  /** The ids of what the index holds, so that rows are numbered here and inserted in batches. */
  private final Map<List<String>, Integer> caseIds = new HashMap<>();

  private final Map<String, Integer> textIds = new HashMap<>();
  private int nextSuiteRun;

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
      try (Statement s = db.createStatement()) {
        // pages of the indexes being appended to stay in memory while a year is indexed
        s.execute("PRAGMA cache_size = -65536");
      }
      if (fresh) {
        index.create();
      } else {
        index.checkVersion(file);
      }
      index.loadIds();
      db.setAutoCommit(false);
      return index;
    } catch (SQLException e) {
      throw new IOException(
          file
              + ": not a promptcheck history index ("
              + e.getMessage()
              + "); delete it and run `promptcheck history` again to rebuild it from the run"
              + " folders",
          e);
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

  private void loadIds() throws SQLException {
    try (Statement s = db.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT id, file, case_id FROM cases")) {
        while (r.next()) {
          caseIds.put(List.of(r.getString(2), r.getString(3)), r.getInt(1));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT id, text FROM texts")) {
        while (r.next()) {
          textIds.put(r.getString(2), r.getInt(1));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM suite_runs")) {
        nextSuiteRun = r.next() ? r.getInt(1) + 1 : 1;
      }
    }
  }

  private void checkVersion(Path file) throws SQLException, IOException {
    String version = null;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
      version = r.next() ? r.getString(1) : null;
    }
    if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
      db.close();
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
  }

  /**
   * Makes what was added since the last commit durable. Runs are added in one transaction and
   * committed every so often, not one by one: a commit is a few fsyncs, and the index is only a
   * copy of the run folders (lost work is read again next time).
   */
  public void commit() throws SQLException {
    db.commit();
  }

  /** Indexes {@code run}, read from {@code source}; durable at the next {@link #commit}. */
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
                    + " ?, ?)");
        PreparedStatement kase = db.prepareStatement("INSERT INTO cases VALUES(?, ?, ?, ?)");
        PreparedStatement text = db.prepareStatement("INSERT INTO texts VALUES(?, ?)");
        PreparedStatement verdict =
            db.prepareStatement("INSERT INTO case_verdicts VALUES(?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<List<String>, List<TrialResult>> e : bySuite.entrySet()) {
        String file = e.getKey().get(0);
        String model = e.getKey().get(1);
        RunResult.SuiteInfo info = suites.get(file);
        List<TrialResult> trials = e.getValue();
        Stats st = Stats.of(trials);
        int suiteRun = nextSuiteRun++;
        int i = 1;
        suite.setInt(i++, suiteRun);
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
          suite.setNull(i++, Types.REAL);
        } else {
          suite.setDouble(i++, st.cost());
        }
        suite.setLong(i++, st.p50LatencyMs());
        suite.setLong(i, st.p95LatencyMs());
        suite.addBatch();
        for (CaseRow c : cases(trials, info)) {
          int j = 1;
          verdict.setInt(j++, suiteRun);
          verdict.setInt(j++, caseRef(kase, file, c.caseId, c.label));
          setText(verdict, j++, text, c.caseHash);
          verdict.setInt(j++, c.passed);
          verdict.setInt(j++, c.decided);
          verdict.setInt(j++, c.errors);
          setText(verdict, j++, text, c.modelVersion);
          verdict.setString(j, c.output);
          verdict.addBatch();
        }
      }
      suite.executeBatch();
      kase.executeBatch();
      text.executeBatch();
      verdict.executeBatch();
    }
  }

  /** The id of a case of {@code file}, numbered (and batched into {@code insert}) when new. */
  private int caseRef(PreparedStatement insert, String file, String caseId, String label)
      throws SQLException {
    List<String> key = List.of(file, caseId);
    Integer id = caseIds.get(key);
    if (id == null) {
      id = caseIds.size() + 1;
      caseIds.put(key, id);
      insert.setInt(1, id);
      insert.setString(2, file);
      insert.setString(3, caseId);
      insert.setString(4, label);
      insert.addBatch();
    }
    return id;
  }

  /** Sets parameter {@code i} to the id of {@code value} in texts (null stays null). */
  private void setText(PreparedStatement p, int i, PreparedStatement insert, String value)
      throws SQLException {
    if (value == null) {
      p.setNull(i, Types.INTEGER);
      return;
    }
    Integer id = textIds.get(value);
    if (id == null) {
      id = textIds.size() + 1;
      textIds.put(value, id);
      insert.setInt(1, id);
      insert.setString(2, value);
      insert.addBatch();
    }
    p.setInt(i, id);
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
                Instant.parse(r.getString(3)),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8)));
      }
    }
    // per suite run (by id): its series and point, so that each verdict row is placed in O(1)
    List<List<String>> suiteKeys = new ArrayList<>();
    List<List<Series.Point>> points = new ArrayList<>();
    Map<List<String>, Integer> seriesOf = new HashMap<>();
    int[] seriesBySuiteRun = new int[Math.max(1, nextSuiteRun)];
    int[] pointBySuiteRun = new int[Math.max(1, nextSuiteRun)];
    Arrays.fill(seriesBySuiteRun, -1);
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT s.id, s.file, s.model, s.run_key, content_hash, model_version, cases,"
                    + " trials, passed, failed, errors, pass_rate, pass_rate_low, pass_rate_high,"
                    + " input_tokens, output_tokens, cost, p50_latency_ms, p95_latency_ms"
                    + " FROM suite_runs s JOIN runs USING(run_key)"
                    + " ORDER BY s.file, s.model, runs.started_at, run_key")) {
      while (r.next()) {
        List<String> suite = List.of(r.getString(2), r.getString(3));
        Integer at = seriesOf.get(suite);
        if (at == null) {
          at = suiteKeys.size();
          seriesOf.put(suite, at);
          suiteKeys.add(suite);
          points.add(new ArrayList<>());
        }
        double cost = r.getDouble(17);
        boolean noCost = r.wasNull();
        int id = r.getInt(1);
        seriesBySuiteRun[id] = at;
        pointBySuiteRun[id] = points.get(at).size();
        points
            .get(at)
            .add(
                new Series.Point(
                    runIndex.get(r.getString(4)),
                    r.getString(5),
                    r.getString(6),
                    r.getInt(7),
                    r.getInt(8),
                    r.getInt(9),
                    r.getInt(10),
                    r.getInt(11),
                    r.getDouble(12),
                    r.getDouble(13),
                    r.getDouble(14),
                    r.getLong(15),
                    r.getLong(16),
                    noCost ? null : cost,
                    r.getLong(18),
                    r.getLong(19)));
      }
    }
    String[] caseIdOf = new String[caseIds.size() + 1];
    String[] labelOf = new String[caseIds.size() + 1];
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT id, case_id, label FROM cases")) {
      while (r.next()) {
        caseIdOf[r.getInt(1)] = r.getString(2);
        labelOf[r.getInt(1)] = r.getString(3);
      }
    }
    // per series: its cases in the order first seen (case ids are numbered as first indexed)
    int n = suiteKeys.size();
    List<short[][]> passed = new ArrayList<>();
    List<short[][]> decided = new ArrayList<>();
    int[][] columnOf = new int[n][];
    int[] columns = new int[n];
    List<List<Integer>> refs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      columnOf[k] = new int[caseIdOf.length];
      Arrays.fill(columnOf[k], -1);
      refs.add(new ArrayList<>());
      passed.add(new short[points.get(k).size()][]);
      decided.add(new short[points.get(k).size()][]);
    }
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT suite_run, case_ref, passed, decided FROM case_verdicts")) {
      while (r.next()) {
        int suiteRun = r.getInt(1);
        int k = suiteRun < seriesBySuiteRun.length ? seriesBySuiteRun[suiteRun] : -1;
        if (k < 0) {
          continue; // a suite run whose run row is missing: not part of any series
        }
        int ref = r.getInt(2);
        int column = columnOf[k][ref];
        if (column < 0) {
          column = columns[k]++;
          columnOf[k][ref] = column;
          refs.get(k).add(ref);
        }
        int p = pointBySuiteRun[suiteRun];
        short[] pass = grow(passed.get(k), p, column);
        short[] dec = grow(decided.get(k), p, column);
        pass[column] = (short) Math.min(r.getInt(3), Short.MAX_VALUE);
        dec[column] = (short) Math.min(r.getInt(4), Short.MAX_VALUE);
      }
    }
    List<Series> series = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int cases = columns[k];
      short[][] pass = passed.get(k);
      short[][] dec = decided.get(k);
      for (int p = 0; p < pass.length; p++) {
        pass[p] = pass[p] == null ? new short[cases] : Arrays.copyOf(pass[p], cases);
        dec[p] = dec[p] == null ? new short[cases] : Arrays.copyOf(dec[p], cases);
      }
      List<String> ids = new ArrayList<>(cases);
      List<String> labels = new ArrayList<>(cases);
      for (int ref : refs.get(k)) {
        ids.add(caseIdOf[ref]);
        labels.add(labelOf[ref]);
      }
      series.add(
          new Series(
              suiteKeys.get(k).get(0),
              suiteKeys.get(k).get(1),
              points.get(k),
              ids,
              labels,
              pass,
              dec));
    }
    return new History(runs, series);
  }

  /** Row {@code p} of {@code rows}, made (or grown) to hold {@code column}. */
  private static short[] grow(short[][] rows, int p, int column) {
    short[] row = rows[p];
    if (row == null) {
      row = new short[Math.max(16, column + 1)];
      rows[p] = row;
    } else if (row.length <= column) {
      row = Arrays.copyOf(row, Math.max(column + 1, row.length * 2));
      rows[p] = row;
    }
    return row;
  }

  /** The output kept for a case in a run (only for cases that did not pass); null when none. */
  public String output(String runKey, String file, String model, String caseId)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT v.output FROM case_verdicts v JOIN suite_runs s ON s.id = v.suite_run"
                + " JOIN cases c ON c.id = v.case_ref"
                + " WHERE s.run_key = ? AND s.file = ? AND s.model = ? AND c.file = ?"
                + " AND c.case_id = ?")) {
      p.setString(1, runKey);
      p.setString(2, file);
      p.setString(3, model);
      p.setString(4, file);
      p.setString(5, caseId);
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
