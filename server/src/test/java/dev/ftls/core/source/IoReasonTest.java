package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoReasonTest {
  @Test
  void exceptionsBecomePlainReasons() {
    assertEquals("permission denied", IoReason.of(new AccessDeniedException("a.c")));
    assertEquals("no such file or folder", IoReason.of(new NoSuchFileException("a.c")));
    assertEquals("permission denied",
        IoReason.of(new UncheckedIOException(new AccessDeniedException("a.c"))));
    // what the JDK throws when a folder is read as a file, or a path goes through a link loop
    assertEquals("is a folder", IoReason.of(new IOException("Is a directory")));
    assertEquals("a symbolic link loop",
        IoReason.of(new FileSystemException("a.c", null, "Too many levels of symbolic links")));
    assertEquals("input/output error",
        IoReason.of(new FileSystemException("a.c", null, "Input/output error")));
    assertEquals("a read error", IoReason.of(new IOException()));
  }

  @Test
  void readingAFolderSaysSo(@TempDir Path dir) {
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> Files.readAllBytes(dir));
    assertEquals("is a folder", IoReason.of(e));
  }

  @Test
  void kindsOfSpecialFiles(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("p");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    assertEquals("not a regular file (a FIFO)", IoReason.notRegularFile(fifo));
    assertEquals("not a regular file (a special file)", IoReason.notRegularFile(dir));
  }
}
