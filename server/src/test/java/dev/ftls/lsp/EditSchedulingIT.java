package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an edit is analyzed, over real stdio: at once when nothing of its document is under way,
 * and once for a burst of edits that arrive while an analysis is (README "Speed"). The debounce
 * is made long here, so that a server that waited for it would not answer within the test.
 */
class EditSchedulingIT {
  @TempDir Path dir;

  private JsonRpcClient start(long debounceMs) throws Exception {
    return new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log"),
        Map.of("JAVA_TOOL_OPTIONS", "-Dftls.debounceMs=" + debounceMs)));
  }

  private String uri;

  /** spam.c of the demo, copied into the temp folder, open and analyzed (version 1); its text. */
  private String openSpam(JsonRpcClient c) throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    uri = file.toUri().toString();
    String text = Files.readString(file);
    c.initialize(dir, Map.of("python", "none", "index", false));
    c.open(uri, "c", text);
    c.diagnostics(uri, 1);
    return text;
  }

  private static void edit(JsonRpcClient c, String uri, int version, String text) throws Exception {
    c.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", version),
        "contentChanges", List.of(Map.of("text", text))));
  }

  @Test
  void anEditToAQuietDocumentIsAnalyzedWithoutTheDebounce() throws Exception {
    try (JsonRpcClient c = start(600_000)) {
      String text = openSpam(c);
      edit(c, uri, 2, "\n" + text);
      // a ten-minute debounce would time this out (60 s)
      JsonObject d = c.diagnostics(uri, 2);
      List<String> before = JsonRpcClient.lineCodes(c.diagnostics(uri, 1));
      List<String> shifted = new ArrayList<>();
      for (String lc : before) {
        int space = lc.indexOf(' ');
        shifted.add((Integer.parseInt(lc.substring(0, space)) + 1) + lc.substring(space));
      }
      assertEquals(shifted, JsonRpcClient.lineCodes(d), "the findings of the new text, a line lower");
    }
  }

  @Test
  void aBurstOfEditsIsAnalyzedForItsLastVersion() throws Exception {
    try (JsonRpcClient c = start(2_000)) {
      String text = openSpam(c);
      int mark = c.mark();
      for (int v = 2; v <= 6; v++) {
        edit(c, uri, v, "\n".repeat(v - 1) + text);
      }
      c.diagnostics(uri, 6);
      for (int i = mark; i < c.mark(); i++) {
        JsonObject m = c.message(i);
        if ("textDocument/publishDiagnostics".equals(JsonRpcClient.str(m, "method"))) {
          int version = m.getAsJsonObject("params").get("version").getAsInt();
          assertTrue(version == 6, "only the burst's last version is published, not version " + version);
        }
      }
    }
  }
}
