package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared-server session's streams survive the server's interrupts (a cancelled analysis that
 * still writes, a pool shut down while it reads), which would close a socket channel used
 * directly, and end with the exit header.
 */
class SessionChannelTest {
  @TempDir Path dir;

  private static String readUntil(SocketChannel peer, String end) throws Exception {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(256);
    while (!got.toString(StandardCharsets.US_ASCII).endsWith(end)) {
      buf.clear();
      int n = peer.read(buf);
      if (n < 0) {
        break;
      }
      got.write(buf.array(), 0, n);
    }
    return got.toString(StandardCharsets.US_ASCII);
  }

  private static void runInterrupted(ThrowingRunnable r, AtomicReference<Throwable> failure) throws Exception {
    Thread t = new Thread(() -> {
      Thread.currentThread().interrupt();
      try {
        r.run();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    t.join();
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** The editor's end (peer) and the server's (session) of a new connection. */
  private record Connection(SocketChannel peer, SessionChannel session) {}

  private Connection connect(String name, String greeting) throws Exception {
    Path sock = dir.resolve(name);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX);
      peer.connect(UnixDomainSocketAddress.of(sock));
      return new Connection(peer, new SessionChannel(server.accept(), greeting));
    }
  }

  @Test
  void interruptedWritersAndReadersDoNotCloseTheConnection() throws Exception {
    Connection c = connect("s.sock", "hello 1\n");
    SocketChannel peer = c.peer();
    SessionChannel session = c.session();
    OutputStream out = session.output();
    InputStream in = session.input();
    AtomicReference<Throwable> failure = new AtomicReference<>();

    runInterrupted(() -> out.write("written while interrupted;".getBytes(StandardCharsets.US_ASCII)), failure);
    out.write("then again;".getBytes(StandardCharsets.US_ASCII));
    assertEquals("hello 1\nwritten while interrupted;then again;", readUntil(peer, "again;"));

    peer.write(ByteBuffer.wrap("from the editor".getBytes(StandardCharsets.US_ASCII)));
    byte[] got = new byte[15];
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    runInterrupted(() -> {
      int n = 0;
      while (n < got.length) {
        n += in.read(got, n, got.length - n);
      }
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    }, failure);
    assertEquals(null, failure.get());
    assertEquals("from the editor", new String(got, StandardCharsets.US_ASCII));
    assertTrue(stillInterrupted.get(), "the reader's interrupt is kept for it to see");

    out.write("last;".getBytes(StandardCharsets.US_ASCII));
    session.end(0);
    out.write("after the end".getBytes(StandardCharsets.US_ASCII));
    session.close();
    assertEquals("last;" + Attach.EXIT_HEADER + "0\r\n\r\n", readUntil(peer, "never"),
        "the exit header last, then the end of the connection");
    peer.close();
    assertEquals(-1, in.read(), "the input ends with the connection");
  }

  @Test
  void anEditorThatSendsFasterThanTheServerReadsIsHeldBackNotBuffered() throws Exception {
    Connection c = connect("b.sock", "hello\n");
    SocketChannel peer = c.peer();
    InputStream in = c.session().input();
    peer.configureBlocking(false);
    ByteBuffer block = ByteBuffer.allocate(1 << 20);
    long sent = 0;
    int stalls = 0;
    while (sent < (200L << 20) && stalls < 50) { // the server reads nothing meanwhile
      block.clear();
      int n = peer.write(block);
      sent += n;
      if (n == 0) {
        stalls++;
        Thread.sleep(10);
      } else {
        stalls = 0;
      }
    }
    assertTrue(sent < (80L << 20), "the editor was held back after about 64 MiB, not " + (sent >> 20) + " MiB");
    peer.configureBlocking(true);
    peer.shutdownOutput();
    long got = 0;
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
      got += n;
    }
    assertEquals(sent, got, "and nothing it sent was lost");
    c.session().close();
    peer.close();
  }
}
