package dev.ftls.lsp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;

/**
 * Sits on the outgoing stream and remembers the ids of the requests the server sent the client
 * (progress tokens, configuration) until they are answered, so that a message with only an id can
 * be told apart: an answer without a result to one of these, or an invalid request.
 */
final class SentRequests implements MessageConsumer {
  private final MessageConsumer next;
  private final Set<String> open = ConcurrentHashMap.newKeySet();

  SentRequests(MessageConsumer next) {
    this.next = next;
  }

  @Override
  public void consume(Message message) {
    if (message instanceof RequestMessage r && r.getId() != null) {
      open.add(r.getId());
    }
    next.consume(message);
  }

  /** Whether the id is that of a request the server sent and awaits; it no longer awaits it. */
  boolean answered(String id) {
    return id != null && open.remove(id);
  }
}
