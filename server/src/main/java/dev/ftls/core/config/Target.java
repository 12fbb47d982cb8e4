package dev.ftls.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python build the code is checked for: a version and whether it is the free-threaded ("t")
 * build. Written like CPython's ABI tags: "3.14t", "3.13t", "3.13".
 */
public record Target(int major, int minor, boolean freeThreaded) {
  public static final Target DEFAULT = new Target(3, 14, true);
  private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(t?)");

  /** What a target looks like, for problems that name a bad one. */
  public static final String EXPECTED = "a target must look like 3.14t (free-threaded) or 3.14 (default build)";

  /**
   * Parses "3.14t"; throws IllegalArgumentException saying what is wrong with the text (see
   * {@link #EXPECTED} for what is right).
   */
  public static Target parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          (text == null ? "no value" : ConfigProblem.quote(text)) + " is not a Python version");
    }
    int major = m.group(1).length() > 2 ? 0 : Integer.parseInt(m.group(1));
    int minor = m.group(2).length() > 2 ? 0 : Integer.parseInt(m.group(2));
    if (major != 3 || minor < 6 || minor > 40) {
      throw new IllegalArgumentException(ConfigProblem.quote(text) + " is not a Python 3 version ftls knows");
    }
    return new Target(major, minor, !m.group(3).isEmpty());
  }

  /** The value of PY_VERSION_HEX for the final release of this version. */
  public int versionHex() {
    return (major << 24) | (minor << 16) | (0xF << 4);
  }

  /** Whether the target is at least major.minor. */
  public boolean atLeast(int maj, int min) {
    return major > maj || (major == maj && minor >= min);
  }

  @Override
  public String toString() {
    return major + "." + minor + (freeThreaded ? "t" : "");
  }
}
