package dev.ftls.cli;

import dev.ftls.core.source.IoReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the fixes of {@code ftls check --fix} back to a file the way a careful editor saves: the
 * file keeps its permission bits, its owner and group, its hard links, and every byte no fix
 * changed; a symbolic link stays a link and the file it points to is fixed.
 *
 * <p>What is refused (the file is left byte for byte as it was, and {@link Refusal} says why): a
 * file whose owner has no write permission, even when ftls runs as root and could write it; a file
 * that changed on disk since it was read; a file that is not valid UTF-8 (kept as Latin-1 bytes)
 * when a fix brings in a character Latin-1 cannot hold; and, as a self-check, any new content
 * whose bytes before or after the changed part differ from the file's.
 *
 * <p>How it writes, decided per file:
 * <ul>
 *   <li>Through a temporary file in the same folder, renamed over the file: a rename is atomic, so
 *       an interrupted run leaves the old file or the new one, never half of each. The temporary
 *       file gets the file's mode (setuid/setgid bits included), owner and group before the rename.
 *   <li>In place, into the same inode, when a rename would lose something: the file has other hard
 *       links (a rename would split them), its owner or group cannot be given to a new file (ftls
 *       is not root and the file is not wholly its own), the folder does not let ftls create a
 *       file, or the file system has no Unix attributes to copy. In place is not atomic: a crash
 *       in the middle of the write can leave a mix, which is the price of keeping the file itself.
 * </ul>
 * ACLs and extended attributes are not copied by the rename path.
 *
 * <p>Temporary files are named {@code .ftls-fix-<pid>-<random>.tmp}: they are deleted after the
 * write, on an exception, and by a shutdown hook (SIGTERM, SIGINT); one left by an ftls that was
 * killed outright (SIGKILL) is recognised by its pid, which is no longer alive, and removed the
 * next time ftls writes a fix into that folder.
 */
