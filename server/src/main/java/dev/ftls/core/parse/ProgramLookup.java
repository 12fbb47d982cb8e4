package dev.ftls.core.parse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds a program by name the way a shell does, except that only absolute PATH entries are
 * searched. An empty or relative entry means "the current folder", which may be the user's
 * workspace, and ftls never runs a program a workspace holds. The result is an absolute path to a
 * regular executable file, to be run by that path.
 */
public final class ProgramLookup {
  private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private ProgramLookup() {}

  /**
   * The program {@code name} names: a bare name is looked up in the absolute folders of
   * {@code pathVariable}; a name with a folder in it is that file (a relative one against the
   * process's folder, as the user who typed it meant). Null when there is no such runnable file.
   */
  public static Path find(String name, String pathVariable) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    try {
      if (name.contains("/") || name.contains(File.separator)) {
        Path p = Paths.get(name).toAbsolutePath().normalize();
        return runnable(p) ? p : null;
      }
      for (Path dir : absoluteFolders(pathVariable)) {
        for (String candidate : candidates(name)) {
          Path p = dir.resolve(candidate);
          if (runnable(p)) {
            return p;
          }
        }
      }
    } catch (InvalidPathException e) {
      return null;
    }
    return null;
  }

  /** Whether a bare name (no folder in it) was given: it is then looked up in PATH. */
  public static boolean isBareName(String name) {
    return !name.contains("/") && !name.contains(File.separator);
  }

  /** The absolute folders of a PATH value, in order; empty, relative and invalid entries are left out. */
  public static List<Path> absoluteFolders(String pathVariable) {
    List<Path> out = new ArrayList<>();
    if (pathVariable == null) {
      return out;
    }
    for (String entry : pathVariable.split(Pattern.quote(File.pathSeparator), -1)) {
      try {
        Path dir = Paths.get(entry);
        if (!entry.isEmpty() && dir.isAbsolute()) {
          out.add(dir);
        }
      } catch (InvalidPathException e) {
        // not a folder at all: skipped like a relative one
      }
    }
    return out;
  }

  /** A PATH value with only the absolute folders of {@code pathVariable}, for the programs ftls runs. */
  public static String absoluteOnly(String pathVariable) {
    List<String> parts = new ArrayList<>();
    for (Path p : absoluteFolders(pathVariable)) {
      parts.add(p.toString());
    }
    return String.join(File.pathSeparator, parts);
  }

  private static List<String> candidates(String name) {
    if (!WINDOWS || name.contains(".")) {
      return List.of(name);
    }
    return List.of(name + ".exe", name + ".bat", name + ".cmd", name);
  }

  private static boolean runnable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
