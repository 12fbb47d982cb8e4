package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.kbgen.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftls check --fix} writes like a careful editor (issue 10, defects 1, 2, 3 and 11): with
 * real files in a temporary folder, the demo module whose fixes add version guards, and, for the
 * kill test, a real ftls process.
 */
class FixWriterTest {
  /** Not the user running the tests (they run as root here): a file owned by someone else. */
  private static final int NOBODY = 65534;

  @TempDir Path dir;
  private Path spam;
  private byte[] golden;


  @BeforeEach
  void copyDemo() throws IOException {
    Files.createDirectories(dir.resolve("demo"));
    spam = dir.resolve("demo/spam.c");
    Files.copy(RepoRoot.find().resolve("test-workspaces/demo/spam.c"), spam);
    golden = Files.readAllBytes(RepoRoot.find().resolve("test-workspaces/demo/spam.fixed.c"));
  }

  private CheckRun check(String... args) {
    return CheckRun.in(dir, args);
  }

  private static int attr(Path p, String name) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:" + name);
  }

  private CheckRun fixed(String... paths) {
    List<String> args = new ArrayList<>(List.of("--fix"));
    args.addAll(List.of(paths));
    CheckRun r = check(args.toArray(String[]::new));
    assertEquals(1, r.code(), r.out() + r.err()); // FT001 is left: its fix is unsafe
    assertTrue(r.err().contains("fixed 1 finding(s) in 1 file(s)"), r.err());
    return r;
  }

  @Test
  void permissionBitsAreKept() throws IOException {
    for (String mode : List.of("rw-r--r--", "rwxr-xr-x", "rw-rw----")) {
      Files.write(spam, Files.readAllBytes(RepoRoot.find().resolve("test-workspaces/demo/spam.c")));
      Files.setPosixFilePermissions(spam, PosixFilePermissions.fromString(mode));
      fixed("demo");
      assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(spam)));
      assertArrayEquals(golden, Files.readAllBytes(spam));
    }
  }

  @Test
  void ownerAndGroupAreKept() throws IOException {
    Files.setAttribute(spam, "unix:uid", NOBODY);
    Files.setAttribute(spam, "unix:gid", NOBODY);
    Files.setPosixFilePermissions(spam, PosixFilePermissions.fromString("rw-------"));
    fixed("demo");
    assertEquals(NOBODY, attr(spam, "uid"), "the owner changed: they could no longer read their own file");
    assertEquals(NOBODY, attr(spam, "gid"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(spam)));
    assertArrayEquals(golden, Files.readAllBytes(spam));
  }

  @Test
  void readOnlyFileIsRefusedUnchangedWithExitTwo() throws IOException {
    Files.setPosixFilePermissions(spam, PosixFilePermissions.fromString("r--r--r--"));
    byte[] before = Files.readAllBytes(spam);
    CheckRun r = check("--fix", "demo");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("demo/spam.c: the fixes were not written: it is read-only"), r.err());
    assertTrue(r.err().contains("fixed 0 finding(s) in 0 file(s)"), r.err());
    assertArrayEquals(before, Files.readAllBytes(spam));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(spam)));
    // the file's findings are still reported, as it still is
    assertTrue(r.out().contains("demo/spam.c:10:22: FT101"), r.out());
  }

  @Test
  void symbolicLinkStaysALinkAndItsTargetIsFixed() throws IOException {
    Files.createSymbolicLink(dir.resolve("link.c"), Path.of("demo/spam.c"));
    fixed("link.c");
    assertTrue(Files.isSymbolicLink(dir.resolve("link.c")));
    assertEquals(Path.of("demo/spam.c"), Files.readSymbolicLink(dir.resolve("link.c")));
    assertArrayEquals(golden, Files.readAllBytes(spam));
  }

  @Test
  void hardLinksStayOneFile() throws IOException {
    Path other = dir.resolve("other-name.c");
    Files.createLink(other, spam);
    Object inode = Files.getAttribute(spam, "unix:ino");
    fixed("demo/spam.c");
    assertEquals(inode, Files.getAttribute(spam, "unix:ino"));
    assertEquals(2, attr(spam, "nlink"));
    assertArrayEquals(golden, Files.readAllBytes(spam));
    assertArrayEquals(golden, Files.readAllBytes(other));
  }

  /** Latin-1 bytes in a comment at the top and in a string literal at the end, far from every fix. */
  @Test
  void latin1BytesOutsideTheFixesAreKept() throws IOException {
    byte[] top = "/* r\u00e9sum\u00e9 \u00a9 */\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] end = "static const char motto[] = \"na\u00efve \u00e0 la fran\u00e7aise\";\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(spam, concat(top, Files.readAllBytes(spam), end));
    fixed("demo");
    assertArrayEquals(concat(top, golden, end), Files.readAllBytes(spam));
  }

  @Test
  void aFixLatin1CannotHoldIsRefused() throws IOException {
    byte[] bytes = "int caf\u00e9;\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(spam, bytes);
    SourceFile file = SourceFile.decode(spam, bytes);
    assertEquals(StandardCharsets.ISO_8859_1, file.charset());
    FixWriter.Refusal e = assertThrows(FixWriter.Refusal.class, () -> new FixWriter(0).write(file, file.text() + "int euro = '\u20ac';\n"));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(spam));
  }

  @Test
  void utf8ByteOrderMarkIsKept() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Files.write(spam, concat(bom, Files.readAllBytes(spam)));
    fixed("demo");
    assertArrayEquals(concat(bom, golden), Files.readAllBytes(spam));
  }

  /** The self-check: a text that does not come from the file's bytes (here: its BOM dropped) is never written. */
  @Test
  void bytesThatWouldChangeOutsideTheFixAreRefused() throws IOException {
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'i', 'n', 't', ' ', 'x', ';', '\n'};
    Files.write(spam, bytes);
    SourceFile withoutBom = new SourceFile(spam, bytes, "int x;\n", StandardCharsets.UTF_8);
    FixWriter.Refusal e = assertThrows(FixWriter.Refusal.class, () -> new FixWriter(0).write(withoutBom, "int x;\nint y;\n"));
    assertTrue(e.getMessage().contains("would change bytes outside them"), e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(spam));
  }

  @Test
  void aFileChangedSinceItWasReadIsRefused() throws IOException {
    SourceFile file = SourceFile.decode(spam, Files.readAllBytes(spam));
    Files.writeString(spam, "int edited_meanwhile;\n");
    FixWriter.Refusal e = assertThrows(FixWriter.Refusal.class, () -> new FixWriter(0).write(file, file.text() + "\n"));
    assertTrue(e.getMessage().contains("changed on disk"), e.getMessage());
    assertEquals("int edited_meanwhile;\n", Files.readString(spam));
  }

  @Test
  void crOnlyFileGetsOnlyTheGuardLinesWithCrLineEnds() throws IOException {
    Files.write(spam, lineEnds(Files.readAllBytes(spam), "\r"));
    fixed("demo");
    byte[] now = Files.readAllBytes(spam);
    assertArrayEquals(lineEnds(golden, "\r"), now);
    assertFalse(new String(now, StandardCharsets.ISO_8859_1).contains("\n"));
  }

  @Test
  void crlfFileGetsTheGuardLinesWithCrlfLineEnds() throws IOException {
    Files.write(spam, lineEnds(Files.readAllBytes(spam), "\r\n"));
    fixed("demo");
    assertArrayEquals(lineEnds(golden, "\r\n"), Files.readAllBytes(spam));
  }

  @Test
  void noTemporaryFileIsLeftAfterAFix() throws IOException {
    fixed("demo");
    assertEquals(List.of(), leftovers(dir.resolve("demo")));
  }

  /**
   * A real {@code ftls check --fix} killed with SIGKILL between writing its temporary file and
   * renaming it (the test-only pause holds it there): the file is unchanged, the temporary file is
   * left, and the next fix in that folder removes it, but not one of a process that is alive.
   */
  @Test
  void aKilledFixLeavesATemporaryFileTheNextRunRemoves() throws Exception {
    Path alive = dir.resolve("demo/.ftls-fix-1-alive.tmp"); // pid 1 is always alive
    Files.writeString(alive, "");
    byte[] before = Files.readAllBytes(spam);
    Process p = startPausedFix();
    Path leftover = awaitTemporaryFileOf(p);
    p.destroyForcibly();
    p.waitFor();
    assertTrue(Files.exists(leftover), "the kill should leave the temporary file behind");
    assertArrayEquals(before, Files.readAllBytes(spam));
    fixed("demo");
    assertFalse(Files.exists(leftover), "the leftover of the killed run is still there");
    assertTrue(Files.exists(alive), "the temporary file of a live process was removed");
    assertArrayEquals(golden, Files.readAllBytes(spam));
  }

  /** SIGTERM (or Ctrl-C) while the temporary file exists: the shutdown hook removes it. */
  @Test
  void aTerminatedFixRemovesItsTemporaryFile() throws Exception {
    byte[] before = Files.readAllBytes(spam);
    Process p = startPausedFix();
    Path tmp = awaitTemporaryFileOf(p);
    p.destroy();
    p.waitFor();
    assertFalse(Files.exists(tmp), "SIGTERM left " + tmp.getFileName());
    assertArrayEquals(before, Files.readAllBytes(spam));
  }

  private Process startPausedFix() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.ftls.Main", "check", "--fix", "--python", "none", "demo")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("ftls-output.txt").toFile());
    pb.environment().put(FixWriter.PAUSE_ENV, "120000");
    return pb.start();
  }

  private Path awaitTemporaryFileOf(Process p) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String mine = ".ftls-fix-" + p.pid() + "-";
    while (System.nanoTime() < deadline) {
      for (Path t : leftovers(dir.resolve("demo"))) {
        if (t.getFileName().toString().startsWith(mine)) {
          return t;
        }
      }
      assertTrue(p.isAlive(), () -> "ftls ended before writing its temporary file: " + output());
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new AssertionError("ftls wrote no temporary file in time: " + output());
  }

  private String output() {
    try {
      return Files.readString(dir.resolve("ftls-output.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static List<Path> leftovers(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".ftls-fix-"))
          .filter(p -> !p.getFileName().toString().contains("-alive"))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted().toList();
    }
  }

  private static byte[] lineEnds(byte[] lf, String nl) {
    return new String(lf, StandardCharsets.UTF_8).replace("\n", nl).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
