package dev.ftls.core.config;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's own configuration: the {@code [tool.ftls]} table of the nearest pyproject.toml
 * (the file every extension project already has), with the same keys as the editor settings
 * except {@code python}. Cached per file and modification time.
 */
public final class ProjectConfig {
  private static final Gson GSON = new Gson();
  private final Map<Path, Loaded> cache = new ConcurrentHashMap<>();

  /**
   * What one pyproject.toml says.
   *
   * @param file the pyproject.toml (null when there is none)
   * @param settings the [tool.ftls] settings (explicit keys only), problems included
   * @param requiresPython [project] requires-python, or null
   */
  public record Loaded(Path file, long mtime, Settings settings, String requiresPython) {}

  private static final Loaded NONE = new Loaded(null, 0, new Settings(), null);

  /** The nearest pyproject.toml from the file's folder up to {@code root} (inclusive). */
  public Loaded forFile(Path file, Path root) {
    Path dir = file.toAbsolutePath().getParent();
    while (dir != null) {
      Path candidate = dir.resolve("pyproject.toml");
      if (Files.isRegularFile(candidate)) {
        return load(candidate);
      }
      if (root == null || dir.equals(root) || !dir.startsWith(root)) {
        break;
      }
      dir = dir.getParent();
    }
    return NONE;
  }

  /** The editor's or CLI's settings over the project's. */
  public Settings effective(Path file, Path root, Settings user) {
    Loaded l = forFile(file, root);
    if (l.file == null) {
      return user;
    }
    Settings project = l.settings;
    java.util.regex.Matcher m = l.requiresPython == null ? null
        : java.util.regex.Pattern.compile(">=\\s*(3\\.\\d+)").matcher(l.requiresPython);
    if (m != null && m.find() && !project.explicit.contains("minimumPython")) {
      project.minimumPython = m.group(1);
      project.explicit.add("minimumPython");
    }
    return Settings.overlay(project, user);
  }

  private Loaded load(Path file) {
    long mtime;
    try {
      mtime = Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return NONE;
    }
    Loaded cached = cache.get(file);
    if (cached != null && cached.mtime == mtime) {
      return cached;
    }
    Loaded l = read(file, mtime);
    cache.put(file, l);
    return l;
  }

  @SuppressWarnings("unchecked")
  static Loaded read(Path file, long mtime) {
    String origin = file.getFileName() + " [tool.ftls]";
    Map<String, Object> doc;
    try {
      doc = MiniToml.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      Settings s = new Settings();
      s.problems.add(file + ": cannot read it (" + e.getMessage() + "); its [tool.ftls] settings are ignored");
      return new Loaded(file, mtime, s, null);
    }
    Object tool = doc.get("tool");
    Object ftls = tool instanceof Map ? ((Map<String, Object>) tool).get("ftls") : null;
    Settings s;
    if (ftls == null) {
      s = new Settings();
    } else {
      JsonElement json = GSON.toJsonTree(ftls);
      s = SettingsJson.read(json, origin, false);
      // paths in pyproject.toml are relative to the folder that holds it
      Path base = file.toAbsolutePath().getParent();
      s.includePaths.replaceAll(p -> base.resolve(p).normalize().toString());
      if (s.compileCommands != null) {
        s.compileCommands = base.resolve(s.compileCommands).normalize().toString();
      }
    }
    String requires = null;
    Object project = doc.get("project");
    if (project instanceof Map && ((Map<String, Object>) project).get("requires-python") instanceof String r) {
      requires = r;
    }
    return new Loaded(file, mtime, s, requires);
  }

  /** For tests and tools: every problem text of a loaded file. */
  public static List<String> problems(Loaded l) {
    return l.settings.problems;
  }
}
