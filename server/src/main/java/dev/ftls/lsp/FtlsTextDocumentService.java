package dev.ftls.lsp;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.core.hover.HoverRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeAction;
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

  FtlsTextDocumentService(Workspace ws) {
    this.ws = ws;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var td = params.getTextDocument();
    ws.open(new Document(td.getUri(), td.getVersion(), td.getText() == null ? "" : td.getText()));
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    int version = params.getTextDocument().getVersion() == null ? -1 : params.getTextDocument().getVersion();
    ws.change(params.getTextDocument().getUri(), d -> d.apply(version, params.getContentChanges()));
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
      for (Finding f : a.result().findings()) {
        if (f.start() <= offset && offset <= f.end()) {
          sb.append(md ? "**" + f.ruleId() + "** " : f.ruleId() + ": ").append(f.message()).append("\n\n");
        }
      }
    }
    String body = null;
    if (name.matches("FT\\d{3}") && Words.inComment(doc.text, offset)) {
      body = RuleRegistry.byId(name).map(r -> HoverRenderer.renderRule(r.meta(), md)).orElse(null);
    } else {
      body = ws.analyzer.kb().get(name)
          .map(e -> HoverRenderer.render(e, RuleRegistry.concerning(name, ws.analyzer.kb()), md))
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

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    String uri = params.getTextDocument().getUri();
    Document doc = ws.get(uri);
    List<Either<Command, CodeAction>> out = new ArrayList<>();
    if (doc == null || params.getContext() == null || params.getContext().getDiagnostics() == null) {
      return CompletableFuture.completedFuture(out);
    }
    List<String> only = params.getContext().getOnly();
    if (only != null && !only.isEmpty() && only.stream().noneMatch(k -> k.equals("quickfix") || "quickfix".startsWith(k + "."))) {
      return CompletableFuture.completedFuture(out);
    }
    for (Diagnostic d : params.getContext().getDiagnostics()) {
      for (CodeAction a : Diagnostics.actionsFor(uri, d, doc.version)) {
        out.add(Either.forRight(a));
      }
    }
    return CompletableFuture.completedFuture(out);
  }
}
