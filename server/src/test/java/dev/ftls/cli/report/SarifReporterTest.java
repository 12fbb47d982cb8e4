package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.SourceText;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReporterTest {
  /** Stands for the machine-specific root URI in the golden file. */
  static final String ROOT_PLACEHOLDER = "file:///ROOT/";

  @TempDir Path root;

  static JsonObject run0(String sarif) {
    return JsonParser.parseString(sarif).getAsJsonObject().getAsJsonArray("runs").get(0)
        .getAsJsonObject();
  }

  @Test
  void matchesGolden() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.run(new SarifReporter(ReportFixture.TEST_VERSION));
    String rootUri = SarifReporter.rootUri(root);
    assertTrue(out.contains("\"uri\": \"" + rootUri + "\""), out);
    ReportFixture.assertGolden("expected.sarif.json", out.replace(rootUri, ROOT_PLACEHOLDER));
  }

  @Test
  void isDeterministic() {
    ReportFixture fx = new ReportFixture(root);
    assertEquals(fx.run(new SarifReporter(ReportFixture.TEST_VERSION)),
        fx.run(new SarifReporter(ReportFixture.TEST_VERSION)));
  }

  @Test
  void headerDriverAndAllRules() {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.run(new SarifReporter(ReportFixture.TEST_VERSION));
    JsonObject doc = JsonParser.parseString(out).getAsJsonObject();
    assertEquals("2.1.0", doc.get("version").getAsString());
    assertTrue(doc.get("$schema").getAsString().contains("sarif-2.1.0"));
    JsonObject run = run0(out);
    assertEquals("utf16CodeUnits", run.get("columnKind").getAsString());
    JsonObject driver = run.getAsJsonObject("tool").getAsJsonObject("driver");
    assertEquals("ftls", driver.get("name").getAsString());
    assertEquals(ReportFixture.TEST_VERSION, driver.get("version").getAsString());
    assertEquals(Reporters.INFORMATION_URI, driver.get("informationUri").getAsString());
    JsonArray rules = driver.getAsJsonArray("rules");
    assertEquals(ReportFixture.RULES.size(), rules.size(), "every rule, found or not");
    for (int k = 0; k < rules.size(); k++) {
      RuleMeta meta = ReportFixture.RULES.get(k);
      JsonObject r = rules.get(k).getAsJsonObject();
      assertEquals(meta.id(), r.get("id").getAsString());
      assertEquals(meta.name(), r.get("name").getAsString());
      assertEquals(meta.summary(), r.getAsJsonObject("shortDescription").get("text").getAsString());
      assertEquals(meta.docs(), r.getAsJsonObject("fullDescription").get("text").getAsString());
      assertEquals(meta.docsUrl(), r.get("helpUri").getAsString());
      assertEquals(SarifReporter.level(meta.defaultSeverity()),
          r.getAsJsonObject("defaultConfiguration").get("level").getAsString());
    }
    assertEquals("note", rules.get(1).getAsJsonObject() // FT102, a hint
        .getAsJsonObject("defaultConfiguration").get("level").getAsString());
  }

  @Test
  void resultsPointAtTheRightRuleFileAndRegion() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    JsonObject run = run0(fx.run(new SarifReporter(ReportFixture.TEST_VERSION)));
    URI base = URI.create(run.getAsJsonObject("originalUriBaseIds")
        .getAsJsonObject(SarifReporter.SRCROOT).get("uri").getAsString());
    assertTrue(base.toString().endsWith("/"));
    assertEquals(root.toRealPath(), Path.of(base).toRealPath());
    JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
    JsonArray results = run.getAsJsonArray("results");
    assertEquals(6, results.size());
    int checked = 0;
    for (FileResult file : fx.results) {
      for (Finding f : file.findings()) {
        JsonObject r = find(results, f.ruleId(), file.source(), f.start(), base);
        int idx = r.get("ruleIndex").getAsInt();
        assertEquals(f.ruleId(), rules.get(idx).getAsJsonObject().get("id").getAsString());
        assertEquals(SarifReporter.level(f.severity()), r.get("level").getAsString());
        assertEquals(f.message(), r.getAsJsonObject("message").get("text").getAsString());
        JsonObject region = r.getAsJsonArray("locations").get(0).getAsJsonObject()
            .getAsJsonObject("physicalLocation").getAsJsonObject("region");
        assertRegion(file.source(), f.start(), f.end(), region);
        assertEquals(!f.fixes().isEmpty(), r.has("fixes"));
        checked++;
      }
    }
    assertEquals(6, checked);
  }

  /** The result with this rule whose location resolves to {@code source} at {@code start}. */
  private static JsonObject find(
      JsonArray results, String ruleId, SourceText source, int start, URI base) throws Exception {
    int[] lc = ReportFixture.lineColumn(source, start);
    for (JsonElement e : results) {
      JsonObject r = e.getAsJsonObject();
      JsonObject phys = r.getAsJsonArray("locations").get(0).getAsJsonObject()
          .getAsJsonObject("physicalLocation");
      JsonObject art = phys.getAsJsonObject("artifactLocation");
      assertEquals(SarifReporter.SRCROOT, art.get("uriBaseId").getAsString());
      Path resolved = Path.of(base.resolve(art.get("uri").getAsString()));
      JsonObject region = phys.getAsJsonObject("region");
      if (r.get("ruleId").getAsString().equals(ruleId)
          && Files.isSameFile(resolved, source.path())
          && region.get("startLine").getAsInt() == lc[0]
          && region.get("startColumn").getAsInt() == lc[1]) {
        return r;
      }
    }
    throw new AssertionError("no result for " + ruleId + " at " + source.path() + ":" + lc[0]);
  }

  private static void assertRegion(SourceText source, int start, int end, JsonObject region) {
    int[] s = ReportFixture.lineColumn(source, start);
    int[] e = ReportFixture.lineColumn(source, end);
    assertEquals(s[0], region.get("startLine").getAsInt());
    assertEquals(s[1], region.get("startColumn").getAsInt());
    assertEquals(e[0], region.get("endLine").getAsInt());
    assertEquals(e[1], region.get("endColumn").getAsInt());
  }

  @Test
  void fixesBecomeArtifactChanges() {
    ReportFixture fx = new ReportFixture(root);
    JsonArray results = run0(fx.run(new SarifReporter(ReportFixture.TEST_VERSION)))
        .getAsJsonArray("results");
    JsonObject ready = null;
    JsonObject gil = null;
    for (JsonElement e : results) {
      String id = e.getAsJsonObject().get("ruleId").getAsString();
      if (id.equals("FT102")) {
        ready = e.getAsJsonObject();
      } else if (id.equals("FT301")) {
        gil = e.getAsJsonObject();
      }
    }
    // Deletion: no insertedContent.
    JsonObject fix = ready.getAsJsonArray("fixes").get(0).getAsJsonObject();
    assertEquals("Remove the call", fix.getAsJsonObject("description").get("text").getAsString());
    assertTrue(fix.getAsJsonObject("properties").get("safe").getAsBoolean());
    JsonObject change = fix.getAsJsonArray("artifactChanges").get(0).getAsJsonObject();
    assertEquals("src/unicode.c", change.getAsJsonObject("artifactLocation").get("uri").getAsString());
    JsonObject rep = change.getAsJsonArray("replacements").get(0).getAsJsonObject();
    assertFalse(rep.has("insertedContent"));
    int start = ReportFixture.offsetOf(fx.unicode, "PyUnicode_READY(s);");
    assertRegion(fx.unicode, start, start + "PyUnicode_READY(s);".length(),
        rep.getAsJsonObject("deletedRegion"));
    // Replacement with multi-line text.
    JsonObject gilRep = gil.getAsJsonArray("fixes").get(0).getAsJsonObject()
        .getAsJsonArray("artifactChanges").get(0).getAsJsonObject()
        .getAsJsonArray("replacements").get(0).getAsJsonObject();
    assertTrue(gilRep.getAsJsonObject("insertedContent").get("text").getAsString()
        .contains("PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);\n"));
  }

  @Test
  void filesOutsideRootGetAbsoluteUris(@TempDir Path elsewhere) throws Exception {
    ReportFixture fx = new ReportFixture(root);
    Path file = elsewhere.resolve("other file.c");
    String out = fx.runOnSmallFile(new SarifReporter(ReportFixture.TEST_VERSION), file);
    JsonObject art = run0(out).getAsJsonArray("results").get(0).getAsJsonObject()
        .getAsJsonArray("locations").get(0).getAsJsonObject()
        .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
    assertNull(art.get("uriBaseId"));
    URI uri = URI.create(art.get("uri").getAsString());
    assertEquals("file", uri.getScheme());
    assertTrue(Files.isSameFile(file, Path.of(uri)));
    assertTrue(uri.toString().endsWith("/other%20file.c"), uri.toString());
  }

  @Test
  void unknownRuleHasNoRuleIndex() {
    ReportFixture fx = new ReportFixture(root);
    Finding f = new Finding("FT000", Severity.HINT, "m", 0, 1, List.of());
    JsonObject r = run0(fx.runOn(new SarifReporter(ReportFixture.TEST_VERSION), fx.spam, f))
        .getAsJsonArray("results").get(0).getAsJsonObject();
    assertEquals("FT000", r.get("ruleId").getAsString());
    assertFalse(r.has("ruleIndex"));
  }

  @Test
  void relativeUrisArePercentEncoded() {
    assertEquals("src/spam.c", SarifReporter.encodePath("src/spam.c"));
    assertEquals("a%20b/c%3Ad.c", SarifReporter.encodePath("a b/c:d.c"));
    assertEquals("%C3%BC%25.c", SarifReporter.encodePath("ü%.c"));
    assertEquals("x/%23y%3F.c", SarifReporter.encodePath("x/#y?.c"));
  }

  @Test
  void filesNotAnalyzedInFullAreToolExecutionNotifications() {
    ReportFixture fx = new ReportFixture(root);
    JsonObject run = run0(fx.runStatuses(new SarifReporter(ReportFixture.TEST_VERSION)));
    JsonObject invocation = run.getAsJsonArray("invocations").get(0).getAsJsonObject();
    assertFalse(invocation.get("executionSuccessful").getAsBoolean());
    JsonArray descriptors = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("notifications");
    List<String> rows = new java.util.ArrayList<>();
    for (JsonElement e : invocation.getAsJsonArray("toolExecutionNotifications")) {
      JsonObject n = e.getAsJsonObject();
      JsonObject artifact = n.getAsJsonArray("locations").get(0).getAsJsonObject()
          .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
      assertEquals(SarifReporter.SRCROOT, artifact.get("uriBaseId").getAsString());
      JsonObject descriptor = n.getAsJsonObject("descriptor");
      assertEquals(descriptor.get("id"),
          descriptors.get(descriptor.get("index").getAsInt()).getAsJsonObject().get("id"));
      rows.add(n.get("level").getAsString() + " " + descriptor.get("id").getAsString() + " "
          + artifact.get("uri").getAsString() + " " + n.getAsJsonObject("message").get("text").getAsString());
    }
    assertEquals(
        List.of(
            "error ftls/not-analyzed src/blob.c ftls did not analyze this file: " + ReportFixture.BINARY_REASON,
            "note ftls/note src/clean.c " + ReportFixture.NOTE,
            "warning ftls/incomplete src/deep.c ftls analyzed only part of this file: " + ReportFixture.DEEP_ERROR,
            "note ftls/skipped src/pythoncapi_compat.h ftls skipped this file on purpose: "
                + ReportFixture.VENDORED_REASON),
        rows);
    JsonArray config = invocation.getAsJsonArray("toolConfigurationNotifications");
    assertEquals(1, config.size(), config.toString());
    JsonObject problem = config.get(0).getAsJsonObject();
    assertEquals("warning", problem.get("level").getAsString());
    assertEquals("ftls/configuration", problem.getAsJsonObject("descriptor").get("id").getAsString());
    assertEquals(ReportFixture.CONFIG_PROBLEM, problem.getAsJsonObject("message").get("text").getAsString());
  }

  @Test
  void executionIsSuccessfulWhenOnlySkippedFilesAndNotesAreLeft() {
    ReportFixture fx = new ReportFixture(root);
    RunResults run = new RunResults(
        List.of(new FileResult(fx.clean, List.of(), "prelude").withNotes(List.of(ReportFixture.NOTE)),
            FileResult.skipped(new SourceText(root.resolve("v.h"), ""), ReportFixture.VENDORED_REASON)),
        List.of(ReportFixture.CONFIG_PROBLEM));
    JsonObject invocation = run0(ReportFixture.run(new SarifReporter(ReportFixture.TEST_VERSION), run,
        ReportFixture.RULES, root)).getAsJsonArray("invocations").get(0).getAsJsonObject();
    assertTrue(invocation.get("executionSuccessful").getAsBoolean(), invocation.toString());
    assertEquals(2, invocation.getAsJsonArray("toolExecutionNotifications").size());
  }
}
