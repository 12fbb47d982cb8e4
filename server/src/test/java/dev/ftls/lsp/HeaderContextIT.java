package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over the real jar's stdio: a helper header opened alone in the editor gets the context of the
 * workspace file that includes it (test-workspaces/projects/helper_header_without_python_h), and
 * one that no file includes gets the note; code under a build-feature macro is analyzed
 * (test-workspaces/projects/feature_branches).
 */
class HeaderContextIT {
  @TempDir Path dir;

  @Test
  void aHelperHeaderOpenedAloneGetsItsFindingAndAnOrphanItsNote() throws Exception {
    Path ws = JsonRpcClient.copyProject("helper_header_without_python_h", dir);
    Path header = ws.resolve("src/registry_lookup.h");
    Path orphan = ws.resolve("src/orphan_lookup.h");
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")))) {
      c.initialize(ws, Map.of("python", "none"));
      c.open(header.toUri().toString(), "c", Files.readString(header));
      JsonObject params = c.diagnostics(header.toUri().toString(), 1);
      assertEquals(List.of("15 FT101"), JsonRpcClient.lineCodes(params), params.toString());
      c.open(orphan.toUri().toString(), "c", Files.readString(orphan));
      JsonObject alone = c.diagnostics(orphan.toUri().toString(), 1);
      assertEquals(List.of("1 note"), JsonRpcClient.lineCodes(alone), alone.toString());
      String message = alone.getAsJsonArray("diagnostics").get(0).getAsJsonObject().get("message").getAsString();
      assertTrue(message.contains("analyzed alone: no file in the workspace includes it"), message);
    }
  }

  @Test
  void featureBranchesAreAnalyzedInTheEditorAndTheSettingTurnsItOff() throws Exception {
    Path ws = JsonRpcClient.copyProject("feature_branches", dir);
    Path stats = ws.resolve("src/stats.c");
    String uri = stats.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")))) {
      c.initialize(ws, Map.of("python", "none", "select", List.of("FT101")));
      c.open(uri, "c", Files.readString(stats));
      assertEquals(List.of("12 FT101", "23 FT101"), JsonRpcClient.lineCodes(c.diagnostics(uri, 1)));
    }
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server2.log")))) {
      c.initialize(ws, Map.of("python", "none", "select", List.of("FT101"), "assumeFeatures", false));
      c.open(uri, "c", Files.readString(stats));
      assertEquals(List.of(), JsonRpcClient.lineCodes(c.diagnostics(uri, 1)));
    }
  }
}
