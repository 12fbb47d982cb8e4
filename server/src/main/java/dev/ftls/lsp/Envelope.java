package dev.ftls.lsp;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The outline of one message body, read in a single streaming pass before LSP4J binds it: whether
 * it is strict JSON at all, whether it is an object, how deeply it nests, and the JSON types of its
 * {@code id}, {@code method} and {@code params}. The pass keeps no tree, so no depth of nesting can
 * exhaust the stack.
 */
final class Envelope {
  /** Deeper nesting than any LSP message has; a body beyond it is refused before it is bound. */
  static final int MAX_DEPTH = 200;

  /** False when the text is not one strict JSON value. */
  boolean json;
  boolean object;
  int depth;
  boolean hasId;
  /** The id when it is one LSP allows (a string or a 32-bit integer), else null. */
  Either<String, Number> id;
  boolean hasMethod;
  /** The method when it is a string, else null. */
  String method;
  /** The JSON type of params, or null when there are none. */
  JsonToken params;

  static Envelope read(String text) {
    Envelope e = new Envelope();
    try {
      JsonReader r = new JsonReader(new StringReader(text));
      r.setStrictness(Strictness.STRICT);
      if (r.peek() == JsonToken.BEGIN_OBJECT) {
        e.object = true;
        r.beginObject();
        e.depth = 1;
        while (r.hasNext()) {
          String key = r.nextName();
          switch (key) {
            case "id" -> e.readId(r);
            case "method" -> e.readMethod(r);
            case "params" -> {
              e.params = r.peek();
              e.skip(r);
            }
            default -> e.skip(r);
          }
        }
        r.endObject();
      } else {
        e.skip(r);
      }
      e.json = r.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException | RuntimeException ex) {
      e.json = false;
    }
    return e;
  }

  boolean tooDeep() {
    return depth > MAX_DEPTH;
  }

  /** True when an id is present but is not one LSP allows, so no answer can name it. */
  boolean unusableId() {
    return hasId && id == null;
  }

  private void readId(JsonReader r) throws IOException {
    hasId = true;
    JsonToken t = r.peek();
    if (t == JsonToken.STRING) {
      id = Either.forLeft(r.nextString());
    } else if (t == JsonToken.NUMBER) {
      id = lspInteger(r.nextString());
    } else if (t == JsonToken.NULL) {
      r.nextNull();
      hasId = false; // an id of null: LSP4J treats it as absent, and so do we
    } else {
      skip(r);
    }
  }

  private static Either<String, Number> lspInteger(String number) {
    try {
      BigDecimal d = new BigDecimal(number);
      return Either.forRight(d.intValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return null; // a fraction, or outside the 32-bit range LSP gives integers
    }
  }

  private void readMethod(JsonReader r) throws IOException {
    hasMethod = true;
    if (r.peek() == JsonToken.STRING) {
      method = r.nextString();
    } else {
      skip(r);
    }
  }

  /** Skips one value, iteratively, noting how deep it nests below the top-level object. */
  private void skip(JsonReader r) throws IOException {
    int base = object ? 1 : 0;
    int level = 0;
    do {
      switch (r.peek()) {
        case BEGIN_OBJECT -> {
          r.beginObject();
          depth = Math.max(depth, base + ++level);
        }
        case BEGIN_ARRAY -> {
          r.beginArray();
          depth = Math.max(depth, base + ++level);
        }
        case END_OBJECT -> {
          r.endObject();
          level--;
        }
        case END_ARRAY -> {
          r.endArray();
          level--;
        }
        case NAME -> r.nextName();
        default -> r.skipValue();
      }
    } while (level > 0);
  }
}
