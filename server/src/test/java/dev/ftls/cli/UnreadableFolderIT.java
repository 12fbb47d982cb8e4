package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftls check} over folders it may not read, with real permissions: the packaged jar runs
 * in a process that cannot override them. Run by an ordinary user, that is the user itself. Run
 * as root (a container, some CI), root would read the folders anyway, so the process runs as
 * root without the two capabilities that let root ignore permission bits (setpriv drops
 * CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH); it still owns and reads everything else.
 */
class UnreadableFolderIT {
  @TempDir Path dir;

  @Test
  void unreadableFoldersAreReportedWithTheRealReasonAndTheRestIsChecked() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("ok.c"), "int ok(void) { return 0; }\n");
    Path secret = src.resolve("secret.c");
    Files.writeString(secret, "int secret;\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    Path locked = Files.createDirectories(src.resolve("locked"));
    Files.writeString(locked.resolve("inner.c"), "int inner;\n");
    // names listable, entries not reachable: x.c and the folder sub cannot even be looked at
    Path half = Files.createDirectories(src.resolve("half"));
    Files.writeString(half.resolve("x.c"), "int x;\n");
    Files.createDirectories(half.resolve("sub"));
    Files.writeString(half.resolve("sub/y.c"), "int y;\n");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(half, PosixFilePermissions.fromString("r--r--r--"));
    try {
      Result r = check("--format", "json", "src", "src/locked/inner.c");
      assertEquals(3, r.code, r.err);
      Map<String, String> files = new TreeMap<>();
      for (var e : JsonParser.parseString(r.out).getAsJsonObject().getAsJsonArray("files")) {
        JsonObject f = e.getAsJsonObject();
        files.put(f.get("file").getAsString(), f.get("status").getAsString() + " " + f.get("reasons"));
      }
      assertEquals(Map.of(
              "src/ok.c", "analyzed []",
              "src/secret.c", "not-analyzed [\"permission denied\"]",
              "src/locked", "not-analyzed [\"cannot read this folder: permission denied\"]",
              "src/locked/inner.c", "not-analyzed [\"permission denied\"]",
              "src/half/x.c", "not-analyzed [\"permission denied\"]",
              "src/half", "not-analyzed [\"cannot read this folder: permission denied\"]"),
          files, r.out + r.err);
      assertTrue(r.err.contains("src/locked: not analyzed: cannot read this folder: permission denied"), r.err);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(half, PosixFilePermissions.fromString("rwx------"));
    }
  }

  record Result(int code, String out, String err) {}

  private Result check(String... args) throws IOException, InterruptedException {
    String jar = System.getProperty("ftls.jar");
    assertNotNull(jar, "the ftls.jar system property must name the packaged jar");
    List<String> cmd = new ArrayList<>();
    if (((Number) Files.getAttribute(dir, "unix:uid")).intValue() == 0) {
      String caps = "-dac_override,-dac_read_search";
      cmd.addAll(List.of("setpriv", "--bounding-set=" + caps, "--inh-caps=" + caps, "--"));
    }
    cmd.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar, "check"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--python", "none"));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ftls check did not finish");
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
