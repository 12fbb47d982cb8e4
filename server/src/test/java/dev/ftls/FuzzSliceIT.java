package dev.ftls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed slice of the robustness harness ({@code scripts/fuzz.py}, documented in the README under
 * "Robustness"): a few hundred hostile C files through {@code ftls check} and a thousand hostile
 * JSON-RPC frames into {@code ftls serve}, against the packaged jar. Every count must be 0: no
 * crash, no hang, no file left out of the report without a reason, no malformed output.
 */
class FuzzSliceIT {
  private static final int FILES = 300;
  private static final int FRAMES = 1000;
  private static final int SEED = 20251206;
  private static final String SUMMARY = "FUZZ-SUMMARY ";

  @TempDir Path dir;

  @Test
  void aFixedSliceOfHostileFilesAndFramesFindsNothing() throws Exception {
    String jar = System.getProperty("ftls.jar");
    assertNotNull(jar, "the ftls.jar system property must name the packaged jar");
    assertTrue(new File(jar).isFile(), jar + " does not exist; run mvn verify");
    Path script = Paths.get(System.getProperty("ftls.repoRoot"), "scripts", "fuzz.py");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path output = dir.resolve("fuzz.out");
    Process p = new ProcessBuilder(List.of("python3", script.toString(), "--jar", jar, "--java", java.toString(),
        "--files", String.valueOf(FILES), "--frames", String.valueOf(FRAMES), "--seed", String.valueOf(SEED),
        "--keep", dir.resolve("failing").toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    p.getOutputStream().close();
    boolean finished = p.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertTrue(finished, "the harness did not finish within 15 minutes:\n" + out);
    String line = out.lines().filter(l -> l.startsWith(SUMMARY)).reduce((a, b) -> b).orElse(null);
    assertNotNull(line, "the harness printed no summary line:\n" + out);
    JsonObject summary = JsonParser.parseString(line.substring(SUMMARY.length())).getAsJsonObject();
    JsonObject files = summary.getAsJsonObject("files");
    JsonObject frames = summary.getAsJsonObject("frames");
    assertEquals(FILES, files.get("count").getAsInt(), out);
    assertEquals(FRAMES, frames.get("count").getAsInt(), out);
    for (String kind : List.of("crashes", "hangs", "silent_skips", "invalid_outputs")) {
      assertEquals(0, files.get(kind).getAsInt(), "files, " + kind + ":\n" + out);
      assertEquals(0, frames.get(kind).getAsInt(), "frames, " + kind + ":\n" + out);
    }
    assertEquals(0, p.exitValue(), "the harness exits 0 when every count is 0:\n" + out);
  }
}
