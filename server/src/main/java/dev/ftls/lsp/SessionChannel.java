package dev.ftls.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A shared-server session's connection as the two streams a server reads and writes, each
 * direction moved by a thread of its own. A socket channel is closed for good when a thread that
 * uses it is interrupted, and the server interrupts its threads (a cancelled analysis, its pools
 * shut down): with the channel used only by these two threads, which nothing interrupts, the
 * server's threads read and write queues, as a process's stdin and stdout, which an interrupt
 * does not close. Once the session ends its exit header is the last thing written ({@link #end}).
 */
final class SessionChannel {
  private static final byte[] END = new byte[0];

  private final SocketChannel ch;
  /**
   * What the editor sent and the server has not read yet, in reads of up to 64 KiB: at most 1,024
   * of them (64 MiB), after which the socket waits, as a pipe does when its reader is behind.
   */
  private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>(1024);
  private final BlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
  private final Thread writer;
  private boolean ended;

  SessionChannel(SocketChannel ch, String greeting) {
    this.ch = ch;
    outgoing.add(greeting.getBytes(StandardCharsets.US_ASCII));
    Thread reader = new Thread(this::readAll, "ftls-shared-in");
    reader.setDaemon(true);
    reader.start();
    writer = new Thread(this::writeAll, "ftls-shared-out");
    writer.setDaemon(true);
    writer.start();
  }

  private void readAll() {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    try {
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        put(incoming, Arrays.copyOf(buf.array(), n));
      }
    } catch (IOException e) {
      // a reset or closed connection: the editor's end is gone, as at the end of its input
    }
    put(incoming, END);
  }

  private void writeAll() {
    boolean broken = false;
    while (true) {
      byte[] b = take(outgoing);
      if (b == END) {
        return;
      }
      ByteBuffer buf = ByteBuffer.wrap(b);
      try {
        while (!broken && buf.hasRemaining()) {
          ch.write(buf);
        }
      } catch (IOException e) {
        broken = true; // the editor's end is gone: what is left is dropped, as a closed stdout drops it
      }
    }
  }

  /** A wait of this class's threads and the server's, which an interrupt must not end. */
  private interface Wait<T> {
    T run() throws InterruptedException;
  }

  /** Waits through interrupts, and keeps the interrupt for the thread to see after. */
  private static <T> T uninterruptibly(Wait<T> wait) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return wait.run();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static byte[] take(BlockingQueue<byte[]> q) {
    return uninterruptibly(q::take);
  }

  private static void put(BlockingQueue<byte[]> q, byte[] b) {
    uninterruptibly(() -> {
      q.put(b);
      return null;
    });
  }

  /** What the editor sends (one stream per session: call once). */
  InputStream input() {
    return new InputStream() {
      private byte[] chunk = new byte[0];
      private int at;
      private boolean eof;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        while (at == chunk.length) {
          if (eof) {
            return -1;
          }
          chunk = take(incoming);
          at = 0;
          if (chunk == END) {
            eof = true;
            return -1;
          }
        }
        int n = Math.min(len, chunk.length - at);
        System.arraycopy(chunk, at, b, off, n);
        at += n;
        return n;
      }
    };
  }

  /** What goes to the editor, until the session ends. */
  OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (SessionChannel.this) {
          if (!ended && len > 0) {
            outgoing.add(Arrays.copyOfRange(b, off, off + len));
          }
        }
      }
    };
  }

  /** Ends the session with {@code code} (its exit header); later calls and writes do nothing. */
  synchronized void end(int code) {
    if (!ended) {
      ended = true;
      outgoing.add((Attach.EXIT_HEADER + code + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      outgoing.add(END);
    }
  }

  /** Ends the session (status 1 if it was not ended) once its output is written; closes the channel. */
  void close() {
    end(1);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      ch.close();
    } catch (IOException e) {
      // closed already
    }
  }
}
