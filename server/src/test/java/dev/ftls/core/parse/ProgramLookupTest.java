package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs are found only in absolute PATH folders, and only as regular executable files. */
class ProgramLookupTest {
  @TempDir Path dir;

  private Path program(Path folder, String name, String perms) throws IOException {
    Files.createDirectories(folder);
    Path p = folder.resolve(name);
    Files.writeString(p, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    return p;
  }

  @Test
  void relativeAndEmptyEntriesAreNotSearched() throws IOException {
    Path bin = dir.resolve("bin");
    Path tool = program(bin, "tool", "rwxr-xr-x");
    // the same folder, named relative to this process's folder: it resolves, but must not count
    String relative = Paths.get("").toAbsolutePath().relativize(bin).toString();
    assertEquals(bin.toAbsolutePath().normalize(), Paths.get(relative).toAbsolutePath().normalize());
    String sep = File.pathSeparator;
    assertNull(ProgramLookup.find("tool", relative));
    assertNull(ProgramLookup.find("tool", sep + relative + sep + "." + sep));
    assertEquals(tool, ProgramLookup.find("tool", sep + relative + sep + bin));
    assertEquals(List.of(bin), ProgramLookup.absoluteFolders("" + sep + relative + sep + "." + sep + bin + sep));
    assertEquals(bin.toString(), ProgramLookup.absoluteOnly(sep + "." + sep + bin + sep + "rel"));
  }

  @Test
  void onlyRegularExecutableFilesCount() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path c = dir.resolve("c");
    program(a, "tool", "rw-r--r--");
    Files.createDirectories(b.resolve("tool"));
    Path good = program(c, "tool", "rwxr-xr-x");
    String sep = File.pathSeparator;
    assertEquals(good, ProgramLookup.find("tool", a + sep + b + sep + c));
    assertNull(ProgramLookup.find("tool", a + sep + b));
    assertNull(ProgramLookup.find("to\u0000ol", c.toString()));
  }

  @Test
  void aNameWithAFolderIsThatFile() throws IOException {
    Path good = program(dir.resolve("c"), "tool", "rwxr-xr-x");
    assertEquals(good, ProgramLookup.find(good.toString(), ""));
    assertNull(ProgramLookup.find(dir.resolve("c/none").toString(), dir.resolve("c").toString()));
  }
}
