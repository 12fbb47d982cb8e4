package dev.ftls.lsp;

import dev.ftls.cli.report.Reporters;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.rules.Analyzer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The ftls language server: lifecycle and capabilities; the work is in the two services. */
public final class FtlsLanguageServer implements LanguageServer, LanguageClientAware {
  private final IntConsumer exiter;
  private final Workspace workspace;
  private final FtlsTextDocumentService documents;
  private final FtlsWorkspaceService workspaceService;
  private volatile boolean shutdown;

  public FtlsLanguageServer(IntConsumer exiter) {
    this.exiter = exiter;
    this.workspace = new Workspace(new Analyzer(JsonKnowledgeBase.builtin()));
    this.documents = new FtlsTextDocumentService(workspace);
    this.workspaceService = new FtlsWorkspaceService(workspace);
  }

  @Override
  public void connect(LanguageClient client) {
    workspace.connect(client);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    workspace.initialize(params);
    if (params.getProcessId() != null) {
      watchParent(params.getProcessId());
    }
    ServerCapabilities caps = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Incremental);
    sync.setSave(new SaveOptions(false));
    caps.setTextDocumentSync(sync);
    caps.setHoverProvider(true);
    CodeActionOptions actions = new CodeActionOptions(List.of(CodeActionKind.QuickFix,
        FtlsTextDocumentService.FIX_ALL, FtlsTextDocumentService.DECLARE));
    actions.setResolveProvider(true); // the edits of fix actions, for editors that resolve them (FixActions)
    caps.setCodeActionProvider(actions);
    caps.setExecuteCommandProvider(new org.eclipse.lsp4j.ExecuteCommandOptions(FtlsWorkspaceService.COMMANDS));
    return CompletableFuture.completedFuture(
        new InitializeResult(caps, new ServerInfo("ftls", Reporters.toolVersion())));
  }

  @Override
  public void initialized(InitializedParams params) {
    workspace.initialized();
  }

  /** Writes a line to the log (stderr, and the editor's log once connected). */
  void log(String message) {
    workspace.log(message);
  }

  /**
   * Ends the process when the editor that started us dies without closing our stdin. A pid that
   * is our own (a client that launched us in-process, or a confused one) is not watched.
   */
  private void watchParent(int pid) {
    if (pid == ProcessHandle.current().pid()) {
      workspace.log("the client's processId " + pid + " is this server's own; not watching it");
      return;
    }
    ProcessHandle.of(pid).ifPresentOrElse(
        h -> h.onExit().thenRun(() -> {
          System.err.println("ftls: parent process " + pid + " ended; ending the session");
          exiter.accept(1);
        }),
        () -> workspace.log("parent process " + pid + " is not running; not watching it"));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    workspace.shutdown();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    workspace.shutdown();
    exiter.accept(shutdown ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspaceService;
  }
}
