package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over the real jar's stdio, on a copy of test-workspaces/projects/cross_file: the server indexes
 * the workspace in the background with $/progress, the open files' diagnostics use what the other
 * files say (module created in a helper, set-up function called only from PyInit, lock wrappers),
 * an edit of one open file changes another open file's diagnostics, a second session reads the
 * index from disk, and the {@code index} setting turns it off.
 */
class ProjectIndexIT {
  private static final long WAIT_MS = 120_000;

  @TempDir Path dir;

  private static final Map<String, Object> WINDOW = Map.of("window", Map.of("workDoneProgress", true));

  private JsonRpcClient start(String log) throws Exception {
    return new JsonRpcClient(JsonRpcClient.startServer(dir.resolve(log),
        Map.of("FTLS_CACHE_DIR", dir.resolve("cache").toString())));
  }

  private static boolean diagnosticsOf(JsonObject m, String uri) {
    return "textDocument/publishDiagnostics".equals(JsonRpcClient.str(m, "method"))
        && uri.equals(m.getAsJsonObject("params").get("uri").getAsString());
  }

  @Test
  void theWorkspaceIsIndexedInTheBackgroundAndAnEditInOneFileChangesAnother() throws Exception {
    Path ws = JsonRpcClient.copyProject("cross_file", dir);
    Path module = ws.resolve("src/module.c");
    Path tables = ws.resolve("src/tables.c");
    String moduleUri = module.toUri().toString();
    String tablesUri = tables.toUri().toString();
    try (JsonRpcClient c = start("server.log")) {
      c.initialize(ws, Map.of("python", "none", "target", "3.14t"), WINDOW);
      assertEquals("project index: 6 file(s): 0 from the on-disk index, 6 summarized", c.awaitIndexed(WAIT_MS));

      c.open(moduleUri, "c", Files.readString(module));
      // the module is created by make_module() in create.c, save_count() (stats.c) blocks, and
      // total_calls and shared_names are globals of other files: only the index can tell
      JsonObject moduleDiags = c.diagnostics(moduleUri, 1);
      assertEquals(List.of("12 FT301", "41 FT407", "51 FT302", "67 FT001"), JsonRpcClient.lineCodes(moduleDiags), moduleDiags.toString());
      // the short message names the hazard; the detail, in the hover over it, says where the index found the module made
      JsonObject ft001 = moduleDiags.getAsJsonArray("diagnostics").get(3).getAsJsonObject();
      assertTrue(ft001.get("message").getAsString().startsWith("'PyInit_crossfile' never calls PyUnstable_Module_SetGIL"),
          ft001.toString());
      JsonObject start = ft001.getAsJsonObject("range").getAsJsonObject("start");
      String hover = c.hover(moduleUri, start.get("line").getAsInt(), start.get("character").getAsInt() + 1)
          .getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString();
      assertTrue(hover.contains("creates its module through make\\_module() in create.c without calling "
          + "`PyUnstable_Module_SetGIL`"), hover);   // markdown: names in backticks, '_' escaped

      c.open(tablesUri, "c", Files.readString(tables));
      // fill_tables() runs only from PyInit_crossfile; keep_latest() holds the registry lock through
      // locks.c's wrappers; register_hit() is called from a method
      assertEquals(List.of("24 FT301"), JsonRpcClient.lineCodes(c.diagnostics(tablesUri, 1)));

      // module.c now calls register_hit() during initialization only: tables.c, not edited, is
      // analyzed again and its write of `hits` is no longer a race
      String edited = Files.readString(module)
          .replace("    if (register_hit() < 0) {\n        return NULL;\n    }\n    bump_count();", "    bump_count();")
          .replace("    if (fill_tables() < 0) {", "    if (fill_tables() < 0 || register_hit() < 0) {");
      assertFalse(edited.equals(Files.readString(module)), "the edit applies");
      int mark = c.mark();
      c.notify("textDocument/didChange", Map.of(
          "textDocument", Map.of("uri", moduleUri, "version", 2),
          "contentChanges", List.of(Map.of("text", edited))));
      JsonObject after = c.awaitAfter(mark, m -> diagnosticsOf(m, tablesUri)
          && m.getAsJsonObject("params").getAsJsonArray("diagnostics").isEmpty(), WAIT_MS);
      assertEquals(List.of(), JsonRpcClient.lineCodes(after.getAsJsonObject("params")));
    }
    try (JsonRpcClient c = start("server2.log")) {
      c.initialize(ws, Map.of("python", "none", "target", "3.14t"), WINDOW);
      // nothing changed on disk: every summary comes from the first session's on-disk index
      assertEquals("project index: 6 file(s): 6 from the on-disk index, 0 summarized", c.awaitIndexed(WAIT_MS));
    }
  }

  @Test
  void theIndexSettingTurnsItOff() throws Exception {
    Path ws = JsonRpcClient.copyProject("cross_file", dir);
    Path module = ws.resolve("src/module.c");
    String uri = module.toUri().toString();
    try (JsonRpcClient c = start("server.log")) {
      c.initialize(ws, Map.of("python", "none", "target", "3.14t", "index", false), WINDOW);
      c.open(uri, "c", Files.readString(module));
      // alone, module.c does not show that total_calls and shared_names are globals, that make_module() creates the
      // module, that save_count() blocks, nor that the list collect_pair() returns is the caller's own
      assertEquals(List.of("26 FT101"), JsonRpcClient.lineCodes(c.diagnostics(uri, 1)));
      // the cache folder holds the header layers now; the index has nothing there
      assertFalse(Files.exists(dir.resolve("cache").resolve("index")), "nothing indexed, nothing stored");
      assertTrue(Files.isDirectory(dir.resolve("cache").resolve("headers")), "the header layers are kept");
    }
  }
}
