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

  /** {@code ftls.showSettings [uri]}: the text report of what the file is analyzed with (a string). */
  static final String SHOW_SETTINGS = "ftls.showSettings";

  /** The commands workspace/executeCommand takes. */
  static final java.util.List<String> COMMANDS = java.util.List.of(SHOW_SETTINGS);

  FtlsWorkspaceService(Workspace ws) {
    this.ws = ws;
  }

  /**
   * {@code ftls.showSettings} with a document URI (a string, or an object with {@code uri} as
   * some clients send a TextDocumentIdentifier): the report as a string, like {@code ftls flags}
   * plus the ftls settings in effect. A bad or missing argument is an InvalidParams error.
   */
  @Override
  public java.util.concurrent.CompletableFuture<Object> executeCommand(org.eclipse.lsp4j.ExecuteCommandParams params) {
    if (params == null || !SHOW_SETTINGS.equals(params.getCommand())) {
      return failed("unknown command " + (params == null ? null : params.getCommand()) + "; ftls has " + COMMANDS);
    }
    java.util.List<Object> args = params.getArguments();
    Object first = args == null || args.isEmpty() ? null : args.get(0);
    String uri = null;
    if (first instanceof JsonElement je && je.isJsonPrimitive() && je.getAsJsonPrimitive().isString()) {
      uri = je.getAsString();
    } else if (first instanceof JsonElement je && je.isJsonObject() && je.getAsJsonObject().has("uri")
        && je.getAsJsonObject().get("uri").isJsonPrimitive()) {
      uri = je.getAsJsonObject().get("uri").getAsString();
    } else if (first instanceof String str) {
      uri = str;
    }
    if (uri == null) {
      return failed(SHOW_SETTINGS + " needs the document's URI as its argument");
    }
    String report = ws.settingsReport(uri);
    if (report == null) {
      return failed(SHOW_SETTINGS + ": " + uri + " is neither open nor a readable file");
    }
    return java.util.concurrent.CompletableFuture.completedFuture(report);
  }

  private static java.util.concurrent.CompletableFuture<Object> failed(String message) {
    java.util.concurrent.CompletableFuture<Object> f = new java.util.concurrent.CompletableFuture<>();
    f.completeExceptionally(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
        new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.InvalidParams,
            message, null)));
    return f;
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
