package dev.ftls.cli.report;

import java.util.List;
import java.util.Locale;

/** Looks reporters up by the name users give on the command line. */
public final class Reporters {
  /** The tool name written into JSON and SARIF output. */
  public static final String TOOL_NAME = "ftls";

  /** The project's home page (SARIF tool.driver.informationUri). */
  public static final String INFORMATION_URI = "https://github.com/ftls-dev/ftls";

  private static final List<String> NAMES = List.of("text", "json", "sarif", "github");

  private Reporters() {}

  /** The valid format names, in the order help text should list them. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The reporter for a format name ("text", "json", "sarif", "github"; case-insensitive).
   *
   * @throws IllegalArgumentException when the name is not one of them; the message lists them
   */
  public static Reporter forFormat(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (key) {
      case "text":
        return new TextReporter();
      case "json":
        return new JsonReporter(toolVersion());
      case "sarif":
        return new SarifReporter(toolVersion());
      case "github":
        return new GithubReporter();
      default:
        throw new IllegalArgumentException(
            "unknown output format '" + name + "'; valid formats are: " + String.join(", ", NAMES));
    }
  }

  /**
   * The reporter of {@code --statistics} for a format: "text" or "json".
   *
   * @throws IllegalArgumentException for the other formats
   */
  public static Reporter statistics(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("text") || key.equals("json")) {
      return new StatisticsReporter(key.equals("json"));
    }
    throw new IllegalArgumentException("--statistics prints text or json, not '" + name + "'");
  }

  /**
   * The version of the running tool: the jar manifest's Implementation-Version, or "dev" when the
   * classes do not come from a jar that records one (tests, IDE runs).
   */
  public static String toolVersion() {
    String v = Reporters.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }
}