public final class FixWriter {
  /** Test-only: milliseconds to pause between writing a temporary file and renaming it. */
  static final String PAUSE_ENV = "FTLS_TEST_PAUSE_BEFORE_RENAME_MS";
  private static final String PREFIX = ".ftls-fix-";
  private static final Pattern OURS = Pattern.compile("\\.ftls-fix-(\\d+)-[0-9a-z]+\\.tmp");
  private static final long PID = ProcessHandle.current().pid();
  /** Temporary files of this process not yet renamed or deleted (the shutdown hook removes them). */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  /** Set when the process is ending (SIGTERM, Ctrl-C): no write starts after that. */
  private static volatile boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping = true;
      for (Path p : LIVE) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // the process is ending; the next run removes it by its dead pid
        }
      }
    }, "ftls-fix-cleanup"));
  }

  /** Why a file's fixes were not written; the file is unchanged. */
  public static final class Refusal extends Exception {
    Refusal(String reason) {
      super(reason);
    }
  }

  private final Set<Path> cleanedFolders = ConcurrentHashMap.newKeySet();
  private final long pauseMillis;

  public FixWriter() {
    this(pauseFromEnvironment());
  }

  FixWriter(long pauseMillis) {
    this.pauseMillis = pauseMillis;
  }

  private static long pauseFromEnvironment() {
    String v = System.getenv(PAUSE_ENV);
    try {
      return v == null ? 0 : Math.max(0, Long.parseLong(v.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Writes {@code newText} over the file {@code original} was read from. */
  public void write(SourceFile original, String newText) throws Refusal {
    byte[] bytes = original.encode(newText);
    if (bytes == null) {
      throw new Refusal(original.charset().equals(StandardCharsets.UTF_8)
          ? "a fix holds text that UTF-8 cannot encode"
          : "it is not valid UTF-8, so ftls keeps its bytes as Latin-1, and a fix brings in a character Latin-1 cannot hold");
    }
    checkOnlyTheFixChanged(original, newText, bytes);
    Path target;
    try {
      target = original.path().toRealPath(); // a symbolic link stays; the file it points to is fixed
    } catch (IOException e) {
      throw new Refusal("cannot find it: " + IoReason.of(e));
    }
    Metadata meta = Metadata.of(target);
    if (!meta.ownerMayWrite) {
      throw new Refusal("it is read-only (its owner has no write permission)");
    }
    try (java.io.InputStream in = Files.newInputStream(target)) {
      byte[] now = in.readNBytes(original.bytes().length + 1);
      if (!Arrays.equals(now, original.bytes())) {
        throw new Refusal("it changed on disk while ftls was checking it");
      }
    } catch (IOException e) {
      throw new Refusal("cannot read it again before writing: " + IoReason.of(e));
    }
    removeStaleTemporaryFiles(target.getParent());
    try {
      if (meta.mustStayInPlace() || !replaceThroughTemporaryFile(target, bytes, meta)) {
        refuseWhenStopping();
        writeInPlace(target, bytes);
      }
    } catch (IOException e) {
      throw new Refusal("cannot write it: " + IoReason.of(e));
    }
  }

  /**
   * The self-check: the new bytes before and after the changed part of the text must be the
   * file's own bytes, so no fix can re-encode what it did not touch.
   */
  private static void checkOnlyTheFixChanged(SourceFile original, String newText, byte[] bytes) throws Refusal {
    String old = original.text();
    int max = Math.min(old.length(), newText.length());
    int prefix = 0;
    while (prefix < max && old.charAt(prefix) == newText.charAt(prefix)) {
      prefix++;
    }
    if (prefix > 0 && prefix < old.length() && Character.isHighSurrogate(old.charAt(prefix - 1))) {
      prefix--; // never split a surrogate pair: it would not encode
    }
    int suffix = 0;
    while (suffix < max - prefix && old.charAt(old.length() - 1 - suffix) == newText.charAt(newText.length() - 1 - suffix)) {
      suffix++;
    }
    if (suffix > 0 && suffix < old.length() && Character.isLowSurrogate(old.charAt(old.length() - suffix))) {
      suffix--;
    }
    byte[] head = original.encode(old.substring(0, prefix));
    byte[] tail = original.encode(old.substring(old.length() - suffix));
    byte[] was = original.bytes();
    boolean same = head != null && tail != null
        && head.length + tail.length <= Math.min(was.length, bytes.length)
        && Arrays.equals(was, 0, head.length, bytes, 0, head.length)
        && Arrays.equals(was, was.length - tail.length, was.length, bytes, bytes.length - tail.length, bytes.length);
    if (!same) {
      throw new Refusal("writing the fixes would change bytes outside them (the file's encoding does not round-trip)");
    }
  }

  /** Replaces the file by a renamed temporary file; false when the new file could not be made to match (nothing changed then). */
  private boolean replaceThroughTemporaryFile(Path target, byte[] bytes, Metadata meta) throws IOException {
    Path tmp;
    try {
      tmp = createTemporaryFile(target.getParent());
    } catch (IOException e) {
      return false; // the folder does not let us create a file: write in place
    }
    try {
      write(tmp, bytes, false);
      try {
        Files.setAttribute(tmp, "unix:uid", meta.uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(tmp, "unix:gid", meta.gid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(tmp, "unix:mode", meta.mode, LinkOption.NOFOLLOW_LINKS); // after chown, which clears setuid
      } catch (IOException | SecurityException e) {
        return false; // not allowed to give the new file the owner, group or mode: write in place
      }
      pauseForTests();
      refuseWhenStopping();
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
      LIVE.remove(tmp);
    }
  }

  private static Path createTemporaryFile(Path folder) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = folder.resolve(PREFIX + PID + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + ".tmp");
      LIVE.add(tmp);
      try {
        return Files.createFile(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        LIVE.remove(tmp);
        if (attempt > 10) {
          throw e;
        }
      } catch (IOException e) {
        LIVE.remove(tmp);
        throw e;
      }
    }
  }

  /** A write that has not started when the process is told to end does not start. */
  private static void refuseWhenStopping() throws IOException {
    if (stopping) {
      throw new IOException("ftls is stopping; the file was left as it was");
    }
  }

  private void pauseForTests() {
    if (pauseMillis > 0) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Overwrites the file's content in its own inode: mode, owner, group, links and ACLs stay. */
  private static void writeInPlace(Path target, byte[] bytes) throws IOException {
    write(target, bytes, true);
  }

  private static void write(Path p, byte[] bytes, boolean truncateAfter) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long at = 0;
      while (b.hasRemaining()) {
        at += ch.write(b, at);
      }
      if (truncateAfter) {
        ch.truncate(bytes.length);
      }
      ch.force(true);
    }
  }

  /**
   * Removes the {@code .ftls-fix-<pid>-*.tmp} files of ftls processes that are no longer alive
   * (once per folder and run). Files of live processes, this one included, are left alone.
   */
  void removeStaleTemporaryFiles(Path folder) {
    if (folder == null || !cleanedFolders.add(folder)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, PREFIX + "*.tmp")) {
      for (Path p : ds) {
        Matcher m = OURS.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid != PID && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // a folder we cannot list or clean: the fix itself still goes ahead and says if it fails
    }
  }

  /** What a file has that a new file must get too, and whether a rename can give it. */
  private record Metadata(boolean ownerMayWrite, boolean unix, int mode, int uid, int gid, int links) {
    static Metadata of(Path target) throws Refusal {
      try {
        if (!target.getFileSystem().supportedFileAttributeViews().contains("unix")) {
          return new Metadata(Files.isWritable(target), false, 0, 0, 0, 1);
        }
        int mode = (Integer) Files.getAttribute(target, "unix:mode");
        return new Metadata((mode & 0200) != 0, true, mode & 07777,
            (Integer) Files.getAttribute(target, "unix:uid"), (Integer) Files.getAttribute(target, "unix:gid"),
            (Integer) Files.getAttribute(target, "unix:nlink"));
      } catch (IOException e) {
        throw new Refusal("cannot read its permissions: " + IoReason.of(e));
      }
    }

    boolean mustStayInPlace() {
      return !unix || links > 1;
    }
  }
}
