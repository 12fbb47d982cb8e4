package dev.ftls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Findings to LSP diagnostics and back to code actions. The fixes travel in the diagnostic's
 * {@code data} (as LSP ranges of the analyzed version), so the server keeps no fix cache: a code
 * action is rebuilt from what the client sends back.
 */
final class Diagnostics {
  static final String SOURCE = "ftls";
  private static final Gson GSON = new Gson();

  private Diagnostics() {}

  /** What travels in {@code Diagnostic.data}. */
  record FixData(String title, boolean safe, List<EditData> edits) {}

  record EditData(Range range, String newText) {}

  record Payload(int version, List<FixData> fixes) {}

  static Diagnostic toDiagnostic(Document doc, Finding f) {
    Diagnostic d = new Diagnostic();
    d.setRange(doc.range(f.start(), f.end()));
    d.setSeverity(severity(f.severity()));
    d.setSource(SOURCE);
    d.setCode(Either.forLeft(f.ruleId()));
    d.setMessage(f.message());
    RuleRegistry.byId(f.ruleId())
        .ifPresent(r -> d.setCodeDescription(new DiagnosticCodeDescription(r.meta().docsUrl())));
    if (!f.related().isEmpty()) {
      List<DiagnosticRelatedInformation> related = new ArrayList<>();
      for (Finding.Related r : f.related()) {
        related.add(new DiagnosticRelatedInformation(new Location(doc.uri, doc.range(r.start(), r.end())), r.message()));
      }
      d.setRelatedInformation(related);
    }
    if (!f.fixes().isEmpty()) {
      List<FixData> fixes = new ArrayList<>();
      for (Fix fix : f.fixes()) {
        List<EditData> edits = new ArrayList<>();
        for (TextEdit e : fix.edits()) {
          edits.add(new EditData(doc.range(e.start(), e.end()), e.newText()));
        }
        fixes.add(new FixData(fix.title(), fix.safe(), edits));
      }
      d.setData(GSON.toJsonTree(new Payload(doc.version, fixes)));
    }
    return d;
  }

  /**
   * What the user must know about how much of a file was analyzed, as diagnostics at its start
   * (code {@code not-analyzed}, {@code skipped}, {@code incomplete} or {@code note}); none for a
   * file analyzed in full without notes. They carry no fixes.
   */
  static List<Diagnostic> statusDiagnostics(Document doc, FileResult result) {
    List<Diagnostic> out = new ArrayList<>();
    switch (result.status()) {
      case NOT_ANALYZED -> out.add(fileDiagnostic(doc, "not-analyzed", DiagnosticSeverity.Warning,
          "ftls did not analyze this file: " + result.notAnalyzed()));
      case SKIPPED -> out.add(fileDiagnostic(doc, "skipped", DiagnosticSeverity.Information,
          "ftls skipped this file: " + result.notAnalyzed()));
      case INCOMPLETE -> out.add(fileDiagnostic(doc, "incomplete", DiagnosticSeverity.Warning,
          "ftls analyzed this file only in part: " + String.join("; ", result.errors())));
      case ANALYZED -> { }
    }
    for (String note : result.notes()) {
      out.add(fileDiagnostic(doc, "note", DiagnosticSeverity.Information, "ftls: " + note));
    }
    return out;
  }

  private static Diagnostic fileDiagnostic(Document doc, String code, DiagnosticSeverity severity, String message) {
    Diagnostic d = new Diagnostic();
    d.setRange(doc.range(0, 0));
    d.setSeverity(severity);
    d.setSource(SOURCE);
    d.setCode(Either.forLeft(code));
    d.setMessage(message);
    return d;
  }

  static DiagnosticSeverity severity(Severity s) {
    switch (s) {
      case ERROR:
        return DiagnosticSeverity.Error;
      case WARNING:
        return DiagnosticSeverity.Warning;
      case INFORMATION:
        return DiagnosticSeverity.Information;
      default:
        return DiagnosticSeverity.Hint;
    }
  }

  /** The code actions carried by one of our diagnostics (none for foreign or stale ones). */
  /**
   * The data as a client sent it back, with each fix's {@code safe} flag a plain boolean: some
   * clients (Emacs lsp-mode) read JSON false as nil and send it back as an empty object or null,
   * which is false.
   */
  private static JsonObject withPlainSafeFlags(JsonObject data) {
    JsonObject copy = data.deepCopy();
    if (copy.get("fixes") instanceof com.google.gson.JsonArray fixes) {
      for (JsonElement f : fixes) {
        if (f instanceof JsonObject fix) {
          JsonElement safe = fix.get("safe");
          boolean yes = safe != null && safe.isJsonPrimitive() && safe.getAsJsonPrimitive().isBoolean() && safe.getAsBoolean();
          fix.addProperty("safe", yes);
        }
      }
    }
    return copy;
  }

  static List<CodeAction> actionsFor(String uri, Diagnostic d, int currentVersion) {
    List<CodeAction> out = new ArrayList<>();
    if (!SOURCE.equals(d.getSource()) || d.getData() == null) {
      return out;
    }
    Payload payload;
    try {
      JsonElement json = d.getData() instanceof JsonElement je ? je : GSON.toJsonTree(d.getData());
      if (!(json instanceof JsonObject)) {
        return out;
      }
      payload = GSON.fromJson(withPlainSafeFlags((JsonObject) json), Payload.class);
    } catch (RuntimeException e) {
      return out;
    }
    if (payload == null || payload.fixes() == null || payload.version() != currentVersion) {
      return out;
    }
    for (FixData fix : payload.fixes()) {
      if (fix == null || fix.edits() == null) {
        continue;
      }
      List<org.eclipse.lsp4j.TextEdit> edits = new ArrayList<>();
      for (EditData e : fix.edits()) {
        edits.add(new org.eclipse.lsp4j.TextEdit(e.range(), e.newText()));
      }
      CodeAction a = new CodeAction(fix.title());
      a.setKind(CodeActionKind.QuickFix);
      a.setDiagnostics(List.of(d));
      a.setIsPreferred(fix.safe());
      a.setEdit(new WorkspaceEdit(java.util.Map.of(uri, edits)));
      out.add(a);
    }
    return out;
  }
}
