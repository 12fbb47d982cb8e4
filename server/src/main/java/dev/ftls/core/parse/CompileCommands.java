package dev.ftls.core.parse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ftls.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compilation database (compile_commands.json, the clangd convention). Only the flags are read;
 * the listed commands are never run. Every entry is checked: a bad one is left out and named in
 * {@link #problems()}, and the others still count.
 */
public final class CompileCommands {
  private static final String ENTRY = "expected an object with \"directory\" and \"file\" strings and"
      + " \"arguments\" (a list of strings) or \"command\" (a string)";

  /** What is wrong with an entry and what was expected instead. */
  private record Bad(String wrong, String expected) {}
  private final Path file;
  private final Map<Path, List<String>> argsByFile = new HashMap<>();
  private final Map<Path, Path> dirByFile = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  private CompileCommands(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** What was wrong with the database or its entries, as configuration problems. */
  public List<String> problems() {
    return problems;
  }

  /**
   * Loads a database; never throws. When it is unreadable or not a JSON array it is empty and says
   * why in {@link #problems()}; problems name the database as {@code name}.
   */
  public static CompileCommands load(Path file, String name) {
    CompileCommands db = new CompileCommands(file.toAbsolutePath());
    JsonElement root;
    try {
      root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      db.problems.add(ConfigProblem.of(name, "the file", ConfigProblem.unreadable(e),
          "expected a JSON array of compile commands"));
      return db;
    } catch (RuntimeException | StackOverflowError e) {
      db.problems.add(ConfigProblem.of(name, "the file", "is not valid JSON (" + e.getMessage() + ")",
          "expected a JSON array of compile commands"));
      return db;
    }
    if (!root.isJsonArray()) {
      db.problems.add(ConfigProblem.of(name, "the top level", ConfigProblem.found(root, false),
          "expected a JSON array of compile commands"));
      return db;
    }
    Path base = db.file.getParent();
    JsonArray entries = root.getAsJsonArray();
    for (int n = 0; n < entries.size(); n++) {
      Bad bad = db.addEntry(entries.get(n), base);
      if (bad != null) {
        JsonElement f = entries.get(n).isJsonObject() ? entries.get(n).getAsJsonObject().get("file") : null;
        String what = "entry " + (n + 1) + (isString(f) ? " (" + ConfigProblem.quote(f.getAsString()) + ")" : "");
        db.problems.add(ConfigProblem.of(name, what, bad.wrong, bad.expected));
      }
    }
    return db;
  }

  /** Adds one entry; what is wrong with it (and nothing added), or null. */
  private Bad addEntry(JsonElement el, Path base) {
    if (!el.isJsonObject()) {
      return new Bad(ConfigProblem.found(el, false), ENTRY);
    }
    JsonObject o = el.getAsJsonObject();
    for (String key : new String[] {"directory", "file"}) {
      if (!isString(o.get(key))) {
        return new Bad(o.has(key) ? "\"" + key + "\" is " + ConfigProblem.kind(o.get(key), false)
            : "it has no \"" + key + "\"", "expected \"" + key + "\" to be a string");
      }
    }
    List<String> args = new ArrayList<>();
    JsonElement arguments = o.get("arguments");
    JsonElement command = o.get("command");
    if (arguments != null && !arguments.isJsonNull()) {
      if (!arguments.isJsonArray()) {
        return new Bad("\"arguments\" is " + ConfigProblem.kind(arguments, false), "expected a list of strings");
      }
      for (JsonElement a : arguments.getAsJsonArray()) {
        if (!isString(a)) {
          return new Bad("\"arguments\" holds " + ConfigProblem.kind(a, false), "expected a list of strings");
        }
        args.add(a.getAsString());
      }
    } else if (command != null && !command.isJsonNull()) {
      if (!isString(command)) {
        return new Bad("\"command\" is " + ConfigProblem.kind(command, false), "expected a string");
      }
      args.addAll(splitCommand(command.getAsString()));
    } else {
      return new Bad("it has neither \"arguments\" nor \"command\"", "expected one of them");
    }
    Path dir;
    Path src;
    try {
      dir = base.resolve(o.get("directory").getAsString()).normalize();
      src = dir.resolve(o.get("file").getAsString()).normalize();
      applyArgs(new CompileFlags(), args, dir); // its paths must be paths
    } catch (InvalidPathException e) {
      return new Bad(ConfigProblem.invalidPath(e.getInput()), "expected paths");
    }
    argsByFile.put(src, args);
    dirByFile.put(src, dir);
    return null;
  }

  private static boolean isString(JsonElement v) {
    return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
  }

  /**
   * The flags for a file: its own entry, else (for headers and new files) the entry of a file in
   * the same folder, else any entry, as clangd does. Null when the database is empty.
   */
  public CompileFlags flagsFor(Path path) {
    Path p = path.toAbsolutePath().normalize();
    Path key = argsByFile.containsKey(p) ? p : null;
    if (key == null) {
      for (Path k : argsByFile.keySet()) {
        if (p.getParent() != null && p.getParent().equals(k.getParent())) {
          key = k;
          break;
        }
      }
    }
    if (key == null && !argsByFile.isEmpty()) {
      key = argsByFile.keySet().stream().sorted().findFirst().get();
    }
    if (key == null) {
      return null;
    }
    CompileFlags flags = new CompileFlags();
    applyArgs(flags, argsByFile.get(key), dirByFile.get(key));
    return flags;
  }

  /** Applies compiler arguments (-I, -isystem, -iquote, -D, -U, -include, -std) to flags. */
  public static void applyArgs(CompileFlags flags, List<String> args, Path dir) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String next = i + 1 < args.size() ? args.get(i + 1) : null;
      if (a.equals("-I") || a.equals("-isystem") || a.equals("-iquote") || a.equals("-include")
          || a.equals("-D") || a.equals("-U")) {
        if (next == null) {
          break;
        }
        apply(flags, a, next, dir);
        i++;
      } else if (a.startsWith("-isystem")) {
        apply(flags, "-isystem", a.substring(8), dir);
      } else if (a.startsWith("-iquote")) {
        apply(flags, "-iquote", a.substring(7), dir);
      } else if (a.startsWith("-I") || a.startsWith("-D") || a.startsWith("-U")) {
        apply(flags, a.substring(0, 2), a.substring(2), dir);
      } else if (a.startsWith("-std=")) {
        flags.std = a.substring(5);
      }
    }
  }

  private static void apply(CompileFlags flags, String opt, String value, Path dir) {
    switch (opt) {
      case "-I":
      case "-isystem":
        flags.includePaths.add(dir.resolve(value).normalize().toString());
        break;
      case "-iquote":
        flags.quoteIncludePaths.add(dir.resolve(value).normalize().toString());
        break;
      case "-include":
        flags.forcedIncludes.add(dir.resolve(value).normalize().toString());
        break;
      case "-D":
        addDefine(flags, value);
        break;
      case "-U":
        flags.undefines.add(value);
        flags.defines.remove(value);
        break;
      default:
        break;
    }
  }

  /** Adds NAME or NAME=VALUE (as -D takes it; NAME alone means 1). */
  public static void addDefine(CompileFlags flags, String def) {
    int eq = def.indexOf('=');
    String name = eq < 0 ? def : def.substring(0, eq);
    String value = eq < 0 ? "1" : def.substring(eq + 1);
    if (!name.isEmpty()) {
      flags.defines.put(name, value);
      flags.undefines.remove(name);
    }
  }

  /** Splits a shell command line the way a POSIX shell would for plain words and quotes. */
  static List<String> splitCommand(String cmd) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < cmd.length(); i++) {
      char c = cmd.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < cmd.length()) {
          cur.append(cmd.charAt(++i));
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < cmd.length()) {
        cur.append(cmd.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
