package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.SourceText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReporterTest {
  @TempDir Path root;

  static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  @Test
  void matchesGolden() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    ReportFixture.assertGolden(
        "expected.json", fx.run(new JsonReporter(ReportFixture.TEST_VERSION)));
  }

  @Test
  void headerAndSummary() {
    ReportFixture fx = new ReportFixture(root);
    JsonObject doc = parse(fx.run(new JsonReporter(ReportFixture.TEST_VERSION)));
    assertEquals("1", doc.get("version").getAsString());
    assertEquals("ftls", doc.getAsJsonObject("tool").get("name").getAsString());
    assertEquals(ReportFixture.TEST_VERSION,
        doc.getAsJsonObject("tool").get("version").getAsString());
    JsonObject summary = doc.getAsJsonObject("summary");
    assertEquals(6, summary.get("findings").getAsInt());
    assertEquals(2, summary.get("filesWithFindings").getAsInt());
    assertEquals(3, summary.get("filesChecked").getAsInt());
    assertEquals(1, summary.get("errors").getAsInt());
    assertEquals(3, summary.get("warnings").getAsInt());
    assertEquals(1, summary.get("information").getAsInt());
    assertEquals(1, summary.get("hints").getAsInt());
    assertEquals(2, summary.get("fixable").getAsInt());
    assertEquals(6, doc.getAsJsonArray("findings").size());
  }

  @Test
  void rangesAndEditsUseOneBasedUtf16Positions() {
    ReportFixture fx = new ReportFixture(root);
    JsonArray findings =
        parse(fx.run(new JsonReporter(ReportFixture.TEST_VERSION))).getAsJsonArray("findings");
    JsonObject ready = null;
    for (var e : findings) {
      if (e.getAsJsonObject().get("ruleId").getAsString().equals("FT102")) {
        ready = e.getAsJsonObject();
      }
    }
    assertTrue(ready != null, findings.toString());
    assertEquals("src/unicode.c", ready.get("file").getAsString());
    assertEquals("unicode-ready", ready.get("ruleName").getAsString());
    assertEquals("hint", ready.get("severity").getAsString());
    String marker = "PyUnicode_READY(s);";
    int start = ReportFixture.offsetOf(fx.unicode, marker);
    assertRange(ReportFixture.lineColumn(fx.unicode, start),
        ReportFixture.lineColumn(fx.unicode, start + marker.length()), ready.getAsJsonObject("range"));
    JsonObject fix = ready.getAsJsonArray("fixes").get(0).getAsJsonObject();
    assertTrue(fix.get("safe").getAsBoolean());
    assertEquals("Remove the call", fix.get("title").getAsString());
    JsonObject edit = fix.getAsJsonArray("edits").get(0).getAsJsonObject();
    assertEquals("", edit.get("newText").getAsString());
    assertRange(ReportFixture.lineColumn(fx.unicode, start),
        ReportFixture.lineColumn(fx.unicode, start + marker.length()), edit.getAsJsonObject("range"));
  }

  private static void assertRange(int[] start, int[] end, JsonObject range) {
    JsonObject s = range.getAsJsonObject("start");
    JsonObject e = range.getAsJsonObject("end");
    assertEquals(start[0], s.get("line").getAsInt());
    assertEquals(start[1], s.get("column").getAsInt());
    assertEquals(end[0], e.get("line").getAsInt());
    assertEquals(end[1], e.get("column").getAsInt());
  }

  @Test
  void unknownRuleHasNullNameAndMultiLineEditsSurvive() {
    ReportFixture fx = new ReportFixture(root);
    SourceText src = fx.spam;
    Finding f = new Finding("FT000", Severity.WARNING, "line1\nline2 <&>", 0, 2, List.of());
    String out = fx.runOn(new JsonReporter(ReportFixture.TEST_VERSION), src, f);
    assertFalse(out.contains("\\u003c"), "HTML escaping must be off: " + out);
    JsonObject only = parse(out).getAsJsonArray("findings").get(0).getAsJsonObject();
    assertTrue(only.get("ruleName").isJsonNull());
    assertEquals("line1\nline2 <&>", only.get("message").getAsString());
    assertTrue(out.endsWith("}\n"));
  }

  @Test
  void noFindings() {
    ReportFixture fx = new ReportFixture(root);
    JsonObject doc = parse(fx.runOn(new JsonReporter(ReportFixture.TEST_VERSION), fx.clean));
    assertEquals(0, doc.getAsJsonArray("findings").size());
    assertEquals(0, doc.getAsJsonObject("summary").get("findings").getAsInt());
    assertEquals(1, doc.getAsJsonObject("summary").get("filesChecked").getAsInt());
  }

  @Test
  void everyFileHasAStatusAndTheProblemsAreListedOnce() {
    ReportFixture fx = new ReportFixture(root);
    JsonObject doc = parse(fx.runStatuses(new JsonReporter(ReportFixture.TEST_VERSION)));
    JsonArray files = doc.getAsJsonArray("files");
    List<String> rows = new java.util.ArrayList<>();
    for (var e : files) {
      JsonObject f = e.getAsJsonObject();
      rows.add(f.get("file").getAsString() + " " + f.get("status").getAsString() + " "
          + f.get("reasons") + " " + f.get("notes"));
    }
    assertEquals(
        List.of(
            "src/blob.c not-analyzed [\"" + ReportFixture.BINARY_REASON + "\"] []",
            "src/clean.c analyzed [] [" + new com.google.gson.JsonPrimitive(ReportFixture.NOTE) + "]",
            "src/deep.c incomplete [\"" + ReportFixture.DEEP_ERROR + "\"] []",
            "src/pythoncapi_compat.h skipped [\"" + ReportFixture.VENDORED_REASON + "\"] []",
            "src/spam.c analyzed [] []",
            "src/unicode.c analyzed [] []"),
        rows);
    JsonArray problems = doc.getAsJsonArray("configurationProblems");
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(ReportFixture.CONFIG_PROBLEM, problems.get(0).getAsString());
    JsonObject summary = doc.getAsJsonObject("summary");
    assertEquals(6, summary.get("filesChecked").getAsInt());
    assertEquals(1, summary.get("filesNotAnalyzed").getAsInt());
    assertEquals(1, summary.get("filesIncomplete").getAsInt());
    // the incomplete file's findings are still reported
    assertTrue(doc.getAsJsonArray("findings").toString().contains("\"file\":\"src/deep.c\""),
        doc.getAsJsonArray("findings").toString());
  }
}
