package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the shared server that need no process: its name, its folder, its leftovers. */
class SharedServerTest {
  @TempDir Path dir;

  @Test
  void theServersNameIgnoresClassArchivesButNotSettings() {
    List<String> base = List.of("java", "-Xmx1g", "-XX:SharedArchiveFile=/c/a.jsa", "-Xlog:cds=off", "-jar",
        dir.resolve("none.jar").toString(), "daemon");
    String key = Attach.key(base);
    assertTrue(key.matches("[0-9a-f]{16}"), key);
    assertEquals(key, Attach.key(List.of("java", "-Xmx1g", "-XX:ArchiveClassesAtExit=/c/a.jsa.new", "-jar",
        dir.resolve("none.jar").toString(), "daemon")), "an archive written or used is the same server");
    assertNotEquals(key, Attach.key(List.of("java", "-Xmx2g", "-XX:SharedArchiveFile=/c/a.jsa", "-jar",
        dir.resolve("none.jar").toString(), "daemon")), "other JVM settings are another server");
  }

  @Test
  void theServersNameChangesWithItsJar() throws Exception {
    Path jar = Files.writeString(dir.resolve("ftls.jar"), "one");
    List<String> cmd = List.of("java", "-jar", jar.toString(), "daemon");
    String before = Attach.key(cmd);
    Files.writeString(jar, "a rebuilt jar");
    assertNotEquals(before, Attach.key(cmd));
  }

  @Test
  void theSocketsFolderIsMadePrivateAndAnOpenOneRefused() throws Exception {
    Path folder = dir.resolve("cache").resolve("shared");
    assertNull(Attach.unusable(folder, folder.resolve("k.sock")));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx-----x"));
    assertNotNull(Attach.unusable(folder, folder.resolve("k.sock")));
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
    Path linked = Files.createSymbolicLink(dir.resolve("linked"), real);
    assertNotNull(Attach.unusable(linked, linked.resolve("k.sock")), "a link is not taken for the folder");
    Path longer = dir.resolve("x".repeat(120));
    assertTrue(Attach.unusable(longer, longer.resolve("k.sock")).contains("longer than"));
  }

  @Test
  void leftoversOfServersThatEndedLongAgoAreRemoved() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("shared"));
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - SharedServer.FORGET_AFTER_MS - 60_000);
    Path oldLog = Files.writeString(folder.resolve("a.sock.log"), "ended");
    Path oldLock = Files.writeString(folder.resolve("a.sock.lock"), "");
    Files.setLastModifiedTime(oldLog, old);
    Path recent = Files.writeString(folder.resolve("b.sock.log"), "ended yesterday");
    Path running = Files.writeString(folder.resolve("c.sock.log"), "running");
    Files.setLastModifiedTime(running, old);
    Files.writeString(folder.resolve("c.sock"), ""); // its socket
    Path held = Files.writeString(folder.resolve("d.sock.log"), "starting");
    Files.setLastModifiedTime(held, old);
    Path heldLock = Files.writeString(folder.resolve("d.sock.lock"), "");
    Path own = Files.writeString(folder.resolve("e.sock.log"), "this one");
    Files.setLastModifiedTime(own, old);
    try (FileChannel ch = FileChannel.open(heldLock, StandardOpenOption.WRITE); FileLock l = ch.lock()) {
      SharedServer.forgetOldServers(folder, "e.sock");
    }
    assertFalse(Files.exists(oldLog));
    assertFalse(Files.exists(oldLock));
    assertTrue(Files.exists(recent), "a recent log stays");
    assertTrue(Files.exists(running), "a log whose socket is there stays");
    assertTrue(Files.exists(held) && Files.exists(heldLock), "a held lock and its log stay");
    assertTrue(Files.exists(own), "the starting server's own log stays");
  }
}
