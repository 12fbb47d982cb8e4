package dev.ftls.cli;

import dev.ftls.core.source.IoReason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.rules.Analyzer;
import dev.ftls.kbgen.RepoRoot;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading source files: regular files only, a size cap, and the real reason when a file cannot be read. */
class SourceFileTest {
  @TempDir Path dir;

  private String reason(Path p, int max) {
    return assertThrows(SourceFile.Unreadable.class, () -> SourceFile.read(p, max)).reason();
  }

  @Test
  void validUtf8IsUtf8AndAnythingElseIsLatin1ByteForByte() throws Exception {
    Path p = dir.resolve("a.c");
    Files.writeString(p, "/* caf\u00e9 */\n", StandardCharsets.UTF_8);
    assertEquals(StandardCharsets.UTF_8, SourceFile.read(p, 100).charset());
    assertEquals("/* caf\u00e9 */\n", SourceFile.read(p, 100).text());
    byte[] latin1 = {'/', '*', (byte) 0xE9, (byte) 0xFF, '*', '/', '\n'};
    Files.write(p, latin1);
    SourceFile f = SourceFile.read(p, 100);
    assertEquals(StandardCharsets.ISO_8859_1, f.charset());
    assertArrayEquals(latin1, f.encode(f.text()));
  }

  @Test
  void sizeIsCappedAtTheLimit() throws Exception {
    Path p = dir.resolve("a.c");
    Files.writeString(p, "0123456789");
    assertEquals("0123456789", SourceFile.read(p, 10).text());
    Files.writeString(p, "0123456789A");
    assertEquals("it has more than 10 bytes", reason(p, 10));
  }

  @Test
  void foldersPipesAndMissingFilesAreNotReadAndSayWhy() throws Exception {
    assertEquals("is a folder", reason(dir, 100));
    assertEquals("no such file or folder", reason(dir.resolve("gone.c"), 100));
    Path fifo = dir.resolve("pipe.c");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    // opening a FIFO without a writer would block forever: it must not even be opened
    String why = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> reason(fifo, 100));
    assertTrue(why.startsWith("not a regular file (a FIFO)"), why);
  }

  @Test
  void exceptionsBecomeWordsNotPaths() {
    assertEquals("permission denied", IoReason.of(new AccessDeniedException("/some/where/a.c")));
    assertEquals("is a folder", IoReason.of(new FileSystemException("/x", null, "Is a directory")));
  }

  /** A sparse 10 GB file: reported as too large at once, never read into memory; the rest is checked. */
  @Test
  void aHugeFileIsNotAnalyzedAndTheRunGoesOn() throws Exception {
    Files.createDirectories(dir.resolve("demo"));
    Files.copy(RepoRoot.find().resolve("test-workspaces/demo/spam.c"), dir.resolve("demo/spam.c"));
    try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("demo/huge.c").toFile(), "rw")) {
      huge.setLength(10L << 30);
    }
    CheckRun r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CheckRun.in(dir, "demo"));
    assertTrue(r.err().contains("demo/huge.c: not analyzed: it has more than " + Analyzer.MAX_CHARS + " bytes"), r.err());
    assertTrue(r.out().contains("demo/spam.c:10:22: FT101"), r.out());
    assertTrue(r.code() != 2, "a file too large to read is not an internal error: " + r.err());
  }
}
