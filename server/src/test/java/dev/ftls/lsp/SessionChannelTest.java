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

  @Test
  void interruptedWritersAndReadersDoNotCloseTheConnection() throws Exception {
    Path sock = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX);
      peer.connect(UnixDomainSocketAddress.of(sock));
      SessionChannel session = new SessionChannel(server.accept(), "hello 1\n");
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
  }
}
