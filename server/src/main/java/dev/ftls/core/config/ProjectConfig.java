package dev.ftls.core.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
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
        return load(candidate, root);
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
      return user.forFile(file, root);
    }
    Settings project = l.settings;
    java.util.regex.Matcher m = l.requiresPython == null ? null
        : java.util.regex.Pattern.compile(">=\\s*(3\\.\\d+)").matcher(l.requiresPython);
    if (m != null && m.find() && !project.explicit.contains("minimumPython")) {
      project.minimumPython = m.group(1);
      project.explicit.add("minimumPython");
    }
    return Settings.overlay(project, user).forFile(file, root);
  }

  private Loaded load(Path file, Path root) {
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
    Path abs = file.toAbsolutePath();
    String display = root != null && abs.startsWith(root.toAbsolutePath())
        ? root.toAbsolutePath().relativize(abs).toString() : abs.toString();
    Loaded l = read(file, mtime, display);
    cache.put(file, l);
    return l;
  }

  @SuppressWarnings("unchecked")
  static Loaded read(Path file, long mtime, String display) {
    String origin = display + " [tool.ftls]";
    Map<String, Object> doc;
    String wrong;
    try {
      doc = MiniToml.parse(Files.readString(file, StandardCharsets.UTF_8));
      wrong = null;
    } catch (IOException e) {
      doc = null;
      wrong = "the file " + ConfigProblem.unreadable(e);
    } catch (RuntimeException e) {
      doc = null;
      wrong = "the file is not TOML ftls can read (" + e.getMessage() + ")";
    }
    if (doc == null) {
      Settings s = new Settings();
      s.problems.add(ConfigProblem.of(display, "[tool.ftls]", wrong, "expected a pyproject.toml in TOML"));
      return new Loaded(file, mtime, s, null);
    }
    Object tool = doc.get("tool");
    Object ftls = tool instanceof Map ? ((Map<String, Object>) tool).get("ftls") : null;
    Settings s;
    if (ftls == null) {
      s = new Settings();
    } else {
      JsonElement json = toJson(ftls);
      s = SettingsJson.read(json, origin, false);
      // paths in pyproject.toml are relative to the folder that holds it
      Path base = file.toAbsolutePath().getParent();
      s.includePaths.replaceAll(p -> base.resolve(p).normalize().toString());
      s.exclude.replaceAll(g -> g.withBase(base));
      Map<PathGlob, List<String>> ignores = new java.util.LinkedHashMap<>();
      s.perFileIgnores.forEach((g, ids) -> ignores.put(g.withBase(base), ids));
      s.perFileIgnores.clear();
      s.perFileIgnores.putAll(ignores);
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

  /** MiniToml's maps, lists, strings, numbers and booleans as JSON (NaN and infinities included). */
  @SuppressWarnings("unchecked")
  static JsonElement toJson(Object v) {
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
        o.add(e.getKey(), toJson(e.getValue()));
      }
      return o;
    }
    if (v instanceof List<?> l) {
      JsonArray a = new JsonArray();
      for (Object x : l) {
        a.add(toJson(x));
      }
      return a;
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    return v == null ? JsonNull.INSTANCE : new JsonPrimitive(v.toString());
  }

  /** For tests and tools: every problem text of a loaded file. */
  public static List<String> problems(Loaded l) {
    return l.settings.problems;
  }
}
