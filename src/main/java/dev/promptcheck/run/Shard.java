package dev.promptcheck.run;

/**
 * {@code --shard K/N}: this job runs the K-th of N parts. Cases are assigned by a hash of their
 * stable id, so every job computes the same split and a case's models and repeats stay together.
 */
public record Shard(int index, int count) {
  public static final Shard ALL = new Shard(1, 1);

  public static Shard parse(String text) {
    String[] parts = text.trim().split("/");
    try {
      int k = Integer.parseInt(parts[0]);
      int n = Integer.parseInt(parts[1]);
      if (parts.length == 2 && n >= 1 && k >= 1 && k <= n) {
        return new Shard(k, n);
      }
    } catch (RuntimeException ignored) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        "--shard must be K/N with 1 <= K <= N, e.g. 2/4; got '" + text + "'");
  }

  public boolean includes(String caseId) {
    return count == 1 || Math.floorMod(caseId.hashCode(), count) == index - 1;
  }
}
