package dev.ftls.core.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A gitignore-like path pattern, as {@code exclude} and {@code per-file-ignores} take them:
 * relative to a base folder (the pyproject.toml's folder, or the current folder for a CLI flag,
 * or the workspace for the editor's settings; null = not yet known). {@code *} and {@code ?} stay
 * within one path part, {@code **} crosses parts, {@code [abc]} is a set. A pattern without a
 * {@code /} (other than a trailing one) matches a name at any depth ({@code vendor},
 * {@code *_gen.c}); one with a {@code /} is anchored at the base ({@code src/vendor/*.c}). A
 * pattern that matches a folder matches everything in it.
 */
public record PathGlob(Path base, String pattern) {
  /** This pattern relative to {@code folder} unless it already has a base. */
  public PathGlob withBase(Path folder) {
    return base != null || folder == null ? this : new PathGlob(folder.toAbsolutePath().normalize(), pattern);
  }

  /** Whether the file (an absolute path) or a folder above it, up to the base, matches. */
  public boolean matches(Path file, Path fallbackBase) {
    Path b = base != null ? base : fallbackBase;
    if (b == null) {
      return false;
    }
    Path abs = file.toAbsolutePath().normalize();
    Path from = b.toAbsolutePath().normalize();
    if (!abs.startsWith(from) || abs.equals(from)) {
      return false;
    }
    Pattern re = regex();
    StringBuilder rel = new StringBuilder();
    for (Path part : from.relativize(abs)) {
      if (rel.length() > 0) {
        rel.append('/');
      }
      rel.append(part);
      if (re.matcher(rel).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Why a pattern cannot be used, or null when it can. */
  public static String problem(String pattern) {
    String p = pattern.strip();
    if (p.isEmpty() || p.equals("/")) {
      return "an empty pattern";
    }
    if (p.indexOf('\0') >= 0 || p.indexOf('\n') >= 0) {
      return ConfigProblem.quote(pattern) + " holds a line break or NUL";
    }
    int open = p.indexOf('[');
    if (open >= 0 && p.indexOf(']', open + 2) < 0) {
      return ConfigProblem.quote(pattern) + " has a [ without its ]";
    }
    return null;
  }

  private Pattern regex() {
    String p = pattern.strip().replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    boolean anchored = p.contains("/");
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
        re.append(slashAfter ? "(?:.*/)?" : ".*");
        i += slashAfter ? 2 : 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int close = p.indexOf(']', i + 1);
        String set = p.substring(i + 1, close);
        String body = set.replace("\\", "\\\\").replace("[", "\\[");
        re.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
        i = close;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
