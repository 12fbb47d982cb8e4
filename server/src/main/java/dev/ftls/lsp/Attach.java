package dev.ftls.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The editor's end of the shared server (README "The shared server"): what the launcher runs for
 * {@code serve}. It connects the editor's stdin and stdout to a long-lived ftls server of this
 * user, the same build, Java, JVM settings and PATH ({@link SharedServer}), starting one when
 * there is none, so that a new editor session meets a warm JIT and the headers already read
 * instead of starting a JVM and reading Python's headers again. It is a small JVM of its own
 * (interpreted, a 16 MiB heap) that uses nothing but {@code java.base}. When no shared server can
 * be had (a socket path too long for the system, a folder that is not private, a server that does
 * not start), it runs the ordinary server in a child process on its own stdin and stdout and says
 * why on stderr.
 *
 * <p>Usage: {@code Attach FOLDER --daemon CMD... --plain CMD...}: the folder of the sockets (in
 * the cache folder), the command of a shared server (to which {@code --socket PATH} is added) and
 * that of the ordinary one.
 */
public final class Attach {
  /** The first line a shared server writes on a connection: this, a space, its pid. */
  static final String GREETING = "ftls-shared-1";
  /** A header the shared server sends after the session's last message: the exit code. */
  static final String EXIT_HEADER = "Ftls-Exit: ";
  /** The longest socket path Linux and macOS take (their {@code sun_path} holds 108 and 104 bytes). */
  static final int MAX_SOCKET_PATH = 100;
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  private Attach() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (IOException | RuntimeException e) {
      System.err.println("ftls: " + e);
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }

  private static int run(String[] args) throws IOException {
    int daemonAt = List.of(args).indexOf("--daemon");
    int plainAt = List.of(args).indexOf("--plain");
    if (args.length < 1 || daemonAt != 1 || plainAt < daemonAt + 2 || plainAt == args.length - 1) {
      System.err.println("ftls: usage: Attach FOLDER --daemon CMD... --plain CMD...");
      return 2;
    }
    List<String> daemon = new ArrayList<>(List.of(args).subList(daemonAt + 1, plainAt));
    List<String> plain = List.of(args).subList(plainAt + 1, args.length);
    Path folder = Path.of(args[0]).toAbsolutePath();
    Path socket = folder.resolve(key(daemon) + ".sock");
    String why = unusable(folder, socket);
    if (why == null) {
      daemon.add("--socket");
      daemon.add(socket.toString());
      Connection c = connect(socket, daemon, folder.resolve(socket.getFileName() + ".log"));
      if (c.channel != null) {
        return relay(c.channel);
      }
      why = c.why;
    }
    System.err.println("ftls: not using a shared server (" + why + "); running this session's own"
        + " (FTLS_SHARED_SERVER=0 skips the attempt)");
    return runPlain(plain);
  }

