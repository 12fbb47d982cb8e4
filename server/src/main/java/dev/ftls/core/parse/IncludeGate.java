package dev.ftls.core.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Decides whether an included file may be read, and reads it with a size cap. Only regular files
 * are opened: a device, FIFO, socket or folder is never opened (opening a FIFO blocks, reading
 * /dev/zero never ends, /dev/stdin is the process's own input), nor is anything under /dev or
 * /proc. The type is checked, following symbolic links, before the file is opened, and at most
 * the cap plus one byte is read, since the file may grow after the check.
 */
final class IncludeGate {
  /** Headers larger than this are not read. */
  static final long MAX_HEADER_BYTES = 8L * 1024 * 1024;

  private IncludeGate() {}

  /** A file that may be read: its attributes at the time of the check. */
  record Admitted(long mtime, long size) {}

  /** Why an existing file is not read; a missing file is neither admitted nor refused. */
  static final class Refused extends Exception {
    private final boolean regular;

    Refused(String reason, boolean regular) {
      super(reason, null, false, false);
      this.regular = regular;
    }

    /** Whether the file is a regular one (refused for its size), so its changes matter. */
    boolean regularFile() {
      return regular;
    }
  }

  /**
   * Checks a path without opening it.
   *
   * @return its attributes, or null when it does not exist (an include search tries many paths)
   * @throws Refused when it exists but must not be read, with the reason in the user's words
   */
  static Admitted check(Path path) throws Refused {
    BasicFileAttributes attrs;
    try {
      if (!path.toFile().exists()) {
        return null; // asked without an exception: most paths an include search tries do not exist
      }
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (!attrs.isRegularFile()) {
      throw new Refused("not a regular file (" + kind(path, attrs) + ")", false);
    }
    String system = systemFolder(path);
    if (system != null) {
      throw new Refused("a file the system makes up under " + system, false);
    }
    if (attrs.size() > MAX_HEADER_BYTES) {
      throw new Refused("larger than " + (MAX_HEADER_BYTES >> 20) + " MiB", true);
    }
    return new Admitted(attrs.lastModifiedTime().toMillis(), attrs.size());
  }

  /** Reads an admitted file, refusing it when it has grown past the cap since the check. */
  static byte[] read(Path path) throws IOException, Refused {
    try (SeekableByteChannel ch = Files.newByteChannel(path, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX_HEADER_BYTES + 1, Math.max(ch.size(), 0) + 1));
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        if (!buf.hasRemaining() && buf.capacity() <= MAX_HEADER_BYTES) {
          ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(MAX_HEADER_BYTES + 1, buf.capacity() * 2L));
          buf.flip();
          bigger.put(buf);
          buf = bigger;
        }
      }
      if (buf.position() > MAX_HEADER_BYTES) {
        throw new Refused("larger than " + (MAX_HEADER_BYTES >> 20) + " MiB", true);
      }
      byte[] out = new byte[buf.position()];
      buf.flip();
      buf.get(out);
      return out;
    }
  }

  /** "/dev" or "/proc" when the path, as written or resolved, lies there; else null. */
  private static String systemFolder(Path path) {
    for (Path p : new Path[] {path.toAbsolutePath().normalize(), realPath(path)}) {
      if (p == null) {
        continue;
      }
      for (String root : new String[] {"/dev", "/proc"}) {
        if (p.startsWith(root)) {
          return root;
        }
      }
    }
    return null;
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String kind(Path path, BasicFileAttributes attrs) {
    if (attrs.isDirectory()) {
      return "a folder";
    }
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      switch (mode & 0170000) {
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0010000:
          return "a FIFO";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | RuntimeException e) {
      // no unix view (Windows): the generic words below
    }
    return "a device or other special file";
  }
}
