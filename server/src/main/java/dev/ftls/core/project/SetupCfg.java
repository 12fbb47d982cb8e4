package dev.ftls.core.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code [build_ext]} section of setup.cfg: {@code include_dirs} (separated by ':' or
 * new lines, relative to the file's folder), {@code define} and {@code undef} (comma-separated
 * names; a define there means 1, as setuptools takes it). These apply to every extension.
 * setuptools has no way to declare extension modules in setup.cfg, so none are read from it.
 */
final class SetupCfg {
  private SetupCfg() {}

  static void read(String text, Path folder, String display, ProjectBuild out) {
    BuildFlags flags = new BuildFlags(display + " [build_ext]", true);
    String section = "";
    String key = null;
    int keyLine = 0;
    StringBuilder value = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n <= lines.length; n++) {
      String raw = n < lines.length ? lines[n].replace("\r", "") : "";
      boolean continuation = n < lines.length && key != null && !raw.isBlank()
          && Character.isWhitespace(raw.charAt(0));
      if (continuation) {
        value.append('\n').append(raw.strip());
        continue;
      }
      if (key != null && section.equals("build_ext")) {
        apply(flags, key, value.toString(), folder, new Origin(display, keyLine));
      }
      key = null;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int eq = indexOfSeparator(line);
      if (eq > 0) {
        key = line.substring(0, eq).strip().replace('-', '_');
        keyLine = n + 1;
        value.setLength(0);
        value.append(line.substring(eq + 1).strip());
      }
    }
    if (!flags.isEmpty()) {
      out.units.add(flags);
    }
  }

  private static int indexOfSeparator(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
  }

  private static void apply(BuildFlags flags, String key, String value, Path folder, Origin at) {
    switch (key) {
      case "include_dirs" -> {
        for (String d : split(value, "[:\n]")) {
          flags.includeDir(folder, d, at);
        }
      }
      case "define" -> split(value, "[,\n]").forEach(d -> flags.define(d, at));
      case "undef" -> split(value, "[,\n]").forEach(u -> flags.undefine(u, at));
      default -> { }
    }
  }

  private static List<String> split(String value, String separators) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(separators)) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }
}
