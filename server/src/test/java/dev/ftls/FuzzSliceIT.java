package dev.ftls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    ScriptRun run = ScriptRun.python(dir, "fuzz.py", Map.of(), 15,
        "--files", String.valueOf(FILES), "--frames", String.valueOf(FRAMES), "--seed", String.valueOf(SEED),
        "--keep", dir.resolve("failing").toString());
    String out = run.output();
    JsonObject summary = JsonParser.parseString(run.lastLine(SUMMARY)).getAsJsonObject();
    JsonObject files = summary.getAsJsonObject("files");
    JsonObject frames = summary.getAsJsonObject("frames");
    assertEquals(FILES, files.get("count").getAsInt(), out);
    assertEquals(FRAMES, frames.get("count").getAsInt(), out);
    for (String kind : List.of("crashes", "hangs", "silent_skips", "invalid_outputs")) {
      assertEquals(0, files.get(kind).getAsInt(), "files, " + kind + ":\n" + out);
      assertEquals(0, frames.get(kind).getAsInt(), "frames, " + kind + ":\n" + out);
    }
    assertEquals(0, run.exit(), "the harness exits 0 when every count is 0:\n" + out);
  }
}
