package dev.ftls.lsp;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.JsonDelegate;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;
import org.eclipse.lsp4j.jsonrpc.validation.ReflectiveMessageValidator;

/**
 * Checks each incoming message after LSP4J bound it and before the server sees it: a request for
 * a method ftls does not implement gets -32601 (LSP4J's interfaces declare every LSP method, with
 * a default body that throws, which would be -32603); a request missing what the protocol requires
 * (LSP4J's {@code @NonNull}) gets -32602 naming each missing path, or -32600 when the envelope
 * itself is at fault; a request without params (other than {@code shutdown}) gets -32602 too.
 */
final class RequestCheck extends ReflectiveMessageValidator {
  /** The requests LSP defines without params; every other one needs them. */
  private static final Set<String> WITHOUT_PARAMS = Set.of("shutdown");
  private final MessageConsumer next;
  private final Set<String> served;

  RequestCheck(MessageConsumer next, Collection<Object> services) {
    this.next = next;
    this.served = new HashSet<>();
    for (Object service : services) {
      collect(service, served);
    }
  }

  @Override
  public void consume(Message message) {
    if (message instanceof RequestMessage r && !served.contains(r.getMethod())) {
      throw new MessageIssueException(message,
          new MessageIssue("ftls does not serve the method " + r.getMethod(), ResponseErrorCode.MethodNotFound.getValue()));
    }
    if (message instanceof RequestMessage r && r.getParams() == null && !WITHOUT_PARAMS.contains(r.getMethod())) {
      throw new MessageIssueException(message, new MessageIssue(
          "the request " + r.getMethod() + " needs params", ResponseErrorCode.InvalidParams.getValue()));
    }
    // notifications have no one to answer: the server's own handlers tell the user what was wrong
    List<MessageIssue> found = message instanceof RequestMessage ? validate(message) : List.of();
    if (!found.isEmpty()) {
      // LSP4J gives its issues one code whatever they concern; the path they name tells
      boolean envelope = found.stream().anyMatch(i -> !i.getText().contains("Path: $.params"));
      String what = found.stream().map(MessageIssue::getText).collect(Collectors.joining("; "));
      throw new MessageIssueException(message, new MessageIssue(what,
          (envelope ? ResponseErrorCode.InvalidRequest : ResponseErrorCode.InvalidParams).getValue()));
    }
    next.consume(message);
  }

  /** The request methods a service (and the services it delegates to) implements itself. */
  private static void collect(Object service, Set<String> names) {
    Class<?> type = service.getClass();
    List<Class<?>> interfaces = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      addInterfaces(c, interfaces);
    }
    for (Class<?> i : interfaces) {
      JsonSegment segment = i.getAnnotation(JsonSegment.class);
      for (Method m : i.getDeclaredMethods()) {
        try {
          Method impl = type.getMethod(m.getName(), m.getParameterTypes());
          if (m.isAnnotationPresent(JsonDelegate.class)) {
            Object delegate = impl.invoke(service);
            if (delegate != null) {
              collect(delegate, names);
            }
            continue;
          }
          JsonRequest request = m.getAnnotation(JsonRequest.class);
          if (request == null || impl.getDeclaringClass().isInterface()) {
            continue; // not a request, or only LSP4J's default body
          }
          String name = request.value().isEmpty() ? m.getName() : request.value();
          names.add(request.useSegment() && segment != null ? segment.value() + "/" + name : name);
        } catch (ReflectiveOperationException e) {
          // a method the service does not have is one it does not serve
        }
      }
    }
  }

  private static void addInterfaces(Class<?> c, List<Class<?>> into) {
    for (Class<?> i : c.getInterfaces()) {
      if (!into.contains(i)) {
        into.add(i);
        addInterfaces(i, into);
      }
    }
  }
}
