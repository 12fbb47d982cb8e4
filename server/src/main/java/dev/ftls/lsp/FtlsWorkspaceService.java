package dev.ftls.lsp;

import com.google.gson.JsonElement;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** workspace/*: configuration changes re-analyze every open document. */
final class FtlsWorkspaceService implements WorkspaceService {
  private final Workspace ws;

  FtlsWorkspaceService(Workspace ws) {
    this.ws = ws;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    Object s = params.getSettings();
    if (s instanceof JsonElement je) {
      ws.applySettings(je);
    } else {
      ws.applySettings(null);
    }
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    // nothing: header and compile-database changes are noticed by their modification times
  }
}
