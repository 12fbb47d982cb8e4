package dev.ftls.core.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ftls.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code ftls} settings object that editors send (the same names in every client), and
 * pyproject.toml's {@code [tool.ftls]} table once it is JSON: {@code target, select, ignore,
 * severity, includePaths, defines, compileCommands, python, minimumPython, suppressionFixes, assumeFeatures, index}.
 * Every value is checked; a bad one becomes a {@link ConfigProblem} in {@link Settings#problems}
 * and is left out, and the other keys still apply. Null means "not set".
 */
public final class SettingsJson {
  /** The keys of the model; a rejected scalar leaves its key unset so the project's value shows. */
  private static final Set<String> KEYS = Set.of("target", "select", "ignore", "severity",
      "includePaths", "defines", "compileCommands", "python", "minimumPython", "suppressionFixes",
      "assumeFeatures", "index", "exclude", "perFileIgnores");
  /** Other spellings of keys: pyproject's usual kebab-case for the per-file table. */
  private static final Map<String, String> ALIASES = Map.of("per-file-ignores", "perFileIgnores");

  /** A -D name: an identifier, or a function-like macro's name and parameters. */
  private static final Pattern DEFINE_NAME = Pattern.compile("[A-Za-z_]\\w*(\\([\\w\\s,.]*\\))?");

  private final Settings s = new Settings();
  private final String origin;
  private final boolean workspaceFile;

  private SettingsJson(String origin, boolean workspaceFile) {
    this.origin = origin;
    this.workspaceFile = workspaceFile;
  }

  /** Reads the editor's settings (initializationOptions or workspace/configuration). */
  public static Settings read(JsonElement element) {
    return read(element, "ftls settings", true);
  }

  /**
   * Reads a settings object; problems name {@code origin}. {@code allowPython} is false for
   * workspace files (pyproject.toml), since ftls never runs a program a workspace file names; their
   * objects are called tables in problems.
   */
  public static Settings read(JsonElement element, String origin, boolean allowPython) {
    SettingsJson r = new SettingsJson(origin, !allowPython);
    r.readAll(element);
    return r.s;
  }

  private void readAll(JsonElement element) {
    if (element == null || element.isJsonNull() || isEmptyArray(element)) {
      return; // Neovim sends an empty Lua table as []
    }
    if (!element.isJsonObject()) {
      problem("ftls", ConfigProblem.found(element, workspaceFile), "expected an object of settings");
      return;
    }
    JsonObject o = element.getAsJsonObject();
    if (o.has("ftls")) {
      JsonElement inner = o.get("ftls");
      if (inner.isJsonObject()) {
        o = inner.getAsJsonObject();
      } else if (isEmptyArray(inner) || inner.isJsonNull()) {
        return;
      } else {
        problem("ftls", ConfigProblem.found(inner, workspaceFile), "expected an object of settings");
        return;
      }
    }
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String key = e.getKey();
      JsonElement v = e.getValue();
      if (v == null || v.isJsonNull()) {
        continue;
      }
      boolean applied;
      String modelKey = ALIASES.getOrDefault(key, key);
      try {
        applied = readKey(modelKey, key, v);
      } catch (RuntimeException ex) { // a case this reader did not foresee: still only this key
        problem(key, "cannot be read (" + ex.getMessage() + ")", "expected the form the README gives");
        applied = false;
      }
      if (applied && KEYS.contains(modelKey)) {
        s.explicit.add(modelKey);
      } else {
        s.explicit.remove(modelKey); // a rejected value does not hide the project's or the default one
      }
    }
  }

  /** Reads one key ({@code key} as the model names it, {@code written} as the user did); true when (some of) its value was taken. */
  private boolean readKey(String key, String written, JsonElement v) {
    switch (key) {
      case "exclude": {
        List<String> globs = strings(key, v, "expected a list of path patterns like [\"src/vendor\", \"*_gen.c\"]");
        if (globs == null) {
          return false;
        }
        List<PathGlob> good = globs(key, globs);
        s.exclude.addAll(good);
        return !good.isEmpty() || globs.isEmpty();
      }
      case "perFileIgnores":
        return readPerFileIgnores(written, v);
      case "target": {
        String t = string(key, v, "expected a string like \"3.14t\"");
        if (t != null) {
          s.setTarget(origin, key, t);
        }
        return s.explicit.contains("target") && t != null;
      }
      case "select":
      case "ignore": {
        List<String> ids = strings(key, v, "expected a rule id or a list of rule ids like [\"FT101\", \"FT2\"]");
        if (ids == null) {
          return false;
        }
        s.explicit.remove(key);
        s.addRuleIds(origin, key, key.equals("select") ? s.select : s.ignore, ids);
        return s.explicit.contains(key);
      }
      case "severity":
        return readSeverities(v);
      case "includePaths": {
        List<String> paths = strings(key, v, "expected a list of folder paths");
        if (paths == null) {
          return false;
        }
        List<String> bad = new ArrayList<>();
        for (String p : paths) {
          String why = ConfigProblem.invalidPath(p);
          if (why == null) {
            s.includePaths.add(p);
          } else {
            bad.add(why);
          }
        }
        if (!bad.isEmpty()) {
          problem(key, String.join(", ", bad), "expected folder paths");
        }
        return bad.isEmpty() || !s.includePaths.isEmpty();
      }
      case "defines":
        return readDefines(v);
      case "compileCommands": {
        String p = path(key, v, "expected the path of compile_commands.json or of its folder");
        s.compileCommands = p;
        return p != null;
      }
      case "python":
        if (workspaceFile) {
          problem(key, "found in a workspace file, which may not name a program (ftls never runs one)",
              "expected it in the editor's settings or --python");
          return false;
        }
        s.python = path(key, v, "expected the path or name of a Python interpreter, or \"none\"");
        return s.python != null;
      case "minimumPython": {
        String t = string(key, v, "expected a version like \"3.9\"");
        if (t != null) {
          s.setMinimumPython(origin, key, t);
        }
        return t != null && s.minimumPython != null;
      }
      case "suppressionFixes":
      case "assumeFeatures":
      case "index":
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
          switch (key) {
            case "suppressionFixes" -> s.suppressionFixes = v.getAsBoolean();
            case "assumeFeatures" -> s.assumeFeatures = v.getAsBoolean();
            default -> s.index = v.getAsBoolean();
          }
          return true;
        }
        problem(key, ConfigProblem.found(v, workspaceFile), "expected true or false");
        return false;
      case "trace":
      case "java":
        return false; // client-side settings
      default:
        problem(key, "no such setting", "expected one of " + String.join(", ", new java.util.TreeSet<>(KEYS)));
        return false;
    }
  }

  /** The usable patterns; the others are one problem. */
  private List<PathGlob> globs(String key, List<String> patterns) {
    List<PathGlob> good = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String p : patterns) {
      String why = PathGlob.problem(p);
      if (why == null) {
        good.add(new PathGlob(null, p.strip()));
      } else {
        bad.add(why);
      }
    }
    if (!bad.isEmpty()) {
      problem(key, String.join(", ", bad), "expected path patterns like \"src/vendor\" or \"*_gen.c\"");
    }
    return good;
  }

  /** A table of path patterns to the rule ids or prefixes not to run on the files they match. */
  private boolean readPerFileIgnores(String key, JsonElement v) {
    if (!v.isJsonObject()) {
      problem(key, ConfigProblem.found(v, workspaceFile), "expected " + (workspaceFile ? "a table" : "an object")
          + " of path patterns to rule ids, like { \"src/vendor/*.c\" = [\"FT1\"] }");
      return false;
    }
    boolean any = false;
    for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
      String itemKey = key + "." + ConfigProblem.quote(e.getKey());
      List<PathGlob> glob = globs(itemKey, List.of(e.getKey()));
      List<String> ids = e.getValue() == null || e.getValue().isJsonNull() ? null
          : strings(itemKey, e.getValue(), "expected a list of rule ids or prefixes like [\"FT1\", \"FT303\"]");
      if (glob.isEmpty() || ids == null) {
        continue;
      }
      java.util.Set<String> into = new java.util.LinkedHashSet<>();
      s.addRuleIds(origin, itemKey, into, ids);
      if (!into.isEmpty()) {
        s.perFileIgnores.put(glob.get(0), List.copyOf(into));
        any = true;
      }
    }
    return any || v.getAsJsonObject().isEmpty();
  }

  private void problem(String key, String wrong, String expected) {
    s.problems.add(ConfigProblem.of(origin, key, wrong, expected));
  }

  private static boolean isEmptyArray(JsonElement v) {
    return v.isJsonArray() && v.getAsJsonArray().isEmpty();
  }

  private static boolean isString(JsonElement v) {
    return v != null && v.isJsonPrimitive() && ((JsonPrimitive) v).isString();
  }

  /** The string value, or null after a problem. */
  private String string(String key, JsonElement v, String expected) {
    if (isString(v)) {
      return v.getAsString();
    }
    problem(key, ConfigProblem.found(v, workspaceFile), expected);
    return null;
  }

  /** A string that is a usable path, or null after a problem. */
  private String path(String key, JsonElement v, String expected) {
    String p = string(key, v, expected);
    String why = p == null ? null : ConfigProblem.invalidPath(p);
    if (why != null) {
      problem(key, why, expected);
      return null;
    }
    return p;
  }

  /**
   * A string or an array of strings as a list; the items that are not strings are one problem and
   * left out. Null (after a problem) when the value is neither.
   */
  private List<String> strings(String key, JsonElement v, String expected) {
    List<String> out = new ArrayList<>();
    if (isString(v)) {
      out.add(v.getAsString());
      return out;
    }
    if (!v.isJsonArray()) {
      problem(key, ConfigProblem.found(v, workspaceFile), expected);
      return null;
    }
    List<String> bad = new ArrayList<>();
    for (JsonElement x : v.getAsJsonArray()) {
      if (isString(x)) {
        out.add(x.getAsString());
      } else {
        bad.add(ConfigProblem.kind(x, workspaceFile));
      }
    }
    if (!bad.isEmpty()) {
      problem(key, "found " + String.join(", ", bad) + " among the items", expected + " (strings only)");
      if (out.isEmpty()) {
        return null;
      }
    }
    return out;
  }

  private boolean readSeverities(JsonElement v) {
    if (!v.isJsonObject()) {
      problem("severity", ConfigProblem.found(v, workspaceFile),
          "expected " + (workspaceFile ? "a table" : "an object") + " like { FT101 = \"error\" }");
      return false;
    }
    boolean any = false;
    for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
      JsonElement val = e.getValue();
      Severity sev = isString(val) ? Severity.parse(val.getAsString()) : null;
      String key = "severity." + e.getKey();
      if (!e.getKey().matches("FT\\d{3}")) {
        problem(key, ConfigProblem.quote(e.getKey()) + " is not a rule id", "expected a rule id like FT101");
      } else if (dev.ftls.core.rules.RuleRegistry.byId(e.getKey()).isEmpty()) {
        problem(key, RuleIds.unknownWords(List.of(e.getKey())), RuleIds.EXPECTED);
      } else if (sev == null) {
        problem(key, isString(val) ? ConfigProblem.quote(val.getAsString()) + " is not a severity"
            : ConfigProblem.found(val, workspaceFile), "expected one of error, warning, information, hint");
      } else {
        s.severities.put(e.getKey(), sev);
        any = true;
      }
    }
    return any || v.getAsJsonObject().isEmpty();
  }

  /**
   * Defines as a list of "NAME" / "NAME=VALUE" strings (or one such string), or an object of
   * names to values (strings, numbers, true/false; null defines the name alone).
   */
  private boolean readDefines(JsonElement v) {
    String expected = "expected a list of strings like [\"NAME\", \"NAME=VALUE\"]"
        + " or " + (workspaceFile ? "a table" : "an object") + " of names to values";
    List<String> candidates = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    if (v.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
        JsonElement val = e.getValue();
        if (val == null || val.isJsonNull()) {
          candidates.add(e.getKey());
        } else if (val.isJsonPrimitive()) {
          candidates.add(e.getKey() + "=" + val.getAsString());
        } else {
          bad.add(ConfigProblem.quote(e.getKey()) + " has " + ConfigProblem.kind(val, workspaceFile) + " as its value");
        }
      }
    } else {
      List<String> items = strings("defines", v, expected);
      if (items == null) {
        return false;
      }
      candidates.addAll(items);
    }
    int before = s.defines.size();
    for (String d : candidates) {
      String why = badDefine(d);
      if (why == null) {
        s.defines.add(d);
      } else {
        bad.add(why);
      }
    }
    if (!bad.isEmpty()) {
      problem("defines", String.join(", ", bad), expected);
    }
    return bad.isEmpty() || s.defines.size() > before;
  }

  /** Why a "NAME" or "NAME=VALUE" cannot be a -D, or null when it can. */
  public static String badDefine(String d) {
    int eq = d.indexOf('=');
    String name = eq < 0 ? d : d.substring(0, eq);
    if (!DEFINE_NAME.matcher(name).matches()) {
      return ConfigProblem.quote(d) + " does not start with a macro name";
    }
    if (d.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
      return ConfigProblem.quote(d) + " holds a line break or NUL";
    }
    return null;
  }
}
