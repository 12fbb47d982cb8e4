package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixes on demand over real stdio JSON-RPC: diagnostics carry no fixes; an editor that resolves code
 * actions (LSP 3.16, {@code resolveSupport} for {@code edit} with {@code dataSupport}) gets actions
 * without edits and the edit from {@code codeAction/resolve}, the same edit an editor that does not
 * resolve gets at once; a resolve for an older version of the document gets no edit.
 */
class CodeActionResolveIT {
  @TempDir Path dir;

  private static final Map<String, Object> RESOLVING = Map.of("textDocument", Map.of(
      "hover", Map.of("contentFormat", List.of("markdown", "plaintext")),
      "codeAction", Map.of("dataSupport", true, "resolveSupport", Map.of("properties", List.of("edit")))));

  @Test
  void anEditorThatResolvesGetsTheSameEditsWhenItPicksAnAction() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path file = ws.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    String text = Files.readString(file);
    String uri = file.toUri().toString();
    JsonArray eager;
    JsonArray eagerAll;
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("eager.log")))) {
      c.initialize(ws, Map.of("python", "none"));
      c.open(uri, "c", text);
      JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
      for (JsonElement d : diags) {
        assertEquals(1, d.getAsJsonObject().getAsJsonObject("data").get("version").getAsInt(), d.toString());
        assertFalse(d.getAsJsonObject().getAsJsonObject("data").has("fixes"), "no fixes are published: " + d);
      }
      eager = quickFixes(c, uri, find(diags, "FT101"));
      eagerAll = fixAll(c, uri);
      assertTrue(eager.get(0).getAsJsonObject().has("edit"), "an editor that does not resolve gets the edit: " + eager);
    }
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("resolving.log")))) {
      JsonObject init = c.initialize(ws, Map.of("python", "none"), RESOLVING);
      assertTrue(init.getAsJsonObject("result").getAsJsonObject("capabilities").getAsJsonObject("codeActionProvider")
          .get("resolveProvider").getAsBoolean());
      c.open(uri, "c", text);
      JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
      JsonArray lazy = quickFixes(c, uri, find(diags, "FT101"));
      assertEquals(eager.size(), lazy.size(), lazy.toString());
      for (int i = 0; i < lazy.size(); i++) {
        JsonObject action = lazy.get(i).getAsJsonObject();
        JsonObject expected = eager.get(i).getAsJsonObject();
        assertFalse(action.has("edit"), "the edit waits for the resolve: " + action);
        assertEquals(expected.get("title"), action.get("title"));
        assertEquals(expected.get("isPreferred"), action.get("isPreferred"));
        JsonObject resolved = c.request("codeAction/resolve", action).getAsJsonObject("result");
        assertEquals(expected.get("edit"), resolved.get("edit"), resolved.toString());
      }
      JsonArray lazyAll = fixAll(c, uri);
      assertEquals(1, lazyAll.size(), lazyAll.toString());
      assertFalse(lazyAll.get(0).getAsJsonObject().has("edit"), lazyAll.toString());
      JsonObject all = c.request("codeAction/resolve", lazyAll.get(0)).getAsJsonObject("result");
      assertEquals(eagerAll.get(0).getAsJsonObject().get("edit"), all.get("edit"));
      String fixed = LanguageServerIT.applyEdits(text, all.getAsJsonObject("edit").getAsJsonObject("changes").getAsJsonArray(uri));
      assertEquals(Files.readString(JsonRpcClient.repoFile("test-workspaces/demo/spam.fixed.c")), fixed);

      // the document changes between the action and its resolve: no edit, never one for the old text
      c.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 2),
          "contentChanges", List.of(Map.of("text", "\n" + text))));
      c.diagnostics(uri, 2);
      JsonObject stale = c.request("codeAction/resolve", lazy.get(0)).getAsJsonObject("result");
      assertFalse(stale.has("edit"), "a stale action resolves without an edit: " + stale);
      JsonObject staleAll = c.request("codeAction/resolve", lazyAll.get(0)).getAsJsonObject("result");
      assertFalse(staleAll.has("edit"), staleAll.toString());
      // and a diagnostic of version 1 sent with a code action for version 2 gets no fix
      assertEquals(0, quickFixes(c, uri, find(diags, "FT101")).size());
    }
  }

  private static JsonArray quickFixes(JsonRpcClient c, String uri, JsonObject diagnostic) throws Exception {
    JsonArray out = new JsonArray();
    JsonArray all = c.request("textDocument/codeAction", Map.of("textDocument", Map.of("uri", uri),
        "range", diagnostic.get("range"), "context", Map.of("diagnostics", List.of(diagnostic)))).getAsJsonArray("result");
    for (JsonElement a : all) {
      if (!a.getAsJsonObject().get("title").getAsString().startsWith("Ignore")) {
        out.add(a);
      }
    }
    return out;
  }

  private static JsonArray fixAll(JsonRpcClient c, String uri) throws Exception {
    Map<String, Object> start = Map.of("start", JsonRpcClient.pos(0, 0), "end", JsonRpcClient.pos(0, 0));
    return c.request("textDocument/codeAction", Map.of("textDocument", Map.of("uri", uri), "range", start,
        "context", Map.of("diagnostics", List.of(), "only", List.of("source.fixAll")))).getAsJsonArray("result");
  }

  private static JsonObject find(JsonArray diags, String code) {
    for (JsonElement d : diags) {
      if (code.equals(d.getAsJsonObject().get("code").getAsString())) {
        return d.getAsJsonObject();
      }
    }
    throw new AssertionError("no " + code + " in " + diags);
  }
}
