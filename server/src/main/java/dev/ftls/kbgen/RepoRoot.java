package dev.ftls.kbgen;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the ftls repository root: system property {@code ftls.repoRoot}, else a parent folder. */
public final class RepoRoot {
  public static final String PROPERTY = "ftls.repoRoot";

  private RepoRoot() {}

  /** The root, recognised by its {@code server/kb-data} folder. */
  public static Path find() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(KbGenerator.INPUT_DIR))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the ftls repository root: set -D" + PROPERTY + " or run inside the repository");
  }
}
