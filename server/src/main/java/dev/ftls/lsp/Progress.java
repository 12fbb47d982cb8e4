package dev.ftls.lsp;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/** A server-initiated $/progress report (only for clients that announce window.workDoneProgress). */
final class Progress {
  private final LanguageClient client;
  private final Either<String, Integer> token;
  private final CompletableFuture<Void> created;

  private Progress(LanguageClient client, Either<String, Integer> token, CompletableFuture<Void> created) {
    this.client = client;
    this.token = token;
    this.created = created;
  }

  /** Creates the token and sends "begin"; returns null when the client cannot show progress. */
  static Progress begin(LanguageClient client, boolean supported, String title, String message) {
    return begin(client, supported, title, message, false);
  }

  /** As {@link #begin(LanguageClient, boolean, String, String)}; with {@code measured}, reports carry a percentage. */
  static Progress begin(LanguageClient client, boolean supported, String title, String message, boolean measured) {
    if (client == null || !supported) {
      return null;
    }
    Either<String, Integer> token = Either.forLeft("ftls-" + UUID.randomUUID());
    CompletableFuture<Void> created = client.createProgress(new WorkDoneProgressCreateParams(token))
        .thenRun(() -> {
          WorkDoneProgressBegin b = new WorkDoneProgressBegin();
          b.setTitle(title);
          b.setMessage(message);
          b.setCancellable(false);
          if (measured) {
            b.setPercentage(0);
          }
          client.notifyProgress(new ProgressParams(token, Either.forLeft(b)));
        });
    return new Progress(client, token, created);
  }

  /** Sends "report" with a message and a percentage (0-100) once the token exists. */
  void report(String message, int percentage) {
    created.thenRun(() -> {
      WorkDoneProgressReport r = new WorkDoneProgressReport();
      r.setMessage(message);
      r.setPercentage(Math.max(0, Math.min(100, percentage)));
      client.notifyProgress(new ProgressParams(token, Either.forLeft(r)));
    });
  }

  /** Sends "end" once the token exists (never before "begin"). */
  void end(String message) {
    created.thenRun(() -> {
      WorkDoneProgressEnd e = new WorkDoneProgressEnd();
      e.setMessage(message);
      client.notifyProgress(new ProgressParams(token, Either.forLeft(e)));
    });
  }
}
