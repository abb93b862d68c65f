package dev.promptcheck.support;

/** The tool's version, from the jar manifest when packaged. */
public final class Version {
  private Version() {}

  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0";
  }
}
