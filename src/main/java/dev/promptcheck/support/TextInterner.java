package dev.promptcheck.support;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct text among the short texts that repeat across a run's trials (a check's
 * reason, a finish reason, an endpoint): a run keeps every trial until its reports are written, and
 * 100,000 copies of the same reason cost megabytes. Bounded: when it holds {@link #LIMIT} texts it
 * starts over (texts already shared stay shared), so a run whose reasons are all different costs a
 * few hundred kilobytes at most. Texts longer than {@link #MAX_LENGTH} are returned as they are.
 * Thread-safe.
 */
public final class TextInterner {
  static final int LIMIT = 4096;
  static final int MAX_LENGTH = 512;

  private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

  /**
   * The shared instance equal to {@code text} ({@code text} itself the first time); null stays
   * null.
   */
  public String share(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return text;
    }
    String shared = texts.get(text);
    if (shared != null) {
      return shared;
    }
    if (texts.size() >= LIMIT) {
      texts.clear();
    }
    shared = texts.putIfAbsent(text, text);
    return shared != null ? shared : text;
  }
}
