package dev.ftls.lsp;

import dev.ftls.core.hover.HoverLookup;
import dev.ftls.core.hover.HoverRenderer;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** textDocument/*: sync, hover and code actions. */
final class FtlsTextDocumentService implements TextDocumentService {
  private final Workspace ws;
  private final FixActions fixes;

  FtlsTextDocumentService(Workspace ws) {
    this.ws = ws;
    this.fixes = new FixActions(ws);
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var td = params.getTextDocument();
    if (td == null) {
      ws.warnOnce("ftls ignored a didOpen without a textDocument");
      return;
    }
    ws.open(new Document(td.getUri(), td.getVersion(), td.getText() == null ? "" : td.getText()));
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    var td = params.getTextDocument();
    if (td == null) {
      ws.warnOnce("ftls ignored a change without a textDocument");
      return;
    }
    int version = td.getVersion() == null ? -1 : td.getVersion();
    ws.change(td.getUri(), d -> d.apply(version, params.getContentChanges()));
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    ws.close(params.getTextDocument().getUri());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // Headers may have changed on disk with the save; the preamble checks their times itself.
    if (ws.get(params.getTextDocument().getUri()) != null) {
      ws.schedule(params.getTextDocument().getUri(), 0);
    }
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    Document doc = ws.get(params.getTextDocument().getUri());
    if (doc == null) {
      return CompletableFuture.completedFuture(null);
    }
    boolean md = ws.markdownHover();
    int offset = doc.offset(params.getPosition());
    int[] word = Words.at(doc.text, offset);
    if (word == null) {
      return CompletableFuture.completedFuture(null);
    }
    String name = doc.text.substring(word[0], word[1]);
    StringBuilder sb = new StringBuilder();
    Workspace.Analysis a = ws.analysis(doc.uri);
    if (a != null && a.version() == doc.version) {
      java.util.Set<String> shown = new java.util.HashSet<>();
      for (Finding f : a.result().findings()) {
        if (f.start() <= offset && offset <= f.end() && shown.add(f.ruleId())) {
          RuleRegistry.byId(f.ruleId())
              .ifPresent(r -> sb.append(HoverRenderer.renderFinding(r.meta(), f, md)).append("\n\n"));
        }
      }
    }
    String section = criticalSectionNote(doc.text, name, word[1], md);
    if (section != null) {
      sb.append(section).append("\n\n");
    }
    String body = null;
    if (name.matches("FT\\d{3}") && Words.inComment(doc.text, offset)) {
      body = RuleRegistry.byId(name).map(r -> HoverRenderer.renderRule(r.meta(), md)).orElse(null);
    } else {
      body = HoverLookup.entry(ws.analyzer.kb(), doc.text, word[0], word[1])
          .map(e -> HoverRenderer.render(e, RuleRegistry.concerning(e.name(), ws.analyzer.kb()), md))
          .orElse(null);
    }
    if (body != null) {
      if (sb.length() > 0) {
        sb.append(md ? "---\n\n" : "\n");
      }
      sb.append(body);
    }
    if (sb.length() == 0) {
      return CompletableFuture.completedFuture(null);
    }
    Hover h = new Hover(new MarkupContent(md ? MarkupKind.MARKDOWN : MarkupKind.PLAINTEXT, sb.toString().strip()));
    h.setRange(doc.range(word[0], word[1]));
    return CompletableFuture.completedFuture(h);
  }

  /**
   * For Py_BEGIN_CRITICAL_SECTION(x) and its variants: which object(s) the section locks and what
   * suspends it, read from the call under the cursor.
   */
  static String criticalSectionNote(String text, String name, int nameEnd, boolean md) {
    if (!name.startsWith("Py_BEGIN_CRITICAL_SECTION")) {
      return null;
    }
    int open = nameEnd;
    while (open < text.length() && Character.isWhitespace(text.charAt(open))) {
      open++;
    }
    if (open >= text.length() || text.charAt(open) != '(') {
      return null;
    }
    int depth = 0;
    int close = -1;
    for (int i = open; i < text.length() && i < open + 400; i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      return null;
    }
    List<String> objects = new ArrayList<>();
    for (String a : text.substring(open + 1, close).split(",")) {
      if (!a.isBlank()) {
        objects.add(code(a.strip(), md));
      }
    }
    boolean two = objects.size() > 1;
    boolean mutex = name.endsWith("_MUTEX");
    String what = mutex
        ? (two ? "the PyMutexes " : "the PyMutex ") + String.join(" and ", objects)
        : String.join(" and ", objects) + (two ? " (both per-object locks, taken without deadlock)" : " (its per-object lock)");
    String end = name.startsWith("Py_BEGIN_CRITICAL_SECTION2") ? "Py_END_CRITICAL_SECTION2" : "Py_END_CRITICAL_SECTION";
    String guarded = mutex ? "what " + (two ? "they protect" : "it protects") : two ? "the objects" : "the object";
    return "This section locks " + what + " until the matching " + code(end, md) + ". It is suspended, "
        + "and other threads may change " + guarded + " in between, whenever this thread detaches "
        + "(" + code("Py_BEGIN_ALLOW_THREADS", md) + ", a blocking call that detaches) or has to wait "
        + "to enter a nested critical section.";
  }

