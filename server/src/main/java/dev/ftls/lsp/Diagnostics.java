package dev.ftls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Findings to LSP diagnostics. A diagnostic's {@code data} carries the version of the document it
 * was made for, so that a code action asked for with a diagnostic of an older version gets no fix;
 * the fixes themselves are computed when a code action is asked for ({@link FixActions}).
 */
final class Diagnostics {
  static final String SOURCE = "ftls";
  private static final Gson GSON = new Gson();

  private Diagnostics() {}

  /** What travels in {@code Diagnostic.data}. */
  record Payload(int version) {}

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
    d.setData(GSON.toJsonTree(new Payload(doc.version)));
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

  /** The document version one of our diagnostics was made for, as the client sent it back; null if it has none. */
  static Integer versionOf(Diagnostic d) {
    try {
      JsonElement json = d.getData() instanceof JsonElement je ? je : GSON.toJsonTree(d.getData());
      if (json instanceof JsonObject o && o.get("version") instanceof com.google.gson.JsonPrimitive v && v.isNumber()) {
        return v.getAsInt();
      }
    } catch (RuntimeException e) {
      // not ours
    }
    return null;
  }
}
