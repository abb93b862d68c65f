package dev.promptcheck.support;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * "Did you mean": the known names nearest to a misspelt one. Near means a few edits away, where
 * swapping two neighbouring letters is one edit ({@code rnu} is one edit from {@code run}, {@code
 * --modle} one from {@code --model}); case is ignored.
 */
public final class Suggestions {
  private static final int SHOWN = 3;

  private Suggestions() {}

  /** Known names close enough to {@code given} to be what was meant, nearest first. */
  public static List<String> nearest(String given, Collection<String> known) {
    String g = given.toLowerCase(Locale.ROOT);
    int allowed = Math.max(1, (g.length() + 1) / 4);
    return known.stream()
        .distinct()
        .filter(k -> !k.equals(given))
        .map(k -> new Scored(k, distance(g, k.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance() <= allowed)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(SHOWN)
        .map(Scored::name)
        .toList();
  }

  /** {@code "did you mean 'x'?"} or {@code "did you mean 'x' or 'y'?"}, when a name is near. */
  public static Optional<String> didYouMean(String given, Collection<String> known) {
    List<String> near = nearest(given, known);
    return near.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "did you mean "
                + near.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "))
                + "?");
  }

  private record Scored(String name, int distance) {}

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
