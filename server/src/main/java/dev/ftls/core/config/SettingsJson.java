package dev.ftls.core.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ftls.core.rules.Severity;
import java.util.Map;

/**
 * Reads the {@code ftls} settings object that editors send (the same names in every client):
 * {@code target, select, ignore, severity, includePaths, defines, compileCommands, python}.
 */
public final class SettingsJson {
  private SettingsJson() {}

  public static Settings read(JsonElement element) {
    return read(element, "ftls settings", true);
  }

  /**
   * Reads a settings object; problems are prefixed with {@code origin}. {@code allowPython} is
   * false for workspace files, since ftls never runs a program a workspace file names.
   */
  public static Settings read(JsonElement element, String origin, boolean allowPython) {
    Settings s = new Settings();
    readInto(s, element, allowPython);
    for (int k = 0; k < s.problems.size(); k++) {
      s.problems.set(k, origin + ": " + s.problems.get(k));
    }
    return s;
  }

  private static void readInto(Settings s, JsonElement element, boolean allowPython) {
    if (element == null || element.isJsonNull() || isEmptyArray(element)) {
      return; // Neovim sends an empty Lua table as []
    }
    if (!element.isJsonObject()) {
      s.problems.add("must be an object, got " + element);
      return;
    }
    JsonObject o = element.getAsJsonObject();
    if (o.has("ftls")) {
      JsonElement inner = o.get("ftls");
      if (inner.isJsonObject()) {
        o = inner.getAsJsonObject();
      } else if (isEmptyArray(inner) || inner.isJsonNull()) {
        return;
      }
    }
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String key = e.getKey();
      JsonElement v = e.getValue();
      if (v == null || v.isJsonNull()) {
        continue;
      }
      int problemsBefore = s.problems.size();
      switch (key) {
        case "target":
          if (isString(v)) {
            s.setTarget(v.getAsString());
          } else {
            s.problems.add("target must be a string like \"3.14t\"");
          }
          break;
        case "select":
          s.addRuleIds(s.select, joined(v, s, key), "select");
          break;
        case "ignore":
          s.addRuleIds(s.ignore, joined(v, s, key), "ignore");
          break;
        case "severity":
          readSeverities(v, s);
          break;
        case "includePaths":
          for (String p : strings(v, s, key)) {
            s.includePaths.add(p);
          }
          break;
        case "defines":
          readDefines(v, s);
          break;
        case "compileCommands":
          if (isString(v)) {
            s.compileCommands = v.getAsString();
          } else {
            s.problems.add("compileCommands must be a path string");
          }
          break;
        case "python":
          if (!allowPython) {
            s.problems.add("python is not read from workspace files (ftls never runs a program a "
                + "workspace file names); set it in the editor or with --python");
          } else if (isString(v)) {
            s.python = v.getAsString();
          } else {
            s.problems.add("python must be a path string (or \"none\")");
          }
          break;
        case "minimumPython":
          s.setMinimumPython(isString(v) ? v.getAsString() : v.toString());
          break;
        case "suppressionFixes":
          if (v.isJsonPrimitive() && ((JsonPrimitive) v).isBoolean()) {
            s.suppressionFixes = v.getAsBoolean();
          } else {
            s.problems.add("suppressionFixes must be true or false");
          }
          break;
        case "trace":
        case "java":
          break; // client-side settings
        default:
          s.problems.add("unknown setting '" + key + "' (ignored)");
      }
      if (s.problems.size() > problemsBefore && SCALARS.contains(key)) {
        s.explicit.remove(key); // a rejected value does not hide the project's or the default one
      } else if (KEYS.contains(key) && (allowPython || !key.equals("python"))) {
        s.explicit.add(key);
      }
    }
  }

  /** Keys with one value: a rejected value leaves nothing to apply (lists keep their good items). */
  private static final java.util.Set<String> SCALARS = java.util.Set.of("target", "compileCommands", "python",
      "minimumPython", "suppressionFixes");

  private static final java.util.Set<String> KEYS = java.util.Set.of("target", "select", "ignore",
      "severity", "includePaths", "defines", "compileCommands", "python", "minimumPython", "suppressionFixes");

  private static boolean isEmptyArray(JsonElement v) {
    return v.isJsonArray() && v.getAsJsonArray().isEmpty();
  }

  private static boolean isString(JsonElement v) {
    return v.isJsonPrimitive() && ((JsonPrimitive) v).isString();
  }

  private static String joined(JsonElement v, Settings s, String key) {
    return String.join(",", strings(v, s, key));
  }

  private static java.util.List<String> strings(JsonElement v, Settings s, String key) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (isString(v)) {
      out.add(v.getAsString());
    } else if (v.isJsonArray()) {
      for (JsonElement x : (JsonArray) v) {
        if (isString(x)) {
          out.add(x.getAsString());
        } else {
          s.problems.add(key + " must hold strings; ignored " + x);
        }
      }
    } else {
      s.problems.add(key + " must be a string or a list of strings");
    }
    return out;
  }

  private static void readSeverities(JsonElement v, Settings s) {
    if (!v.isJsonObject()) {
      s.problems.add("severity must be an object like {\"FT101\": \"error\"}");
      return;
    }
    for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
      Severity sev = isString(e.getValue()) ? Severity.parse(e.getValue().getAsString()) : null;
      if (sev == null || !e.getKey().matches("FT\\d{3}")) {
        s.problems.add("severity." + e.getKey() + ": " + e.getValue()
            + " is not a rule id with one of error, warning, information, hint");
      } else {
        s.severities.put(e.getKey(), sev);
      }
    }
  }

  private static void readDefines(JsonElement v, Settings s) {
    if (v.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
        JsonElement val = e.getValue();
        s.defines.add(val == null || val.isJsonNull() ? e.getKey() : e.getKey() + "=" + val.getAsString());
      }
    } else {
      s.defines.addAll(strings(v, s, "defines"));
    }
  }
}
