package dev.ftls.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Reads messages through a {@link FrameReader} instead of LSP4J's own reader, and checks each
 * body's {@link Envelope} before LSP4J binds it, answering as JSON-RPC 2.0 fixes: a body that is
 * not UTF-8 JSON gets -32700 with id null; JSON that is no request (not an object, too deeply
 * nested, an id LSP does not allow, a method that is no string, an object with only an id) gets
 * -32600, with id null when the id is unusable; params that are no object or array, or that
 * LSP4J cannot bind to the method's types, get -32602; a {@code $/} request gets -32601.
 */
final class GuardedMessageProducer implements MessageProducer, Closeable {
  private static final com.google.gson.TypeAdapter<JsonElement> ELEMENTS = new com.google.gson.Gson().getAdapter(JsonElement.class);
  private final InputStream input;
  private final MessageJsonHandler json;
  private final MessageIssueHandler issues;
  private final SentRequests sent;
  private final Consumer<String> log;
  private volatile boolean running;

  GuardedMessageProducer(InputStream input, MessageJsonHandler json, MessageIssueHandler issues, SentRequests sent,
      Consumer<String> log) {
    this.input = input;
    this.json = json;
    this.issues = issues;
    this.sent = sent;
    this.log = log;
  }

  @Override
  public void listen(MessageConsumer callback) throws JsonRpcException {
    running = true;
    FrameReader frames = new FrameReader(input, log);
    try {
      byte[] body;
      while (running && (body = frames.next()) != null) {
        handle(body, callback);
      }
    } catch (IOException e) {
      throw new JsonRpcException(e);
    } finally {
      running = false;
    }
  }

  private void handle(byte[] body, MessageConsumer callback) {
    String text = utf8(body);
    Envelope envelope = text == null ? null : Envelope.read(text);
    if (envelope == null || !envelope.json) {
      refuse(null, ResponseErrorCode.ParseError, "a message that is not valid JSON (UTF-8)");
      return;
    }
    String refusal = envelopeRefusal(envelope);
    if (refusal != null) {
      refuse(envelope.id, ResponseErrorCode.InvalidRequest, refusal);
      return;
    }
    if (envelope.method != null && envelope.params != null && envelope.params != JsonToken.BEGIN_OBJECT
        && envelope.params != JsonToken.BEGIN_ARRAY && envelope.params != JsonToken.NULL) {
      refuseParams(envelope, "params that are neither an object nor an array");
      return;
    }
    if (envelope.hasId && envelope.method != null && envelope.method.startsWith("$/")) {
      // LSP4J answers any $/ request with a null result; ftls serves none
      refuse(envelope.id, ResponseErrorCode.MethodNotFound, "the request " + envelope.method + ", which ftls does not serve");
      return;
    }
    Message message;
    try {
      message = json.parseMessage(text);
    } catch (RuntimeException e) {
      // the envelope is sound, so what LSP4J could not bind is the params
      refuseParams(envelope, "params that could not be read: " + rootMessage(e));
      return;
    }
    // an answer to one of the server's requests may leave out a null result; anything else with
    // only an id is no message
    if (message instanceof ResponseMessage r && !sent.answered(r.getId()) && r.getResult() == null
        && r.getError() == null && !hasKey(text, "result")) {
      refuse(r.getRawId(), ResponseErrorCode.InvalidRequest,
          "a message with an id but neither a method nor a result nor an error");
      return;
    }
    try {
      callback.consume(message);
    } catch (MessageIssueException e) {
      issues.handle(e.getRpcMessage(), e.getIssues());
    } catch (RuntimeException e) {
      // keep reading: one message that fails must not stop the server
      log.accept("a message could not be handled: " + e);
    }
  }

  /**
   * Why a JSON value is not a JSON-RPC message (answered -32600), or null when its envelope is
   * sound: it must be an object, nest no deeper than any LSP message, carry an id LSP allows (a
   * string or a 32-bit integer) if any, and a method that is a string if any.
   */
  private static String envelopeRefusal(Envelope e) {
    if (!e.object) {
      return "a JSON value that is not an object";
    }
    if (e.tooDeep()) {
      return "a message nested deeper than " + Envelope.MAX_DEPTH + " levels";
    }
    if (e.unusableId()) {
      return "an id that is neither a string nor a 32-bit integer";
    }
    if (e.hasMethod && e.method == null) {
      return "a method that is not a string";
    }
    if (!e.hasMethod && !e.hasId) {
      return "an object that is neither a request, a notification nor a response";
    }
    return null;
  }

  /** Params of the wrong type or shape: -32602 for a request, a log line for a notification. */
  private void refuseParams(Envelope e, String what) {
    if (e.hasId) {
      refuse(e.id, ResponseErrorCode.InvalidParams, what + " (method " + e.method + ")");
    } else {
      log.accept("dropped the notification " + e.method + ": " + what);
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** The body as text, or null when it is not UTF-8 (and so not a JSON text). */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The text as one strict JSON value, or null when it is not that. */
  private static JsonElement strictJson(String text) {
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonElement tree = ELEMENTS.read(reader);
      return reader.peek() == JsonToken.END_DOCUMENT ? tree : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void refuse(Either<String, Number> id, ResponseErrorCode code, String what) {
    log.accept("refused " + what + " (" + code.getValue() + ")");
    RequestMessage stand = new RequestMessage();
    stand.setJsonrpc("2.0");
    stand.setRawId(id);
    issues.handle(stand, List.of(new MessageIssue("ftls refused " + what, code.getValue())));
  }

  private static boolean hasKey(String text, String key) {
    JsonElement e = strictJson(text);
    return e != null && e.isJsonObject() && e.getAsJsonObject().has(key);
  }

  @Override
  public void close() throws IOException {
    running = false;
    input.close();
  }
}
