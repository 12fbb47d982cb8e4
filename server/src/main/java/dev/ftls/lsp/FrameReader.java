package dev.ftls.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Cuts the JSON-RPC input into message bodies ({@code Content-Length} framing) and never lets a
 * bad frame make the server deaf: a frame over {@link #MAX_FRAME_BYTES} is refused, and after
 * any damage (a bad or missing length, a body shorter than announced) reading starts again at
 * the next {@code Content-Length:} header. Each problem is reported in one plain line.
 *
 * <p>A body is watched while it is read: anything but whitespace after its complete JSON value,
 * or a byte that cannot occur in JSON (a raw line break inside a string, a letter outside one),
 * marks the body broken, and a {@code Content-Length:} within it starts the next frame (the body
 * was shorter than announced). Without such a header the body runs to its announced length, so
 * that trailing garbage stays part of the message and makes it invalid JSON.
 */
final class FrameReader {
  /**
   * The largest body accepted. The biggest honest message is a didOpen or full-text didChange of
   * a large source file; a 10 MB generated C file doubles at most when escaped as JSON. 64 MiB
   * leaves room for that and still bounds the memory one message can take.
   */
  static final int MAX_FRAME_BYTES = Integer.getInteger("ftls.maxFrameBytes", 64 << 20);
  /** Longer header lines are not headers: the stream is out of step. */
  static final int MAX_HEADER_LINE = 8192;
  private static final byte[] HEADER = "content-length:".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final Consumer<String> report;
  /** Bytes read ahead that belong to what comes next; consumed before the stream. */
  private byte[] pending = new byte[0];
  private int pendingPos;

  FrameReader(InputStream in, Consumer<String> report) {
    this.in = in;
    this.report = report;
  }

  /** The next message body, or null at the end of the input. */
  byte[] next() throws IOException {
    while (true) {
      long length = readHeaders();
      if (length == END) {
        return null;
      }
      if (length == RESYNC) {
        if (!skipToHeader()) {
          return null;
        }
        continue;
      }
      byte[] body = readBody((int) length);
      if (body == null) {
        return null;
      }
      if (body.length > 0 || length == 0) {
        return body; // an empty body is no JSON: the caller answers it as such
      }
    }
  }

  private static final long END = -1;
  private static final long RESYNC = -2;

  /** Reads one header block; returns the body length, END, or RESYNC after a bad header. */
  private long readHeaders() throws IOException {
    long length = RESYNC;
    boolean any = false;
    boolean bad = false;
    while (true) {
      String line = readLine();
      if (line == null) {
        return END;
      }
      if (line.length() > MAX_HEADER_LINE) {
        report.accept("input out of step: a header line of more than " + MAX_HEADER_LINE
            + " bytes; skipping to the next Content-Length header");
        return RESYNC;
      }
      if (line.isEmpty()) {
        if (!any) {
          continue; // stray blank lines between frames
        }
        if (bad) {
          return RESYNC;
        }
        if (length == RESYNC) {
          report.accept("a frame without a Content-Length header; skipping to the next Content-Length header");
        }
        return length;
      }
      any = true;
      int at = line.toLowerCase(Locale.ROOT).indexOf("content-length:");
      if (at > 0) {
        report.accept("skipped " + at + " stray bytes before a Content-Length header");
        line = line.substring(at);
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        report.accept("ignored a header line without a colon: " + shown(line));
        continue;
      }
      if (!line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        continue; // Content-Type and unknown headers: the body is UTF-8 in any case
      }
      String value = line.substring(colon + 1).trim();
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        report.accept("a frame with a Content-Length that is not a number (" + shown(value)
            + "); skipping to the next Content-Length header");
        bad = true;
        continue;
      }
      if (n < 0) {
        report.accept("a frame with a negative Content-Length (" + n + "); skipping to the next Content-Length header");
        bad = true;
      } else if (n > MAX_FRAME_BYTES) {
        report.accept("refused a frame of " + n + " bytes (the limit is " + MAX_FRAME_BYTES
            + "); skipping to the next Content-Length header");
        bad = true;
      } else {
        length = n;
      }
    }
  }

  /** A header line without its line end (CR LF or LF), or null at the end of the input. */
  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = read()) != -1 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
      if (sb.length() > MAX_HEADER_LINE) {
        break; // the caller skips to the next header from here
      }
    }
    return c == -1 && sb.length() == 0 ? null : sb.toString();
  }

  /** Discards input up to the next Content-Length header; false at the end of the input. */
  private boolean skipToHeader() throws IOException {
    byte[] window = new byte[HEADER.length];
    long seen = 0;
    int c;
    while ((c = read()) != -1) {
      window[(int) (seen++ % window.length)] = (byte) c;
      if (seen >= window.length && endsWithHeader(window, (int) (seen % window.length))) {
        pushBack(HEADER, 0, HEADER.length);
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithHeader(byte[] ring, int start) {
    for (int i = 0; i < HEADER.length; i++) {
      if (Character.toLowerCase(ring[(start + i) % ring.length]) != HEADER[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads a body of the announced length, cut short where it visibly ends early; returns what
   * belongs to this message (possibly empty), or null when the input ends inside it.
   */
  private byte[] readBody(int length) throws IOException {
    byte[] buf = new byte[Math.min(length, 1 << 16)];
    int n = 0;
    JsonShape shape = new JsonShape();
    boolean firstBreak = true;
    while (n < length) {
      int c = read();
      if (c == -1) {
        report.accept("the input ended inside a frame (" + n + " of " + length + " bytes)");
        return null;
      }
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(length, 2L * buf.length));
      }
      buf[n++] = (byte) c;
      JsonShape.State s = shape.feed(c);
      if (s == JsonShape.State.TRAILING || s == JsonShape.State.BROKEN) {
        // the first time, look back over the whole body; after that, only at its end
        int at = lastHeader(buf, n, firstBreak ? 0 : n - HEADER.length);
        firstBreak = false;
        if (at >= 0) {
          pushBack(buf, at, n - at);
          report.accept(s == JsonShape.State.TRAILING
              ? "a frame shorter than its Content-Length (" + length + " announced, the next Content-Length header came after "
                  + at + " bytes); reading on from that header"
              : "a frame cut short by the next Content-Length header (" + length + " bytes announced, "
                  + at + " sent); reading on from that header");
          return Arrays.copyOf(buf, at);
        }
      }
    }
    return Arrays.copyOf(buf, n);
  }

  /** Where the last Content-Length header starting at or after {@code from} in buf[0, n) starts, or -1. */
  private static int lastHeader(byte[] buf, int n, int from) {
    outer:
    for (int i = n - HEADER.length; i >= Math.max(0, from); i--) {
      for (int j = 0; j < HEADER.length; j++) {
        if (Character.toLowerCase(buf[i + j]) != HEADER[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private int read() throws IOException {
    if (pendingPos < pending.length) {
      return pending[pendingPos++] & 0xff;
    }
    return in.read();
  }

  /** Makes bytes the next ones read, ahead of anything read ahead before. */
  private void pushBack(byte[] b, int from, int len) {
    byte[] rest = Arrays.copyOfRange(pending, pendingPos, pending.length);
    byte[] next = new byte[len + rest.length];
    System.arraycopy(b, from, next, 0, len);
    System.arraycopy(rest, 0, next, len, rest.length);
    pending = next;
    pendingPos = 0;
  }

  private static String shown(String s) {
    String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return "'" + t.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  /**
   * Follows the outline of a JSON text byte by byte, just enough to tell where a top-level object
   * or array ends and whether a byte cannot belong to JSON at all.
   */
  static final class JsonShape {
    enum State { INSIDE, COMPLETE, TRAILING, BROKEN }

    private int depth;
    private boolean started;
    private boolean inString;
    private boolean escaped;
    private State state = State.INSIDE;

    State feed(int c) {
      if (state == State.BROKEN || state == State.TRAILING) {
        return state;
      }
      if (state == State.COMPLETE) {
        if (!whitespace(c)) {
          state = State.TRAILING;
        }
        return state;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        } else if (c < 0x20) {
          state = State.BROKEN;
        }
        return state;
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> {
          depth++;
          started = true;
        }
        case '}', ']' -> {
          if (--depth < 0) {
            state = State.BROKEN;
          } else if (depth == 0 && started) {
            state = State.COMPLETE;
          }
        }
        default -> {
          if (!whitespace(c) && ",:-+.0123456789eEtruefalsn".indexOf(c) < 0) {
            state = State.BROKEN;
          }
        }
      }
      return state;
    }

    private static boolean whitespace(int c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
  }
}
