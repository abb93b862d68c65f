package dev.promptcheck.suite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Case ids: stable across runs, working directories and reorderings, and distinct within a file.
 *
 * <ul>
 *   <li>A row with an explicit {@code id:} (or {@code name:}) is {@code file#id}.
 *   <li>Any other row is a hash of its file (relative to the suite root), its variables and its own
 *       evaluators, so moving rows around keeps every id.
 *   <li>Rows that would share an id (identical rows, a repeated explicit id) get their occurrence
 *       as a suffix ({@code ~2}, {@code ~3}): two rows never share a trial, so one result can never
 *       replace another.
 * </ul>
 */
public final class CaseIds {
  private CaseIds() {}

  /** The id of every case of {@code file}, in order. */
  public static List<String> of(PromptFile file, List<TestCase> cases) {
    String path = file.pathFromRoot();
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>(cases.size());
    for (TestCase c : cases) {
      String base = c.id() != null ? path + "#" + c.id() : hash(path + "\n" + content(c));
      int n = seen.merge(base, 1, Integer::sum);
      out.add(n == 1 ? base : base + "~" + n);
    }
    return out;
  }

  /**
   * What makes two rows the same case: their variables and their own checks (without source
   * positions, so editing other lines keeps the id).
   */
  static String content(TestCase c) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(c.vars()).forEach((k, v) -> sb.append(k).append('=').append(v).append('\u0000'));
    for (EvaluatorSpec e : c.evaluators()) {
      String where = String.valueOf(e.where());
      sb.append('\u0001').append(e.toString().replace(where, ""));
    }
    return sb.toString();
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
