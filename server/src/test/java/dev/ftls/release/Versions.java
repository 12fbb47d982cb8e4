package dev.ftls.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the version each artifact of the repository declares; the root pom is the source. */
final class Versions {
  private Versions() {}

  static Path repoRoot() {
    return Path.of(System.getProperty("ftls.repoRoot", "..")).toAbsolutePath().normalize();
  }

  /** The project version: the first {@code <version>} after the root pom's artifactId. */
  static String pom() throws IOException {
    String pom = read("pom.xml");
    return first(pom, "<artifactId>ftls-parent</artifactId>\\s*<version>([^<]+)</version>", "pom.xml");
  }

  /** The parent version server/pom.xml refers to. */
  static String serverParent() throws IOException {
    return first(read("server/pom.xml"), "<parent>[\\s\\S]*?<version>([^<]+)</version>", "server/pom.xml");
  }

  static String vscodePackage() throws IOException {
    return first(read("vscode-client/package.json"), "\\n  \"version\": \"([^\"]+)\"", "package.json");
  }

  static String emacsPackage() throws IOException {
    return first(read("emacs-config/ftls.el"), "(?m)^;; Version: (\\S+)$", "ftls.el");
  }

  /** The newest CHANGELOG.md entry's version: the first "## x.y.z" heading. */
  static String changelogNewest() throws IOException {
    return first(read("CHANGELOG.md"), "(?m)^## (\\d+\\.\\d+\\.\\d+)\\b", "CHANGELOG.md");
  }

  static String read(String relative) throws IOException {
    return Files.readString(repoRoot().resolve(relative), StandardCharsets.UTF_8);
  }

  private static String first(String text, String regex, String what) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("no version found in " + what + " (pattern " + regex + ")");
    }
    return m.group(1);
  }
}
