package dev.promptcheck.run;

/**
 * {@code --cache}: answer repeated requests from disk (on), never (off), or call and overwrite
 * (refresh).
 */
public enum CacheMode {
  ON,
  OFF,
  REFRESH
}
