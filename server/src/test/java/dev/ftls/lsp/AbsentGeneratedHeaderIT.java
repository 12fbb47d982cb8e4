package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project test-workspaces/projects/absent_generated_header in the editor: the hazard in a
 * function declared with a macro from the absent generated header is a diagnostic, and the notes
 * (the header not found, the macro assumed empty) are information diagnostics on the file.
 */
class AbsentGeneratedHeaderIT {
  @TempDir Path dir;

  @Test
  void theFindingAndTheNotesArePublished() throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/projects/absent_generated_header/src/spam.c"), file);
    String uri = file.toUri().toString();
    List<String> lines = Files.readAllLines(file);
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")))) {
      c.initialize(dir, Map.of("python", "none"));
      c.open(uri, "c", Files.readString(file));
      JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
      List<String> notes = new ArrayList<>();
      List<JsonObject> findings = new ArrayList<>();
      for (JsonElement e : diags) {
        JsonObject d = e.getAsJsonObject();
        if ("note".equals(d.get("code").getAsString())) {
          assertEquals(3, d.get("severity").getAsInt(), "a note is information: " + d);
          notes.add(d.get("message").getAsString());
        } else {
          findings.add(d);
        }
      }
      assertEquals(1, findings.size(), diags.toString());
      assertEquals("FT301", findings.get(0).get("code").getAsString());
      int line = findings.get(0).getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
      assertTrue(lines.get(line).contains("lookups++"), lines.get(line));
      assertTrue(notes.contains("ftls: SPAM_API assumed to be an empty attribute macro"
          + " (no definition found; was its header generated at build time?)"), notes.toString());
      assertTrue(notes.contains("ftls: #include \"config.h\" (line 3): not found in the include paths"), notes.toString());
    }
  }
}
