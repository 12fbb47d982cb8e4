package dev.ftls.lsp;

import java.util.List;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The LSP lifecycle, enforced before any message reaches the server: until {@code initialize},
 * requests get -32002 (server not initialized) and notifications are dropped; a second
 * {@code initialize} gets -32600 (invalid request); after {@code shutdown} every request gets
 * -32600 and notifications are dropped. {@code exit} always passes. Messages arrive here one at a
 * time, in order, from the one reading thread.
 */
final class Lifecycle implements MessageConsumer {
  private enum State { NEW, RUNNING, SHUT_DOWN }

  private final MessageConsumer next;
  private final MessageIssueHandler issues;
  private final Consumer<String> log;
  private State state = State.NEW;

  Lifecycle(MessageConsumer next, MessageIssueHandler issues, Consumer<String> log) {
    this.next = next;
    this.issues = issues;
    this.log = log;
  }

  @Override
  public void consume(Message message) {
    if (message instanceof RequestMessage r) {
      String refusal = refusal(r.getMethod());
      if (refusal != null) {
        int code = state == State.NEW ? ResponseErrorCode.ServerNotInitialized.getValue()
            : ResponseErrorCode.InvalidRequest.getValue();
        log.accept("refused " + r.getMethod() + ": " + refusal);
        issues.handle(r, List.of(new MessageIssue(refusal, code)));
        return;
      }
      if ("initialize".equals(r.getMethod())) {
        state = State.RUNNING;
      } else if ("shutdown".equals(r.getMethod())) {
        state = State.SHUT_DOWN;
      }
    } else if (message instanceof NotificationMessage n && !"exit".equals(n.getMethod()) && state != State.RUNNING) {
      log.accept("dropped the notification " + n.getMethod() + ": "
          + (state == State.NEW ? "the server is not initialized yet" : "the server is shutting down"));
      return;
    }
    next.consume(message);
  }

  /** Why a request is refused in the current state, or null when it may pass. */
  private String refusal(String method) {
    return switch (state) {
      case NEW -> "initialize".equals(method) ? null : "the server is not initialized yet; send initialize first";
      case RUNNING -> "initialize".equals(method) ? "initialize was already received" : null;
      case SHUT_DOWN -> "the server is shutting down; only the exit notification is accepted";
    };
  }
}
