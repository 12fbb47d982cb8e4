package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as `ftls check` from inside a workspace that holds its own python3-config,
 * with PATH naming the current folder (an empty entry, ".") and a relative folder: the workspace's
 * program is never run, and the file falls back to the built-in prelude. The same program in an
 * absolute PATH folder is run, which shows the lookup is really exercised.
 */
class PathLookupIT {
  @TempDir Path dir;

  /** A python3-config in {@code folder} that leaves {@code marker} behind when run. */
  private static void fakePythonConfig(Path folder, Path marker) throws IOException {
    Files.createDirectories(folder);
    Path p = folder.resolve("python3-config");
    Files.writeString(p, "#!/bin/sh\necho ran > '" + marker + "'\necho -I" + folder + "/include\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs `ftls check --verbose x.c` in the workspace with this PATH; its stderr. */
  private String check(Path workspace, String path) throws Exception {
    String jar = System.getProperty("ftls.jar");
    assertNotNull(jar, "the ftls.jar system property must name the packaged jar");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar, "check", "--verbose", "x.c")
        .directory(workspace.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("PATH", path);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ftls check did not finish");
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    return err;
  }

  @Test
  void aWorkspaceProgramIsNeverRunThroughARelativePathEntry() throws Exception {
    Path workspace = dir.resolve("ws");
    Path marker = dir.resolve("ran.txt");
    fakePythonConfig(workspace, marker);
    fakePythonConfig(workspace.resolve("tools"), marker);
    Files.writeString(workspace.resolve("x.c"), "int answer(void) { return 42; }\n");
    String sep = File.pathSeparator;
    String err = check(workspace, sep + "." + sep + "tools" + sep);
    assertFalse(Files.exists(marker), "the workspace's python3-config was run; ftls said:\n" + err);
    assertTrue(err.contains("x.c: headers from prelude"), err);

    Path trusted = dir.resolve("trusted-bin");
    fakePythonConfig(trusted, marker);
    String found = check(workspace, sep + "tools" + sep + trusted);
    assertTrue(Files.exists(marker), "python3-config in an absolute PATH folder was not run; ftls said:\n" + found);
    assertTrue(found.contains("x.c: headers from python3-config"), found);
  }
}