  private static String code(String s, boolean md) {
    return md ? "`" + s + "`" : s;
  }

  /** The kind of the fix-all source action (editors run it on save when configured). */
  static final String FIX_ALL = "source.fixAll.ftls";
  /** The kind of the source action that declares free-threading support for the module. */
  static final String DECLARE = "source.declareFreeThreading.ftls";
  static final java.util.Set<String> DECLARING_RULES = java.util.Set.of("FT001", "FT003");

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    Document doc = ws.get(uri);
    List<Either<Command, CodeAction>> out = new ArrayList<>();
    if (doc == null || params.getContext() == null) {
      return CompletableFuture.completedFuture(out);
    }
    return ws.forAction(doc, () -> actions(doc, params), new ArrayList<>());
  }

  private List<Either<Command, CodeAction>> actions(Document doc, CodeActionParams params) {
    List<Either<Command, CodeAction>> out = new ArrayList<>();
    List<String> only = params.getContext().getOnly();
    if (wanted(only, "quickfix", false) && params.getContext().getDiagnostics() != null) {
      java.util.Set<String> fixAllRules = new java.util.LinkedHashSet<>();
      for (Diagnostic d : params.getContext().getDiagnostics()) {
        for (CodeAction a : fixes.quickFixes(doc, d)) {
          out.add(Either.forRight(a));
          fixAllRules.add(d.getCode().getLeft());
        }
      }
      if (ws.settingsFor(doc).suppressionFixes) {
        addSuppressions(out, doc, params.getContext().getDiagnostics());
      }
      for (String rule : fixAllRules) {
        long n = fixes.safelyFixable(doc, rule);
        if (n > 1) {
          add(out, fixes.fixAll(doc, "Fix all " + rule + " problems in this file (" + n + ")", CodeActionKind.QuickFix,
              FixActions.Mode.RULE, rule));
        }
      }
    }
    if (wanted(only, FIX_ALL, true)) {
      add(out, fixes.fixAll(doc, "Fix all safe ftls problems", FIX_ALL, FixActions.Mode.SAFE, null));
    }
    if (wanted(only, DECLARE, true)) {
      // asked for by name: the declaring fixes are unsafe (a claim about the whole module), the title says so
      add(out, fixes.fixAll(doc, "Declare that this module runs without the GIL (only once its shared state is protected)",
          DECLARE, FixActions.Mode.DECLARE, null));
    }
    return out;
  }

  @Override
  public CompletableFuture<CodeAction> resolveCodeAction(CodeAction unresolved) {
    return fixes.resolveLater(unresolved);
  }

  private static void add(List<Either<Command, CodeAction>> out, CodeAction a) {
    if (a != null) {
      out.add(Either.forRight(a));
    }
  }

  /**
   * "Ignore FTnnn on this line" for each ftls diagnostic (not FT900, which is about suppressions
   * themselves), when the user enabled them: never preferred, and the comment carries a reason
   * placeholder to replace.
   */
  private static void addSuppressions(List<Either<Command, CodeAction>> out, Document doc, List<Diagnostic> diags) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Diagnostic d : diags) {
      // only rule findings can be ignored on a line (not FT900, nor what says how the file was analyzed)
      if (!Diagnostics.SOURCE.equals(d.getSource()) || d.getCode() == null || !d.getCode().isLeft()
          || d.getCode().getLeft().equals("FT900") || RuleRegistry.byId(d.getCode().getLeft()).isEmpty()
          || d.getRange() == null) {
        continue;
      }
      String id = d.getCode().getLeft();
      int offset = doc.offset(d.getRange().getStart());
      dev.ftls.core.source.LineIndex lines = doc.lines();
      if (!seen.add(id + "@" + lines.line(offset))) {
        continue;
      }
      dev.ftls.core.fix.TextEdit e = dev.ftls.core.rules.Suppressions.suppressionEdit(doc.text, lines, offset, id);
      CodeAction a = new CodeAction("Ignore " + id + " on this line (write the reason in the comment)");
      a.setKind(CodeActionKind.QuickFix);
      a.setDiagnostics(List.of(d));
      a.setIsPreferred(false);
      a.setEdit(FixActions.workspaceEdit(doc, List.of(e)));
      out.add(Either.forRight(a));
    }
  }

  /**
   * Whether the client wants actions of a kind: quick fixes when it names no kinds; source actions
   * only when it asks for them (a kind or one of its parents, as "source" or "source.fixAll").
   */
  static boolean wanted(List<String> only, String kind, boolean source) {
    if (only == null || only.isEmpty()) {
      return !source;
    }
    for (String k : only) {
      if (kind.equals(k) || kind.startsWith(k + ".")) {
        return true;
      }
    }
    return false;
  }
}
