package dev.ftls.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key, fed a value of every wrong type, from the editor (JSON) and from pyproject.toml
 * (TOML): nothing throws, the value is exactly one problem naming the key, and every other key
 * still applies.
 */
class BadSettingValuesTest {
  @TempDir Path dir;

  /** A good value for every key (JSON text). */
  private static final Map<String, String> GOOD = new LinkedHashMap<>();

  static {
    GOOD.put("target", "\"3.13\"");
    GOOD.put("select", "[\"FT1\", \"FT2\"]");
    GOOD.put("ignore", "[\"FT101\"]");
    GOOD.put("severity", "{\"FT102\": \"error\"}");
    GOOD.put("includePaths", "[\"inc\"]");
    GOOD.put("defines", "[\"A=1\"]");
    GOOD.put("compileCommands", "\"build\"");
    GOOD.put("python", "\"none\"");
    GOOD.put("minimumPython", "\"3.10\"");
    GOOD.put("suppressionFixes", "true");
    GOOD.put("assumeFeatures", "false");
  }

  /**
   * Wrong values of each type for a key (JSON text): a string (an invalid one where strings are
   * right), numbers, booleans, an array, an array of arrays, an object.
   */
  private static List<String> wrongValues(String key) {
    List<String> out = new ArrayList<>();
    out.add(switch (key) {
      case "target" -> "\"banana\"";
      case "select", "ignore" -> "\"X1\"";
      case "includePaths", "compileCommands", "python" -> "\"a\\u0000b\"";
      case "defines" -> "\"=5\"";
      case "minimumPython" -> "\"new\"";
      default -> "\"yes\"";
    });
    out.add("5");
    out.add("1.5");
    if (!key.equals("suppressionFixes") && !key.equals("assumeFeatures")) {
      out.add("true");
      out.add("false");
    }
    out.add("[1]");
    out.add("[[1]]");
    out.add(switch (key) {
      case "severity" -> "{\"FT101\": [1]}";
      case "defines" -> "{\"A\": {\"B\": 1}}";
      default -> "{\"A\": 1}";
    });
    return out;
  }

  private static JsonObject withValue(String key, String value, boolean withPython) {
    JsonObject o = new JsonObject();
    for (Map.Entry<String, String> e : GOOD.entrySet()) {
      if (withPython || !e.getKey().equals("python")) {
        String text = e.getKey().equals(key) ? value : e.getValue();
        o.add(e.getKey(), text.equals("nan") ? new JsonPrimitive(Double.NaN) : JsonParser.parseString(text));
      }
    }
    return o;
  }

  /** What each explicitly set key holds, by key. */
  private static Map<String, String> applied(Settings s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : s.explicit) {
      out.put(key, switch (key) {
        case "target" -> s.target.toString();
        case "select" -> s.select.toString();
        case "ignore" -> s.ignore.toString();
        case "severity" -> s.severities.toString();
        case "includePaths" -> s.includePaths.toString();
        case "defines" -> s.defines.toString();
        case "compileCommands" -> s.compileCommands;
        case "python" -> s.python;
        case "minimumPython" -> s.minimumPython;
        case "suppressionFixes" -> String.valueOf(s.suppressionFixes);
        case "assumeFeatures" -> String.valueOf(s.assumeFeatures);
        default -> "?";
      });
    }
    return out;
  }

  private static void assertOneProblemAndTheRestApplied(String origin, String key, String value,
      Settings s, Map<String, String> good) {
    String what = key + " = " + value;
    assertEquals(1, s.problems.size(), what + ": " + s.problems);
    String p = s.problems.get(0);
    assertTrue(p.startsWith(origin + ": " + key), what + ": " + p);
    assertTrue(p.endsWith("; ignored"), what + ": " + p);
    assertFalse(p.contains("\u0000"), what + ": the problem shows a NUL as an escape: " + p);
    Map<String, String> expected = new LinkedHashMap<>(good);
    expected.remove(key);
    assertEquals(expected, applied(s), what);
  }

  @Test
  void editorSettingsOfEveryWrongTypeAreOneProblemEach() {
    Settings all = SettingsJson.read(withValue(null, null, true));
    assertEquals(List.of(), all.problems);
    Map<String, String> good = applied(all);
    assertEquals(GOOD.keySet(), good.keySet());
    for (String key : GOOD.keySet()) {
      for (String value : wrongValues(key)) {
        Settings s = SettingsJson.read(withValue(key, value, true));
        assertOneProblemAndTheRestApplied("ftls settings", key, value, s, good);
      }
    }
  }

  @Test
  void nullMeansNotSetAndIsNoProblem() {
    for (String key : GOOD.keySet()) {
      Settings s = SettingsJson.read(withValue(key, "null", true));
      assertEquals(List.of(), s.problems, key);
      assertFalse(s.explicit.contains(key), key);
    }
  }

  @Test
  void pyprojectValuesOfEveryWrongTypeAreOneProblemEach() throws IOException {
    Map<String, String> good = applied(project(withValue(null, null, false)));
    assertEquals(GOOD.size() - 1, good.size(), good.toString());
    for (String key : GOOD.keySet()) {
      if (key.equals("python")) {
        continue; // any python value in a workspace file is a problem: below
      }
      List<String> values = new ArrayList<>(wrongValues(key));
      values.add("nan"); // TOML's not-a-number, which JSON has no word for
      for (String value : values) {
        Settings s = project(withValue(key, value, false));
        assertOneProblemAndTheRestApplied("pyproject.toml [tool.ftls]", key, value, s, good);
      }
    }
    Settings python = project(withValue("python", "\"/usr/bin/python3\"", true));
    assertOneProblemAndTheRestApplied("pyproject.toml [tool.ftls]", "python", "a path", python, good);
  }

  @Test
  void pyprojectObjectsAreCalledTables() throws IOException {
    Settings s = project(withValue("defines", "{\"A\": {\"B\": 1}}", false));
    assertEquals("pyproject.toml [tool.ftls]: defines: \"A\" has a table as its value; expected a list of strings"
        + " like [\"NAME\", \"NAME=VALUE\"] or a table of names to values; ignored", s.problems.get(0));
    Settings list = project(withValue("defines", "[[1]]", false));
    assertTrue(list.problems.get(0).startsWith("pyproject.toml [tool.ftls]: defines: found an array among the items;"),
        list.problems.toString());
  }

  /** The settings a pyproject.toml with {@code [tool.ftls]} holding {@code o} gives. */
  private Settings project(JsonObject o) throws IOException {
    StringBuilder toml = new StringBuilder("[tool.ftls]\n");
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      toml.append(e.getKey()).append(" = ").append(toToml(e.getValue())).append('\n');
    }
    Path file = dir.resolve("pyproject.toml");
    Files.writeString(file, toml);
    return new ProjectConfig().forFile(dir.resolve("x.c"), dir).settings();
  }

  /** A JSON value in TOML's inline syntax (numbers and strings are written alike; NaN as nan). */
  private static String toToml(JsonElement v) {
    if (v.isJsonObject()) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
        parts.add(e.getKey() + " = " + toToml(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    if (v.isJsonArray()) {
      List<String> parts = new ArrayList<>();
      v.getAsJsonArray().forEach(x -> parts.add(toToml(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (v.getAsJsonPrimitive().isString()) {
      String s = v.getAsString();
      StringBuilder sb = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
      return sb.append('"').toString();
    }
    boolean nan = v.getAsJsonPrimitive().isNumber() && Double.isNaN(v.getAsDouble());
    return nan ? "nan" : v.toString();
  }
}
