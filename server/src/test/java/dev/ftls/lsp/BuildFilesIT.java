package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, part 1, over LSP: the server finds a project header through what setup.py states
 * (include_dirs=["."]), as `ftls check` does, with the workspace folder as root.
 */
class BuildFilesIT {
  @TempDir Path dir;

  @Test
  void theServerFindsTheHeaderThroughSetupPy() throws Exception {
    dev.ftls.TestTrees.copy(JsonRpcClient.repoFile("test-workspaces/projects/setup_py_include_dirs"), dir);
    Path file = dir.resolve("src/mod.c");
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")))) {
      c.initialize(dir, Map.of("python", "none"));
      c.open(uri, "c", Files.readString(file));
      JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
      List<String> codes = new ArrayList<>();
      for (JsonElement d : diags) {
        codes.add(d.getAsJsonObject().get("code").getAsString());
      }
      // only reset() forgets the lock; without the header every write to the counters would be flagged
      assertEquals(List.of("FT301"), codes, diags.toString());
    }
  }
}
