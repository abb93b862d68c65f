package dev.promptcheck.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What of a URL may be written down: never its user info ({@code http://user:pass@host}). */
public final class Urls {
  // scheme://userinfo@ : the user info ends at the last '@' before the path, as RFC 3986 reads it
  private static final Pattern USER_INFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)@");

  private Urls() {}

  /**
   * {@code url} without its user info: {@code http://user:pass@host/v1} is {@code http://host/v1}.
   * Null stays null; text that is no URL is returned as it is.
   */
  public static String withoutUserInfo(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = USER_INFO.matcher(url);
    return m.find() ? m.group(1) + url.substring(m.end()) : url;
  }

  /** The password (or the user alone) in {@code url}'s user info, null when there is none. */
  public static String userInfoSecret(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = USER_INFO.matcher(url);
    if (!m.find()) {
      return null;
    }
    String info = m.group(2);
    int colon = info.indexOf(':');
    return colon >= 0 ? info.substring(colon + 1) : info;
  }
}
