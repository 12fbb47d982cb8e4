package dev.ftls.core.parse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compilation database (compile_commands.json, the clangd convention). Only the flags are read;
 * the listed commands are never run.
 */
public final class CompileCommands {
  private final Path file;
  private final Map<Path, List<String>> argsByFile = new HashMap<>();
  private final Map<Path, Path> dirByFile = new HashMap<>();

  private CompileCommands(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Loads a database; throws IOException with a clear message when it is unreadable or malformed. */
  public static CompileCommands load(Path file) throws IOException {
    CompileCommands db = new CompileCommands(file);
    JsonElement root;
    try {
      root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage());
    }
    if (!root.isJsonArray()) {
      throw new IOException(file + " must hold a JSON array of compile commands");
    }
    for (JsonElement el : (JsonArray) root) {
      if (!el.isJsonObject()) {
        continue;
      }
      JsonObject o = el.getAsJsonObject();
      if (!o.has("file") || !o.has("directory")) {
        continue;
      }
      Path dir = file.getParent().resolve(o.get("directory").getAsString()).normalize();
      Path src = dir.resolve(o.get("file").getAsString()).normalize();
      List<String> args = new ArrayList<>();
      if (o.has("arguments") && o.get("arguments").isJsonArray()) {
        for (JsonElement a : o.getAsJsonArray("arguments")) {
          args.add(a.getAsString());
        }
      } else if (o.has("command")) {
        args.addAll(splitCommand(o.get("command").getAsString()));
      }
      db.argsByFile.put(src, args);
      db.dirByFile.put(src, dir);
    }
    return db;
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
