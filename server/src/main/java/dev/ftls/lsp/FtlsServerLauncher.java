package dev.ftls.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Starts the language server on a pair of streams (stdio in production) and runs until they close. */
public final class FtlsServerLauncher {
  private FtlsServerLauncher() {}

  /** Serves until the input closes or the client says exit; then ends the process. */
  public static void run(InputStream in, OutputStream out, List<String> args) {
    FtlsLanguageServer server = new FtlsLanguageServer(code -> {
      System.out.flush();
      Runtime.getRuntime().halt(code);
    });
    Future<Void> listening = start(server, in, out);
    try {
      listening.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      System.err.println("ftls: connection ended: " + e.getCause());
    }
    // stdin closed: the editor is gone, so is the server
    server.exit();
  }

  /** Connects a server to streams; returns the listening future (done when the input closes). */
  public static Future<Void> start(FtlsLanguageServer server, InputStream in, OutputStream out) {
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    return launcher.startListening();
  }
}
