package dev.ftls.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
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
    Launcher<LanguageClient> launcher = new GuardedBuilder(server::log)
        .setLocalService(server)
        .setRemoteInterface(LanguageClient.class)
        .setInput(in)
        .setOutput(out)
        .create();
    server.connect(launcher.getRemoteProxy());
    return launcher.startListening();
  }

  /**
   * LSP4J's launcher with our reader ({@link GuardedMessageProducer}: bounded frames, answers to
   * unreadable messages) and the {@link Lifecycle} gate in front of the server.
   */
  private static final class GuardedBuilder extends Launcher.Builder<LanguageClient> {
    private final Consumer<String> log;
    private MessageJsonHandler json;
    private RemoteEndpoint endpoint;
    private SentRequests sent;

    GuardedBuilder(Consumer<String> log) {
      this.log = log;
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
      json = jsonHandler;
      endpoint = super.createRemoteEndpoint(jsonHandler);
      return endpoint;
    }

    /** Remembers the requests the server sends, on the outgoing stream (the one that writes). */
    @Override
    protected MessageConsumer wrapMessageConsumer(MessageConsumer consumer) {
      MessageConsumer wrapped = super.wrapMessageConsumer(consumer);
      if (consumer instanceof StreamMessageConsumer) {
        sent = new SentRequests(wrapped);
        return sent;
      }
      return new RequestCheck(wrapped, localServices); // incoming messages
    }

    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer lsp4jReader,
        MessageConsumer consumer, LanguageClient remoteProxy) {
      MessageProducer reader = new GuardedMessageProducer(input, json, endpoint, sent, log);
      return super.createMessageProcessor(reader, new Lifecycle(consumer, endpoint, log), remoteProxy);
    }
  }
}
