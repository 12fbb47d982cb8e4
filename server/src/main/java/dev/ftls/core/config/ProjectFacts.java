package dev.ftls.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build facts of the project a file belongs to, read (never run) from the build files near it:
 * setup.py / setup.cfg asking for the limited API, and CMake's nanobind_add_module with or
 * without FREE_THREADED. Found by walking up from the file to the workspace root; cached.
 */
public final class ProjectFacts {
  /** Nothing known. */
  public static final ProjectFacts NONE = new ProjectFacts(null, null, null);

  private static final Pattern LIMITED = Pattern.compile("py_limited_api\\s*=\\s*(True|['\"]?cp3\\d+['\"]?)");
  private static final Pattern NANOBIND = Pattern.compile("nanobind_add_module\\s*\\(([^)]*)\\)", Pattern.DOTALL);
  private static final long MAX_BYTES = 1 << 20;

  /** The setup.py/setup.cfg that turns on the limited API, or null. */
  public final Path limitedApiFile;
  /** The CMakeLists.txt with nanobind_add_module, or null when none was seen. */
  public final Path nanobindFile;
  /** Whether every nanobind_add_module there passes FREE_THREADED (null: no nanobind module seen). */
  public final Boolean nanobindFreeThreaded;

  private ProjectFacts(Path limitedApiFile, Path nanobindFile, Boolean nanobindFreeThreaded) {
    this.limitedApiFile = limitedApiFile;
    this.nanobindFile = nanobindFile;
    this.nanobindFreeThreaded = nanobindFreeThreaded;
  }

  /** Reads the facts for files; cached per folder for the life of the object. */
  public static final class Reader {
    private final Map<Path, ProjectFacts> cache = new ConcurrentHashMap<>();

    public ProjectFacts forFile(Path file, Path root) {
      Path dir = file.toAbsolutePath().getParent();
      return dir == null ? NONE : cache.computeIfAbsent(dir, d -> scan(d, root));
    }

    private static ProjectFacts scan(Path start, Path root) {
      Path limited = null;
      Path nanobind = null;
      Boolean free = null;
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        for (String name : new String[] {"setup.py", "setup.cfg"}) {
          String text = read(dir.resolve(name));
          if (limited == null && text != null) {
            Matcher m = LIMITED.matcher(text);
            if (m.find()) {
              limited = dir.resolve(name);
            }
          }
        }
        String cmake = read(dir.resolve("CMakeLists.txt"));
        if (nanobind == null && cmake != null) {
          Matcher m = NANOBIND.matcher(cmake);
          while (m.find()) {
            nanobind = dir.resolve("CMakeLists.txt");
            boolean ft = m.group(1).matches("(?s).*\\bFREE_THREADED\\b.*");
            free = free == null ? ft : free && ft;
          }
        }
        if (root == null || dir.equals(root) || !dir.startsWith(root)) {
          break;
        }
      }
      return new ProjectFacts(limited, nanobind, free);
    }

    private static String read(Path p) {
      try {
        if (!Files.isRegularFile(p) || Files.size(p) > MAX_BYTES) {
          return null;
        }
        return Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
