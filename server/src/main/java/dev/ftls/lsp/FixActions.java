package dev.ftls.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.FixApplier;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Code actions that apply fixes. Diagnostics are published without fixes; the fixes of a document's
 * version are computed when the editor first asks for a code action on it ({@link Workspace#withFixes}).
 * For an editor that resolves code actions (LSP 3.16: {@code codeAction/resolve} for {@code edit},
 * with {@code data} kept), an action leaves without its edit and with {@link ActionData} instead,
 * and the edit is computed when the user picks it; other editors get the edit at once. A resolve for
 * another version of the document than the action's answers without an edit, never a wrong one.
 */
final class FixActions {
  private static final Gson GSON = new Gson();

  /** One finding's fix ({@code fix} is its number), or all the fixes of a kind in the document. */
  enum Mode { FIX, RULE, SAFE, DECLARE }

  /**
   * What an action carries until it is resolved: the document's version, what to apply, and for a
   * single fix its finding (rule and offsets) and number. Only strings and numbers: some clients send
   * false back as nil, and LSP4J writes enums as numbers.
   */
  record ActionData(String uri, int version, String mode, String rule, int start, int end, int fix) {
    Mode kind() {
      for (Mode m : Mode.values()) {
        if (m.name().equals(mode)) {
          return m;
        }
      }
      return null;
    }
  }

  private final Workspace ws;

  FixActions(Workspace ws) {
    this.ws = ws;
  }

  /** The quick fixes of one of our diagnostics of the document's current version (none for stale or foreign ones). */
  List<CodeAction> quickFixes(Document doc, Diagnostic d) {
    List<CodeAction> out = new ArrayList<>();
    if (!Diagnostics.SOURCE.equals(d.getSource()) || d.getCode() == null || !d.getCode().isLeft()
        || d.getRange() == null || !Integer.valueOf(doc.version).equals(Diagnostics.versionOf(d))) {
      return out;
    }
    String rule = d.getCode().getLeft();
    if (RuleRegistry.byId(rule).map(r -> !r.meta().hasFix()).orElse(true)) {
      return out; // no fix to compute
    }
    for (Finding f : ws.withFixes(doc).findings()) {
      if (!f.ruleId().equals(rule) || !f.message().equals(d.getMessage()) || !doc.range(f.start(), f.end()).equals(d.getRange())) {
        continue;
      }
      for (int i = 0; i < f.fixes().size(); i++) {
        Fix fix = f.fixes().get(i);
        CodeAction a = new CodeAction(fix.title());
        a.setKind(CodeActionKind.QuickFix);
        a.setDiagnostics(List.of(d));
        a.setIsPreferred(fix.safe());
        if (ws.resolvesEdits()) {
          a.setData(new ActionData(doc.uri, doc.version, Mode.FIX.name(), rule, f.start(), f.end(), i));
        } else {
          a.setEdit(workspaceEdit(doc, fix.edits()));
        }
        out.add(a);
      }
    }
    return out;
  }

  /**
   * An action applying the safe fixes of one rule's findings ({@link Mode#RULE}), of every finding
   * ({@link Mode#SAFE}), or the declaring fixes ({@link Mode#DECLARE}), round after round as
   * {@code ftls check --fix} does; null when no finding has such a fix.
   */
  CodeAction fixAll(Document doc, String title, String kind, Mode mode, String rule) {
    FileResult fixed = ws.withFixes(doc);
    Predicate<Finding> which = which(mode, rule);
    boolean unsafe = mode == Mode.DECLARE;
    if (fixed.findings().stream().noneMatch(f -> which.test(f) && FixApplier.chosen(f, unsafe) != null)) {
      return null;
    }
    CodeAction a = new CodeAction(title);
    a.setKind(kind);
    if (ws.resolvesEdits()) {
      a.setData(new ActionData(doc.uri, doc.version, mode.name(), rule, -1, -1, -1));
      return a;
    }
    WorkspaceEdit edit = allEdits(doc, fixed, mode, rule);
    if (edit == null) {
      return null;
    }
    a.setEdit(edit);
    return a;
  }

  /** How many findings of a rule have a safe fix (the "fix all" of a rule is offered for two or more). */
  long safelyFixable(Document doc, String rule) {
    return ws.withFixes(doc).findings().stream()
        .filter(f -> f.ruleId().equals(rule) && f.fixes().stream().anyMatch(Fix::safe)).count();
  }

  /** codeAction/resolve: the action with its edit, or as it came when it is not ours or its version is gone. */
  /**
   * {@link #resolve} on the code-action thread; an action whose document has changed meanwhile
   * comes back without an edit.
   */
  java.util.concurrent.CompletableFuture<CodeAction> resolveLater(CodeAction a) {
    ActionData data = dataOf(a);
    Document doc = data == null ? null : ws.get(data.uri());
    if (doc == null || doc.version != data.version()) {
      return java.util.concurrent.CompletableFuture.completedFuture(a); // stale or foreign: no edit
    }
    return ws.forAction(doc, () -> resolve(a), null).thenApply(resolved -> {
      if (resolved == null) {
        a.setEdit(null); // resolved against a text the editor no longer has
        return a;
      }
      return resolved;
    });
  }

  CodeAction resolve(CodeAction a) {
    ActionData data = dataOf(a);
    Document doc = data == null ? null : ws.get(data.uri());
    if (doc == null || doc.version != data.version() || data.kind() == null) {
      return a; // stale or foreign: no edit rather than a wrong one
    }
    FileResult fixed = ws.withFixes(doc);
    WorkspaceEdit edit = null;
    if (data.kind() == Mode.FIX) {
      for (Finding f : fixed.findings()) {
        if (f.ruleId().equals(data.rule()) && f.start() == data.start() && f.end() == data.end()
            && data.fix() >= 0 && data.fix() < f.fixes().size() && f.fixes().get(data.fix()).title().equals(a.getTitle())) {
          edit = workspaceEdit(doc, f.fixes().get(data.fix()).edits());
          break;
        }
      }
    } else {
      edit = allEdits(doc, fixed, data.kind(), data.rule());
    }
    if (edit != null) {
      a.setEdit(edit);
    }
    return a;
  }

  private static ActionData dataOf(CodeAction a) {
    Object raw = a.getData();
    if (raw == null) {
      return null;
    }
    try {
      JsonElement json = raw instanceof JsonElement je ? je : GSON.toJsonTree(raw);
      return json instanceof JsonObject ? GSON.fromJson(json, ActionData.class) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Predicate<Finding> which(Mode mode, String rule) {
    return switch (mode) {
      case RULE -> f -> f.ruleId().equals(rule);
      case DECLARE -> f -> FtlsTextDocumentService.DECLARING_RULES.contains(f.ruleId());
      default -> f -> true;
    };
  }

  /** The edit of a fix-all action, from the fixes of the current version and the analyses of each round; null if none. */
  private WorkspaceEdit allEdits(Document doc, FileResult fixed, Mode mode, String rule) {
    FixApplier.Result res = FixApplier.applyRepeatedly(fixed.source().text(), fixed.findings(), mode == Mode.DECLARE,
        which(mode, rule), t -> ws.analyzeNow(doc, t).findings());
    return res.changed() ? workspaceEdit(doc, res.edits()) : null;
  }

  /** Core edits (character offsets in the document's text) as an LSP edit of that document. */
  static WorkspaceEdit workspaceEdit(Document doc, List<dev.ftls.core.fix.TextEdit> edits) {
    List<org.eclipse.lsp4j.TextEdit> out = new ArrayList<>();
    for (dev.ftls.core.fix.TextEdit e : edits) {
      out.add(new org.eclipse.lsp4j.TextEdit(doc.range(e.start(), e.end()), e.newText()));
    }
    return new WorkspaceEdit(java.util.Map.of(doc.uri, out));
  }
}
