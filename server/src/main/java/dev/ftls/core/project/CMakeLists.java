package dev.ftls.core.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads CMakeLists.txt as written: {@code include_directories}, {@code target_include_directories},
 * {@code add_definitions} (its -D/-U), {@code add_compile_definitions} and
 * {@code target_compile_definitions}, and the same in the folders {@code add_subdirectory} names.
 * {@code ${CMAKE_CURRENT_SOURCE_DIR}}, {@code ${PROJECT_SOURCE_DIR}} and {@code ${CMAKE_SOURCE_DIR}}
 * are expanded; an item with any other variable or a generator expression is noted and skipped.
 * Paths are relative to the CMakeLists.txt that writes them. All of it applies to the whole project.
 */
final class CMakeLists {
  /** Words of the target commands that are not items. */
  private static final Set<String> KEYWORDS = Set.of("PRIVATE", "PUBLIC", "INTERFACE", "SYSTEM", "BEFORE", "AFTER");

  /** One command: its name in lower case, its arguments, its line. */
  record Command(String name, List<String> args, int line) {}

  private CMakeLists() {}

  /**
   * @param top the folder of the top-level CMakeLists.txt (PROJECT_SOURCE_DIR)
   * @param subdir called with a folder named by {@code add_subdirectory(x)} and where
   */
  static void read(String text, Path folder, Path top, String display, ProjectBuild out,
      BiConsumer<String, Origin> subdir) {
    BuildFlags flags = new BuildFlags(display, true);
    for (Command c : commands(text)) {
      Origin at = new Origin(display, c.line);
      List<String> items = new ArrayList<>();
      for (String a : c.args) {
        String v = expand(a, folder, top);
        if (v == null) {
          out.note(at, c.name, quoteOf(a) + " uses a variable or expression ftls cannot know without running CMake; skipped");
        } else {
          items.add(v);
        }
      }
      switch (c.name) {
        case "include_directories" -> items(items, false).forEach(d -> flags.includeDir(folder, d, at));
        case "target_include_directories" -> items(items, true).forEach(d -> flags.includeDir(folder, d, at));
        case "add_definitions" -> flags.compilerArgs(items, folder, at);
        case "add_compile_definitions" -> items(items, false).forEach(d -> flags.define(stripD(d), at));
        case "target_compile_definitions" -> items(items, true).forEach(d -> flags.define(stripD(d), at));
        case "add_subdirectory" -> {
          if (!items.isEmpty()) {
            subdir.accept(items.get(0), at);
          }
        }
        default -> { }
      }
    }
    if (!flags.isEmpty()) {
      out.units.add(flags);
    }
  }

  private static String quoteOf(String a) {
    return "\"" + a + "\"";
  }

  /** The items of a command, without its keywords; {@code target}: the first argument names a target. */
  private static List<String> items(List<String> args, boolean target) {
    List<String> out = new ArrayList<>();
    for (int k = target ? 1 : 0; k < args.size(); k++) {
      if (!KEYWORDS.contains(args.get(k))) {
        out.add(args.get(k));
      }
    }
    return out;
  }

  private static String stripD(String d) {
    return d.startsWith("-D") ? d.substring(2) : d;
  }

  /** The argument with the known variables expanded, or null when it holds any other. */
  private static String expand(String a, Path folder, Path top) {
    String v = a.replace("${CMAKE_CURRENT_SOURCE_DIR}", folder.toString())
        .replace("${CMAKE_CURRENT_LIST_DIR}", folder.toString())
        .replace("${PROJECT_SOURCE_DIR}", top.toString())
        .replace("${CMAKE_SOURCE_DIR}", top.toString());
    return v.contains("${") || v.contains("$<") || v.contains("$ENV{") ? null : v;
  }

  /** The commands of a CMake file: names with their arguments, comments and quotes handled. */
  static List<Command> commands(String s) {
    List<Command> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    int line = 1;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (c == '#') {
        int end = bracketEnd(s, i + 1);
        if (end > 0) {
          line += count(s, i, end);
          i = end;
        } else {
          while (i < n && s.charAt(i) != '\n') {
            i++;
          }
        }
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        String name = s.substring(start, i).toLowerCase(Locale.ROOT);
        int p = i;
        while (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
          p++;
        }
        if (p < n && s.charAt(p) == '(') {
          int cmdLine = line;
          List<String> args = new ArrayList<>();
          i = arguments(s, p + 1, args);
          line += count(s, start, i);
          out.add(new Command(name, args, cmdLine));
        }
      } else {
        i++;
      }
    }
    return out;
  }

  /** Reads arguments after '(' up to the matching ')'; returns the index after it. */
  private static int arguments(String s, int i, List<String> args) {
    int n = s.length();
    int depth = 0;
    StringBuilder word = null;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '"') {
        StringBuilder q = new StringBuilder();
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          q.append(s.charAt(i++));
        }
        i++;
        args.add(q.toString());
        continue;
      }
      int bracket = c == '[' ? bracketEnd(s, i) : -1;
      if (bracket > 0) {
        String body = s.substring(i, bracket);
        int open = body.indexOf('[', 1) + 1;
        args.add(body.substring(open, body.length() - (open)));
        i = bracket;
        continue;
      }
      if (c == '#') {
        int end = bracketEnd(s, i + 1);
        i = end > 0 ? end : skipLine(s, i);
        continue;
      }
      if (Character.isWhitespace(c) || c == '(' || c == ')') {
        if (word != null) {
          args.add(word.toString());
          word = null;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          if (depth == 0) {
            return i + 1;
          }
          depth--;
        }
        i++;
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      word.append(c);
      i++;
    }
    return n;
  }

  private static int skipLine(String s, int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl;
  }

  /** For a bracket opening {@code [==[} at i, the index after its closing {@code ]==]}; else -1. */
  private static int bracketEnd(String s, int i) {
    if (i >= s.length() || s.charAt(i) != '[') {
      return -1;
    }
    int k = i + 1;
    while (k < s.length() && s.charAt(k) == '=') {
      k++;
    }
    if (k >= s.length() || s.charAt(k) != '[') {
      return -1;
    }
    String close = "]" + "=".repeat(k - i - 1) + "]";
    int end = s.indexOf(close, k + 1);
    return end < 0 ? s.length() : end + close.length();
  }

  private static int count(String s, int from, int to) {
    int lines = 0;
    for (int k = from; k < to && k < s.length(); k++) {
      if (s.charAt(k) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
