package dev.ftls.core.project;

import dev.ftls.core.config.MiniToml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads pyproject.toml for the build: the extension modules of {@code [tool.setuptools]
 * ext-modules} (name, sources, include-dirs, define-macros, undef-macros, extra-compile-args;
 * paths relative to the file's folder) and the build backend, which says whether CMakeLists.txt
 * (scikit-build-core) or meson.build (meson-python) holds the rest.
 */
final class PyprojectToml {
  private PyprojectToml() {}

  /** Reads the extension modules into {@code out}; returns the build backend, or null. */
  static String read(String text, Path folder, String display, ProjectBuild out) {
    Map<String, Object> doc;
    try {
      doc = MiniToml.parse(text);
    } catch (IllegalArgumentException e) {
      out.note(new Origin(display, 0), "the file", "is not TOML ftls can read (" + e.getMessage() + "); its build settings were skipped");
      return null;
    }
    Object backend = table(doc, "build-system").get("build-backend");
    Object modules = table(table(doc, "tool"), "setuptools").get("ext-modules");
    Origin at = new Origin(display, lineOf(text, "ext-modules"));
    if (modules instanceof List<?> list) {
      for (Object m : list) {
        if (m instanceof Map<?, ?> table) {
          out.units.add(extension(table, folder, at, out));
        } else {
          out.note(at, "ext-modules", "an entry that is not a table; skipped");
        }
      }
    } else if (modules != null) {
      out.note(at, "ext-modules", "is not an array of tables; skipped");
    }
    return backend instanceof String s ? s : null;
  }

  private static BuildFlags extension(Map<?, ?> table, Path folder, Origin at, ProjectBuild out) {
    Object name = get(table, "name");
    BuildFlags ext = new BuildFlags(name instanceof String s ? s : "?", false);
    for (String s : strings(get(table, "sources"), "sources", at, out)) {
      ext.source(folder, s);
    }
    for (String d : strings(get(table, "include-dirs"), "include-dirs", at, out)) {
      ext.includeDir(folder, d, at);
    }
    Object macros = get(table, "define-macros");
    for (Object m : macros instanceof List<?> l ? l : List.of()) {
      if (m instanceof List<?> pair && !pair.isEmpty() && pair.size() <= 2 && pair.get(0) instanceof String n) {
        ext.define(pair.size() == 2 && pair.get(1) != null ? n + "=" + pair.get(1) : n, at);
      } else {
        out.note(at, "define-macros", "an entry that is not [\"NAME\", \"VALUE\"]; skipped");
      }
    }
    strings(get(table, "undef-macros"), "undef-macros", at, out).forEach(u -> ext.undefine(u, at));
    ext.compilerArgs(strings(get(table, "extra-compile-args"), "extra-compile-args", at, out), folder, at);
    return ext;
  }

  /** A key written with dashes or underscores. */
  private static Object get(Map<?, ?> table, String key) {
    Object v = table.get(key);
    return v != null ? v : table.get(key.replace('-', '_'));
  }

  private static List<String> strings(Object v, String key, Origin at, ProjectBuild out) {
    List<String> strings = new ArrayList<>();
    if (v == null) {
      return strings;
    }
    for (Object x : v instanceof List<?> l ? l : List.of(v)) {
      if (x instanceof String s) {
        strings.add(s);
      } else {
        out.note(at, key, "an entry that is not a string; skipped");
      }
    }
    return strings;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> table(Map<String, Object> t, String key) {
    Object v = t.get(key);
    return v instanceof Map ? (Map<String, Object>) v : Map.of();
  }

  /** The line of the first line that starts with {@code key}, or 0. */
  private static int lineOf(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      if (lines[n].strip().startsWith(key)) {
        return n + 1;
      }
    }
    return 0;
  }
}