  /**
   * The name of the shared server for a command: a digest of it without the class-archive options
   * (which change when an archive is written, not what the server does) and of the PATH (which
   * finds compilers) and the jar's size and time (a rebuilt jar is another server).
   */
  static String key(List<String> daemon) {
    StringBuilder b = new StringBuilder();
    for (String arg : daemon) {
      if (!arg.startsWith("-XX:SharedArchiveFile=") && !arg.startsWith("-XX:ArchiveClassesAtExit=")
          && !arg.startsWith("-Xlog:cds")) {
        b.append(arg).append('\0');
      }
    }
    b.append(System.getenv("PATH")).append('\0');
    int jar = daemon.indexOf("-jar");
    if (jar >= 0 && jar + 1 < daemon.size()) {
      Path p = Path.of(daemon.get(jar + 1));
      try {
        b.append(Files.size(p)).append('\0').append(Files.getLastModifiedTime(p).toMillis());
      } catch (IOException e) {
        b.append("unreadable jar");
      }
    }
    // FNV-1a, 64 bits (a digest from java.security would load a provider: tens of classes here)
    long h = 0xcbf29ce484222325L;
    for (byte x : b.toString().getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (x & 0xff)) * 0x100000001b3L;
    }
    String hex = Long.toHexString(h);
    return "0".repeat(16 - hex.length()) + hex;
  }

  /** Why the folder cannot hold this user's sockets, or null when it can (made private if missing). */
  static String unusable(Path folder, Path socket) {
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      return "the socket path " + socket + " is longer than " + MAX_SOCKET_PATH + " bytes";
    }
    try {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(folder.getParent());
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
      if (!perms.equals(PRIVATE)) {
        return folder + " is " + PosixFilePermissions.toString(perms) + ", not rwx------";
      }
      if (!Files.isWritable(folder)) {
        return folder + " is not writable";
      }
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return "cannot make " + folder + ": " + e.getMessage();
    }
  }

  /** A connected channel, or why there is none (a plain class: a record's methods load more classes). */
  private static final class Connection {
    final SocketChannel channel;
    final String why;

    Connection(SocketChannel channel, String why) {
      this.channel = channel;
      this.why = why;
    }
  }

  /**
   * Connects to the shared server, starting it when none answers; a server that lost the race to
   * start (exit status 0) is not an error, another one is about to answer.
   */
  private static Connection connect(Path socket, List<String> daemon, Path log) {
    long deadline = System.nanoTime() + Long.getLong("ftls.sharedStartMs", 30_000) * 1_000_000L;
    Process started = null;
    int starts = 0;
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          ch.connect(UnixDomainSocketAddress.of(socket));
          String hello = firstLine(ch);
          if (hello != null && hello.startsWith(GREETING + " ")) {
            System.err.println("ftls: attached to the shared server (pid " + hello.substring(GREETING.length() + 1)
                + "; its log: " + log + ")");
            return new Connection(ch, null);
          }
          last = "the server at " + socket + " answered " + (hello == null ? "nothing" : "'" + hello + "'");
          ch.close();
        } catch (IOException e) {
          ch.close();
          last = e.getMessage() == null ? e.toString() : e.getMessage();
        }
      } catch (IOException e) {
        return new Connection(null, "no Unix-domain sockets here: " + e.getMessage());
      }
      if (started != null && !started.isAlive() && started.exitValue() != 0) {
        return new Connection(null, "the shared server exited with status " + started.exitValue() + "; see " + log);
      }
      if ((started == null || !started.isAlive()) && starts < 10) {
        try {
          started = start(daemon, log);
          starts++;
        } catch (IOException e) {
          return new Connection(null, "cannot start the shared server: " + e.getMessage());
        }
      }
      try {
        Thread.sleep(starts == 0 ? 0 : 15);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Connection(null, "no shared server answered at " + socket + " (" + last + ")");
  }

  /** Starts a shared server in a session of its own (when setsid exists), its output to its log. */
  private static Process start(List<String> daemon, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(setsid))) {
        cmd.add(setsid);
        break;
      }
    }
    cmd.addAll(daemon);
    return new ProcessBuilder(cmd)
        .directory(log.getParent().toFile()) // not the first editor's folder, which it would keep busy
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(log.toFile())
        .redirectErrorStream(true)
        .start();
  }

  /** The first line the server sends, read a byte at a time (nothing after it is consumed). */
  private static String firstLine(SocketChannel ch) throws IOException {
    StringBuilder b = new StringBuilder();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (b.length() < 200) {
      one.clear();
      if (ch.read(one) < 0) {
        return b.length() == 0 ? null : b.toString();
      }
      char c = (char) (one.get(0) & 0xff);
      if (c == '\n') {
        return b.toString();
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Copies stdin to the server as it comes (its end closes the server's input) and the server's
   * messages to stdout, frame by frame, until the header that ends the session.
   */
  private static int relay(SocketChannel ch) throws IOException {
    Thread up = new Thread(() -> {
      byte[] buf = new byte[1 << 16];
      try (OutputStream to = new ChannelOutput(ch)) {
        int n;
        while ((n = System.in.read(buf)) > 0) {
          to.write(buf, 0, n);
        }
        ch.shutdownOutput();
      } catch (IOException e) {
        // the server is gone: the loop below sees it
      }
    }, "ftls-attach-stdin");
    up.setDaemon(true);
    up.start();
    InputStream from = new java.io.BufferedInputStream(new ChannelInput(ch), 1 << 16);
    OutputStream out = System.out;
    StringBuilder header = new StringBuilder();
    ByteArrayLine line = new ByteArrayLine();
    while (true) {
      // a frame: header lines up to an empty one, then Content-Length bytes
      header.setLength(0);
      long length = -1;
      while (true) {
        String l = line.read(from);
        if (l == null) {
          System.err.println("ftls: the shared server closed the connection without ending the session");
          return 1;
        }
        if (l.isEmpty()) {
          break;
        }
        if (l.startsWith(EXIT_HEADER)) {
          out.flush();
          return Integer.parseInt(l.substring(EXIT_HEADER.length()).trim());
        }
        if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Long.parseLong(l.substring(15).trim());
        }
        header.append(l).append("\r\n");
      }
      out.write(header.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[(int) Math.min(Math.max(length, 0), 1 << 16)];
      for (long left = length; left > 0; ) {
        int n = from.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          System.err.println("ftls: the shared server closed the connection in the middle of a message");
          return 1;
        }
        out.write(buf, 0, n);
        left -= n;
      }
      out.flush();
    }
  }

  /** Reads header lines ending in CRLF (or LF), in ASCII; null at the end of the stream. */
  private static final class ByteArrayLine {
    private final StringBuilder b = new StringBuilder();

    String read(InputStream in) throws IOException {
      b.setLength(0);
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          int end = b.length();
          return end > 0 && b.charAt(end - 1) == '\r' ? b.substring(0, end - 1) : b.toString();
        }
        b.append((char) c);
      }
      return null;
    }
  }

  /** The ordinary server in a child process on this process's stdin, stdout and stderr. */
  private static int runPlain(List<String> plain) throws IOException {
    Process p = new ProcessBuilder(plain).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    while (true) {
      try {
        return p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A socket channel read as a stream. (Not {@code Channels.newInputStream}: its streams hold the
   * channel's blocking lock while they wait, so a read would block the other direction's writes.)
   */
  static final class ChannelInput extends InputStream {
    private final SocketChannel ch;

    ChannelInput(SocketChannel ch) {
      this.ch = ch;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n;
      do {
        n = ch.read(ByteBuffer.wrap(b, off, len));
      } while (n == 0);
      return n;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  /** A socket channel written as a stream (see {@link ChannelInput}). */
  static final class ChannelOutput extends OutputStream {
    private final SocketChannel ch;

    ChannelOutput(SocketChannel ch) {
      this.ch = ch;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b, off, len);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }

    @Override
    public void close() {
      // the channel outlives a direction of it: its owner closes it
    }
  }
}
