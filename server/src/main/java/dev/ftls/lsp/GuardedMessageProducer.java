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
 * Reads messages through a {@link FrameReader} instead of LSP4J's own reader, and answers what
 * LSP4J would drop with only a log line: a body that is not JSON gets -32700 (parse error, id
 * null), JSON that is no message (an array, an object with only an id) gets -32600 (invalid
 * request). Messages LSP4J can identify but not read (bad params) keep LSP4J's own answer.
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
        handle(new String(body, StandardCharsets.UTF_8), callback);
      }
    } catch (IOException e) {
      throw new JsonRpcException(e);
    } finally {
      running = false;
    }
  }

  private void handle(String text, MessageConsumer callback) {
    Message message;
    try {
      message = json.parseMessage(text);
    } catch (MessageIssueException e) {
      if (!(e.getRpcMessage() instanceof RequestMessage) && strictJson(text) == null) {
        // LSP4J answers requests it could identify; anything else that is not JSON gets -32700 here
        refuse(null, ResponseErrorCode.ParseError, "a message that is not valid JSON");
      } else {
        issues.handle(e.getRpcMessage(), e.getIssues());
      }
      return;
    } catch (RuntimeException e) {
      refuseUnreadable(text);
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

  /** Answers a body LSP4J could not read: -32700 when it is not JSON, else -32600. */
  private void refuseUnreadable(String text) {
    JsonElement tree = strictJson(text);
    if (tree == null) {
      refuse(null, ResponseErrorCode.ParseError, "a message that is not valid JSON");
      return;
    }
    Either<String, Number> id = null;
    if (tree instanceof JsonObject o && o.get("id") != null && o.get("id").isJsonPrimitive()) {
      var p = o.get("id").getAsJsonPrimitive();
      id = p.isNumber() ? Either.forRight(p.getAsNumber()) : Either.forLeft(p.getAsString());
    }
    refuse(id, ResponseErrorCode.InvalidRequest, "a JSON value that is not a JSON-RPC message");
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
