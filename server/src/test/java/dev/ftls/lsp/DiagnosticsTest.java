package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.SourceText;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;

/** How much of a file was analyzed, as the editor shows it: diagnostics at the file's start. */
class DiagnosticsTest {
  private final Document doc = new Document("file:///w/m.c", 3, "int x;\nint y;\n");
  private final SourceText src = new SourceText(Path.of("/w/m.c"), doc.text);

  @Test
  void anIncompleteFileWithNotesGetsAWarningAndOneInformationPerNote() {
    FileResult r = new FileResult(src, List.of(), "prelude", List.of("rule FT303 failed on this file: boom"))
        .withNotes(List.of("skipped the include \"/dev/zero\": it is not a regular file"));
    List<Diagnostic> ds = Diagnostics.statusDiagnostics(doc, r);
    assertEquals(2, ds.size(), ds.toString());
    assertEquals("incomplete", ds.get(0).getCode().getLeft());
    assertEquals(DiagnosticSeverity.Warning, ds.get(0).getSeverity());
    assertTrue(ds.get(0).getMessage().contains("FT303 failed"), ds.get(0).getMessage());
    assertEquals("note", ds.get(1).getCode().getLeft());
    assertEquals(DiagnosticSeverity.Information, ds.get(1).getSeverity());
    assertTrue(ds.get(1).getMessage().contains("/dev/zero"));
    for (Diagnostic d : ds) {
      assertEquals("ftls", d.getSource());
      assertEquals(0, d.getRange().getStart().getLine());
      assertEquals(null, Diagnostics.versionOf(d), "no data, so no fix, for " + d);
    }
  }

  @Test
  void aFileAnalyzedInFullGetsNoStatusDiagnostic() {
    assertTrue(Diagnostics.statusDiagnostics(doc, new FileResult(src, List.of(), "prelude")).isEmpty());
  }

  @Test
  void relatedLocationsBecomeRelatedInformation() {
    Finding f = new Finding("FT301", Severity.WARNING, "written", 11, 12, List.of(),
        List.of(new Finding.Related("'x' is declared here", 4, 5)));
    Diagnostic d = Diagnostics.toDiagnostic(doc, f);
    assertEquals(1, d.getRelatedInformation().size());
    assertEquals("'x' is declared here", d.getRelatedInformation().get(0).getMessage());
    assertEquals(doc.uri, d.getRelatedInformation().get(0).getLocation().getUri());
    assertEquals(0, d.getRelatedInformation().get(0).getLocation().getRange().getStart().getLine());
    assertEquals(4, d.getRelatedInformation().get(0).getLocation().getRange().getStart().getCharacter());
    assertEquals(null, Diagnostics.toDiagnostic(doc,
        new Finding("FT301", Severity.WARNING, "w", 11, 12, List.of())).getRelatedInformation());
  }

  @Test
  void aFindingsDiagnosticCarriesItsVersionAndNoFixes() {
    Finding f = new Finding("FT001", Severity.WARNING, "declare", 0, 3,
        List.of(new dev.ftls.core.fix.Fix("Declare it (unsafe)", false,
            List.of(new dev.ftls.core.fix.TextEdit(0, 0, "/* x */")))));
    Diagnostic d = Diagnostics.toDiagnostic(doc, f);
    com.google.gson.JsonObject data = new com.google.gson.Gson().toJsonTree(d.getData()).getAsJsonObject();
    assertEquals(java.util.Set.of("version"), data.keySet(), "the fixes are computed when asked for: " + data);
    assertEquals(3, Diagnostics.versionOf(d));
    // as a client sends it back: parsed JSON, or something else that is not ours
    d.setData(com.google.gson.JsonParser.parseString("{\"version\": 3}"));
    assertEquals(3, Diagnostics.versionOf(d));
    for (String other : List.of("null", "3", "{\"version\": \"x\"}", "[]")) {
      d.setData(com.google.gson.JsonParser.parseString(other));
      assertEquals(null, Diagnostics.versionOf(d), other);
    }
  }
}
