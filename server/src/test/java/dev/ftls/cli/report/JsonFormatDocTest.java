package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that docs/json-format.md and the JSON reporter agree on every field and its type. */
class JsonFormatDocTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `([^`]+)` \\| ([a-z ]+) \\|.*\\|$", Pattern.MULTILINE);

  @TempDir Path root;

  static String doc() throws Exception {
    return Files.readString(
        ReportFixture.repoRoot().resolve("docs/json-format.md"), StandardCharsets.UTF_8);
  }

  /** The field table: path (like {@code findings[].range.start.line}) to type. */
  static Map<String, String> documentedFields(String doc) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      fields.put(m.group(1), m.group(2).trim());
    }
    return fields;
  }

  /** Every field of {@code json} as path to the type names of the values found there. */
  static Map<String, List<String>> actualFields(JsonElement json) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    walk("", json, out);
    return out;
  }

  private static void walk(String path, JsonElement e, Map<String, List<String>> out) {
    // An array's object elements are described by their fields (findings[].file, ...).
    boolean objectElement = path.endsWith("[]") && e.isJsonObject();
    if (!path.isEmpty() && !objectElement) {
      out.computeIfAbsent(path, k -> new ArrayList<>()).add(typeOf(e));
    }
    if (e.isJsonObject()) {
      for (Map.Entry<String, JsonElement> kv : e.getAsJsonObject().entrySet()) {
        walk(path.isEmpty() ? kv.getKey() : path + "." + kv.getKey(), kv.getValue(), out);
      }
    } else if (e.isJsonArray()) {
      for (JsonElement item : e.getAsJsonArray()) {
        walk(path + "[]", item, out);
      }
    }
  }

  private static String typeOf(JsonElement e) {
    if (e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonObject()) {
      return "object";
    }
    if (e.isJsonArray()) {
      return "array";
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return "boolean";
    }
    if (p.isString()) {
      return "string";
    }
    return p.getAsString().matches("-?\\d+") ? "integer" : "number";
  }

  /** Asserts that {@code json} has exactly the documented fields, each of its documented type. */
  static void assertConforms(Map<String, String> documented, JsonElement json, String what) {
    Map<String, List<String>> actual = actualFields(json);
    for (Map.Entry<String, List<String>> kv : actual.entrySet()) {
      String type = documented.get(kv.getKey());
      assertNotNull(type, what + ": field " + kv.getKey() + " is not in docs/json-format.md");
      List<String> allowed = List.of(type.split(" or "));
      for (String t : kv.getValue()) {
        assertTrue(allowed.contains(t),
            what + ": " + kv.getKey() + " is " + t + " but the doc says " + type);
      }
    }
    for (String field : documented.keySet()) {
      assertTrue(actual.containsKey(field),
          what + ": documented field " + field + " does not appear in the output");
    }
  }

  @Test
  void tableIsParsed() throws Exception {
    Map<String, String> fields = documentedFields(doc());
    assertEquals("string", fields.get("version"));
    assertEquals("string or null", fields.get("findings[].ruleName"));
    assertEquals("integer", fields.get("findings[].fixes[].edits[].range.end.column"));
    assertTrue(fields.size() >= 30, fields.toString());
  }

  @Test
  void reporterOutputMatchesTheDocumentedFields() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    JsonObject out =
        JsonParser.parseString(fx.runStatuses(new JsonReporter(ReportFixture.TEST_VERSION)))
            .getAsJsonObject();
    assertConforms(documentedFields(doc()), out, "reporter output");
    assertEquals(JsonReporter.FORMAT_VERSION, out.get("version").getAsString());
  }

  @Test
  void exampleInTheDocMatchesTheTable() throws Exception {
    String doc = doc();
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "docs/json-format.md has no ```json example");
    assertConforms(documentedFields(doc), JsonParser.parseString(m.group(1)), "doc example");
  }

  @Test
  void checkerRejectsUndocumentedAndMistypedFields() throws Exception {
    Map<String, String> documented = documentedFields(doc());
    ReportFixture fx = new ReportFixture(root);
    JsonObject out =
        JsonParser.parseString(fx.runStatuses(new JsonReporter(ReportFixture.TEST_VERSION)))
            .getAsJsonObject();
    JsonObject extra = out.deepCopy();
    extra.addProperty("surprise", 1);
    assertFalse(conforms(documented, extra));
    JsonObject mistyped = out.deepCopy();
    mistyped.addProperty("version", 1);
    assertFalse(conforms(documented, mistyped));
    JsonObject missing = out.deepCopy();
    missing.remove("summary");
    assertFalse(conforms(documented, missing));
    assertTrue(conforms(documented, out));
  }

  @Test
  void everyFileStatusIsDocumented() throws Exception {
    String row = doc().lines().filter(l -> l.startsWith("| `files[].status` |")).findFirst().orElseThrow();
    for (dev.ftls.core.rules.FileResult.Status s : dev.ftls.core.rules.FileResult.Status.values()) {
      assertTrue(row.contains("`\"" + s.label() + "\"`"), s + " is not described: " + row);
    }
  }

  private static boolean conforms(Map<String, String> documented, JsonElement json) {
    try {
      assertConforms(documented, json, "probe");
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }
}
