package dev.ftls.lsp;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A language server shared by the editor sessions of one user (README "The shared server"): it
 * listens on a Unix-domain socket in a private folder of the cache folder, and each connection
 * ({@link Attach} on the editor's side) is a session of its own, with its own {@link
 * FtlsLanguageServer}, documents, settings and threads, ended by {@code exit}, by the end of its
 * input or by the editor's process ending. What the sessions share is what a process keeps: the
 * JIT's compiled code and the header layers and preambles read so far. It ends after {@code idle}
 * without a session, when its socket is removed, or once the jar it runs from changes and its
 * sessions have ended. One runs per socket: a second one finds the socket's lock taken and exits
 * at once.
 */
public final class SharedServer {
  private final Path socket;
  private final long idleNanos;
  private final PrintStream err;
  private final AtomicInteger sessions = new AtomicInteger();
  private volatile long lastSessionEnd = System.nanoTime();
  private volatile boolean accepting = true;

  private SharedServer(Path socket, long idleSeconds, PrintStream err) {
    this.socket = socket;
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    this.err = err;
  }

  /** {@code daemon --socket PATH [--idle-seconds N] [--jar PATH]}: serves until idle; the exit status. */
  public static int run(List<String> args, PrintStream err) {
    Path socket = null;
    long idle = 900;
    Path jar = null;
    for (int i = 0; i + 1 < args.size(); i += 2) {
      switch (args.get(i)) {
        case "--socket" -> socket = Path.of(args.get(i + 1)).toAbsolutePath();
        case "--idle-seconds" -> idle = parseIdle(args.get(i + 1));
        case "--jar" -> jar = Path.of(args.get(i + 1));
        default -> {
          err.println("ftls daemon: unknown option " + args.get(i));
          return 2;
        }
      }
    }
    if (idle < 0) {
      err.println("ftls daemon: --idle-seconds takes a whole number of seconds (FTLS_SHARED_IDLE)");
      return 2;
    }
    if (socket == null || args.size() % 2 != 0) {
      err.println("ftls daemon: usage: ftls daemon --socket PATH [--idle-seconds N] [--jar PATH]");
      return 2;
    }
    String why = Attach.unusable(socket.getParent(), socket);
    if (why != null) {
      err.println("ftls daemon: " + why);
      return 2;
    }
    Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
    try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock()) {
      if (lock == null) {
        err.println("ftls daemon: another shared server holds " + lockFile + "; leaving it the socket");
        return 0;
      }
      return new SharedServer(socket, idle, err).serve(jar);
    } catch (IOException e) {
      err.println("ftls daemon: " + e);
      return 2;
    }
  }

  private static long parseIdle(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private int serve(Path jar) throws IOException {
    Files.deleteIfExists(socket); // a server killed before it could remove it
    forgetOldServers(socket.getParent(), socket.getFileName().toString());
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    dev.ftls.core.parse.CParser.cacheHeadersByDefault(dev.ftls.core.config.CacheFolder.of(System.getenv()));
    err.println("ftls daemon: pid " + ProcessHandle.current().pid() + " serving on " + socket
        + " (ends after " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s without a session)");
    String jarStamp = stamp(jar);
    ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ftls-shared-watch");
      t.setDaemon(true);
      return t;
    });
    watch.scheduleWithFixedDelay(() -> {
      String ending = null;
      if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        ending = "its socket was removed";
      } else if (jar != null && !jarStamp.equals(stamp(jar))) {
        ending = "the jar " + jar + " changed";
      }
      if (ending != null && accepting) {
        err.println("ftls daemon: no new sessions: " + ending);
        accepting = false;
        close(server);
      }
      if (sessions.get() == 0 && (!accepting || System.nanoTime() - lastSessionEnd >= idleNanos)) {
        err.println("ftls daemon: exiting: " + (accepting ? "no session for the idle time" : "the sessions ended"));
        accepting = false;
        close(server);
        end();
      }
    }, 1, 1, TimeUnit.SECONDS);
    while (accepting) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        if (accepting) {
          err.println("ftls daemon: " + e);
        }
        break;
      }
      sessions.incrementAndGet();
      Thread t = new Thread(() -> session(ch), "ftls-shared-session");
      t.start();
    }
    // the watch ends the process once the sessions have ended
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  /** How long the log and lock of a server of another jar or settings are kept after it ended. */
  static final long FORGET_AFTER_MS = TimeUnit.DAYS.toMillis(7);

  /**
   * Removes the logs and locks other servers left in the folder (one pair per jar and settings a
   * user ever ran) when they ended more than a week ago: no socket, and a lock nobody holds.
   */
  static void forgetOldServers(Path folder, String own) {
    long before = System.currentTimeMillis() - FORGET_AFTER_MS;
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".sock.log")).toList()) {
        String sock = log.getFileName().toString().replaceFirst("\\.log$", "");
        Path lock = folder.resolve(sock + ".lock");
        if (sock.equals(own) || Files.exists(folder.resolve(sock))
            || Files.getLastModifiedTime(log).toMillis() >= before) {
          continue;
        }
        if (Files.exists(lock)) {
          try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock l = ch.tryLock()) {
            if (l == null) {
              continue;
            }
            Files.delete(lock);
          } catch (java.nio.channels.OverlappingFileLockException e) {
            continue; // held in this very process
          }
        }
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      // what is left is only a few small files
    }
  }

  private void end() {
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      err.println("ftls daemon: cannot remove " + socket + ": " + e);
    }
    err.flush();
    System.exit(0);
  }

  private static void close(ServerSocketChannel server) {
    try {
      server.close();
    } catch (IOException e) {
      // closing
    }
  }

  private static String stamp(Path jar) {
    if (jar == null) {
      return "";
    }
    try {
      return Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
    } catch (IOException e) {
      return "missing";
    }
  }

  /** One editor session on a connection: greeted, served, ended with the exit header. */
  private void session(SocketChannel ch) {
    SessionChannel channel = new SessionChannel(ch, Attach.GREETING + " " + ProcessHandle.current().pid() + "\n");
    try {
      FtlsLanguageServer server = new FtlsLanguageServer(channel::end);
      try {
        FtlsServerLauncher.start(server, channel.input(), channel.output()).get();
      } catch (ExecutionException e) {
        err.println("ftls daemon: a session's connection ended: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.exit(); // its input ended: the editor is gone (a no-op after exit)
    } catch (RuntimeException e) {
      err.println("ftls daemon: a session failed: " + e);
    } finally {
      channel.close();
      lastSessionEnd = System.nanoTime();
      if (sessions.decrementAndGet() == 0) {
        // nobody waits now: the heap the sessions grew goes back to the system before the next one
        // (a session's own idle collection ends with it)
        err.println("ftls daemon: the last session ended: " + IdleCollection.fullCollection());
      }
    }
  }
}
