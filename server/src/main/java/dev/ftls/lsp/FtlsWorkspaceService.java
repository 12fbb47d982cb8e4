package dev.ftls.lsp;

import com.google.gson.JsonElement;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.services.WorkspaceService;

/** workspace/*: configuration changes re-analyze every open document; file changes update the project index. */
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

  /**
   * C and C++ files created, changed or deleted outside the editor bring the project index up to
   * date; header and compile-database changes are also noticed by their modification times.
   */
  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    if (params == null || params.getChanges() == null) {
      return;
    }
    for (FileEvent e : params.getChanges()) {
      if (e != null && e.getUri() != null) {
        ws.fileChangedOnDisk(e.getUri(), e.getType() == FileChangeType.Deleted);
      }
    }
  }
}
