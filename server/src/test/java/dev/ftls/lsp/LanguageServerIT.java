package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the built jar as a process, spoken to over its stdio exactly as an editor would.
 * Runs in Maven's integration-test phase, after the jar is packaged.
 */
class LanguageServerIT {
  @TempDir Path dir;

  private Process start() throws Exception {
    return JsonRpcClient.startServer(dir.resolve("server.log"));
  }

  private static Map<String, Object> pos(int line, int ch) {
    return JsonRpcClient.pos(line, ch);
  }

  private static JsonObject initialize(JsonRpcClient c, Path root) throws Exception {
    return c.initialize(root, Map.of("python", "none"));
  }

  @Test
  void diagnosticsHoverQuickFixAndCleanShutdown() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path file = ws.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    String text = Files.readString(file);
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(start())) {
      JsonObject init = initialize(c, ws);
      JsonObject caps = init.getAsJsonObject("result").getAsJsonObject("capabilities");
      assertTrue(caps.get("hoverProvider").getAsBoolean());
      assertEquals(2, caps.getAsJsonObject("textDocumentSync").get("change").getAsInt());
      assertEquals("ftls", init.getAsJsonObject("result").getAsJsonObject("serverInfo").get("name").getAsString());

      c.open(uri, "c", text);
      JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
      JsonObject ft001 = find(diags, "FT001");
      JsonObject ft101 = find(diags, "FT101");
      assertEquals(2, diags.size(), diags.toString());
      assertEquals("ftls", ft001.get("source").getAsString());
      assertEquals(42, ft001.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
      assertEquals(9, ft101.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
      assertTrue(ft101.getAsJsonObject("codeDescription").get("href").getAsString().endsWith("FT101.md"));

      // hover on PyList_GetItem (line 10, inside the name)
      JsonObject hover = c.hover(uri, 9, 25);
      JsonObject contents = hover.getAsJsonObject("result").getAsJsonObject("contents");
      assertEquals("markdown", contents.get("kind").getAsString());
      String hv = contents.get("value").getAsString();
      assertTrue(hv.contains("PyList_GetItem") && hv.toLowerCase().contains("borrowed") && hv.contains("PyList_GetItemRef"), hv);
      // the diagnostic says it short, hazard then remedy; hover has the detail (why, and what changes it)
      String message = ft101.get("message").getAsString();
      assertTrue(message.length() <= 100 && message.startsWith("PyList_GetItem") && message.endsWith("PyList_GetItemRef"),
          message);
      assertFalse(message.contains("registry"), message);
      assertTrue(hv.contains("another thread can invalidate by changing 'registry'"), hv);
      assertFalse(hv.contains(message), hv);

      // a malformed message must not kill the server
      c.sendRaw("Content-Length: 11\r\n\r\n{not json}!".getBytes(StandardCharsets.US_ASCII));
      JsonObject again = c.hover(uri, 9, 25);
      assertTrue(again.has("result"), again.toString());

      // the quick fix for FT001, applied as an editor would
      JsonObject actions = c.request("textDocument/codeAction", Map.of(
          "textDocument", Map.of("uri", uri),
          "range", ft001.get("range"),
          "context", Map.of("diagnostics", List.of(ft001))));
      JsonArray list = actions.getAsJsonArray("result");
      assertEquals(1, list.size(), list.toString());
      JsonObject action = list.get(0).getAsJsonObject();
      assertEquals("quickfix", action.get("kind").getAsString());
      assertFalse(action.get("isPreferred").getAsBoolean(), "declaring support is an unsafe fix: " + action);
      assertTrue(action.get("title").getAsString().contains("only once its shared state is protected"), action.toString());
      JsonArray edits = action.getAsJsonObject("edit").getAsJsonObject("changes").getAsJsonArray(uri);
      String fixed = applyEdits(text, edits);
      assertTrue(fixed.contains("PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);"), fixed);

      c.notify("textDocument/didChange", Map.of(
          "textDocument", Map.of("uri", uri, "version", 2),
          "contentChanges", List.of(Map.of("text", fixed))));
      JsonArray after = c.diagnostics(uri, 2).getAsJsonArray("diagnostics");
      assertEquals(1, after.size(), after.toString());
      assertEquals("FT101", after.get(0).getAsJsonObject().get("code").getAsString());

      // an incremental edit: replace PyList_GetItem by PyList_GetItemRef (name at line 10, col 21-35)
      c.notify("textDocument/didChange", Map.of(
          "textDocument", Map.of("uri", uri, "version", 3),
          "contentChanges", List.of(Map.of("range", Map.of("start", pos(9, 35), "end", pos(9, 35)), "text", "Ref"))));
      assertEquals(0, c.diagnostics(uri, 3).getAsJsonArray("diagnostics").size());

      // configuration: a non-free-threaded target drops nothing here, an ignore drops FT101
      c.notify("textDocument/didChange", Map.of(
          "textDocument", Map.of("uri", uri, "version", 4),
          "contentChanges", List.of(Map.of("text", text))));
      assertEquals(2, c.diagnostics(uri, 4).getAsJsonArray("diagnostics").size());

      // source actions: fix all (what editors run on save) gives the same text as ftls check --fix
      Map<String, Object> whole = Map.of("start", pos(0, 0), "end", pos(0, 0));
      JsonArray fixAll = c.request("textDocument/codeAction", Map.of("textDocument", Map.of("uri", uri), "range", whole,
          "context", Map.of("diagnostics", List.of(), "only", List.of("source.fixAll")))).getAsJsonArray("result");
      assertEquals(1, fixAll.size(), fixAll.toString());
      assertEquals("source.fixAll.ftls", fixAll.get(0).getAsJsonObject().get("kind").getAsString());
      String allFixed = applyEdits(text, fixAll.get(0).getAsJsonObject().getAsJsonObject("edit").getAsJsonObject("changes").getAsJsonArray(uri));
      assertEquals(Files.readString(JsonRpcClient.repoFile("test-workspaces/demo/spam.fixed.c")), allFixed);
      JsonArray sources = c.request("textDocument/codeAction", Map.of("textDocument", Map.of("uri", uri), "range", whole,
          "context", Map.of("diagnostics", List.of(), "only", List.of("source")))).getAsJsonArray("result");
      assertEquals(2, sources.size(), sources.toString());
      assertEquals("Declare that this module runs without the GIL (only once its shared state is protected)",
          sources.get(1).getAsJsonObject().get("title").getAsString());
      String declared = applyEdits(text, sources.get(1).getAsJsonObject().getAsJsonObject("edit").getAsJsonObject("changes").getAsJsonArray(uri));
      assertTrue(declared.contains("PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);") && declared.contains("PyList_GetItem(registry"),
          "asked for by name, the declaration (and only it) is applied: " + declared);
      JsonArray none = c.request("textDocument/codeAction", Map.of("textDocument", Map.of("uri", uri), "range", whole,
          "context", Map.of("diagnostics", List.of()))).getAsJsonArray("result");
      assertEquals(0, none.size(), "source actions only when asked for: " + none);
      int mark = c.mark();
      c.notify("workspace/didChangeConfiguration", Map.of("settings", Map.of("ftls", Map.of("ignore", List.of("FT101"), "python", "none"))));
      JsonObject reconfigured = c.awaitAfter(mark, m -> "textDocument/publishDiagnostics".equals(JsonRpcClient.str(m, "method"))
          && m.getAsJsonObject("params").getAsJsonArray("diagnostics").size() == 1, 30_000);
      assertEquals("FT001", reconfigured.getAsJsonObject("params").getAsJsonArray("diagnostics").get(0).getAsJsonObject().get("code").getAsString());

      JsonObject shutdown = c.request("shutdown", null);
      assertTrue(shutdown.has("result"));
      c.notify("exit", null);
      assertTrue(c.waitForExit(10), "the server did not exit after 'exit'");
    }
    String log = Files.readString(dir.resolve("server.log"));
    assertFalse(log.contains("SLF4J"), "SLF4J warning on stderr: " + log);
    assertTrue(log.contains("headers from prelude"), "the log says which include source was used: " + log);
  }

  @Test
  void progressWhileReadingHeadersAndAPreludeWarningOnce() throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(start())) {
      c.request("initialize", Map.of(
          "processId", ProcessHandle.current().pid(),
          "rootUri", dir.toUri().toString(),
          "capabilities", Map.of("window", Map.of("workDoneProgress", true)),
          "initializationOptions", Map.of("python", dir.resolve("no-such-python").toString())));
      c.notify("initialized", Map.of());
      c.open(uri, "c", Files.readString(file));
      assertEquals(2, c.diagnostics(uri, 1).getAsJsonArray("diagnostics").size());
      // the progress of reading the headers (the project index of the folder has a progress of its own)
      JsonObject begin = c.await(m -> "$/progress".equals(JsonRpcClient.str(m, "method"))
          && "begin".equals(m.getAsJsonObject("params").getAsJsonObject("value").get("kind").getAsString())
          && "ftls".equals(JsonRpcClient.str(m.getAsJsonObject("params").getAsJsonObject("value"), "title")), 10_000);
      String token = begin.getAsJsonObject("params").get("token").getAsString();
      c.await(m -> "window/workDoneProgress/create".equals(JsonRpcClient.str(m, "method"))
          && token.equals(m.getAsJsonObject("params").get("token").getAsString()), 10_000);
      c.await(m -> "$/progress".equals(JsonRpcClient.str(m, "method"))
          && token.equals(m.getAsJsonObject("params").get("token").getAsString())
          && "end".equals(m.getAsJsonObject("params").getAsJsonObject("value").get("kind").getAsString()), 10_000);
      JsonObject warning = c.await(m -> "window/showMessage".equals(JsonRpcClient.str(m, "method"))
          && m.getAsJsonObject("params").get("message").getAsString().contains("built-in prelude"), 10_000);
      assertTrue(warning.getAsJsonObject("params").get("message").getAsString().contains("ftls.python"), warning.toString());
      // a second file of the same workspace: no second warning, no second progress
      Path other = dir.resolve("other.c");
      Files.copy(file, other);
      int mark = c.mark();
      c.open(other.toUri().toString(), "c", Files.readString(other));
      c.diagnostics(other.toUri().toString(), 1);
      int after = c.mark();
      for (int i = mark; i < after; i++) {
        JsonObject m = c.message(i);
        assertFalse("window/showMessage".equals(JsonRpcClient.str(m, "method")), m.toString());
        assertFalse("$/progress".equals(JsonRpcClient.str(m, "method"))
            && "ftls".equals(JsonRpcClient.str(m.getAsJsonObject("params").getAsJsonObject("value"), "title")), m.toString());
      }
    }
  }

  @Test
  void pyprojectSettingsAndSuppressionsApplyInTheEditorAsInTheCli() throws Exception {
    Path file = dir.resolve("spam.c");
    String text = Files.readString(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"))
        .replace("PyObject *item = PyList_GetItem(registry, 0);   // expect: FT101",
            "PyObject *item = PyList_GetItem(registry, 0);   // ftls: ignore[FT101] frozen after init");
    Files.writeString(file, text);
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftls]\nseverity = { FT001 = \"error\" }\n");
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(start())) {
      initialize(c, dir);
      c.open(uri, "c", text);
      JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
      assertEquals(1, diags.size(), diags.toString());
      assertEquals("FT001", diags.get(0).getAsJsonObject().get("code").getAsString());
      assertEquals(1, diags.get(0).getAsJsonObject().get("severity").getAsInt(), "pyproject.toml made FT001 an error");
    }
  }

  @Test
  void suppressionQuickFixesOnlyWhenTheSettingAsksForThem() throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    String text = Files.readString(file);
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(start())) {
      initialize(c, dir);
      c.open(uri, "c", text);
      JsonObject ft101 = find(c.diagnostics(uri, 1).getAsJsonArray("diagnostics"), "FT101");
      Map<String, Object> ask = Map.of("textDocument", Map.of("uri", uri), "range", ft101.get("range"),
          "context", Map.of("diagnostics", List.of(ft101)));
      for (JsonElement a : c.request("textDocument/codeAction", ask).getAsJsonArray("result")) {
        assertFalse(a.getAsJsonObject().get("title").getAsString().startsWith("Ignore"), "off by default: " + a);
      }
      int mark = c.mark();
      c.notify("workspace/didChangeConfiguration",
          Map.of("settings", Map.of("ftls", Map.of("suppressionFixes", true, "python", "none"))));
      c.awaitAfter(mark, m -> "textDocument/publishDiagnostics".equals(JsonRpcClient.str(m, "method")), 30_000);
      JsonObject ignore = null;
      for (JsonElement a : c.request("textDocument/codeAction", ask).getAsJsonArray("result")) {
        if (a.getAsJsonObject().get("title").getAsString().startsWith("Ignore FT101 on this line")) {
          ignore = a.getAsJsonObject();
        }
      }
      assertNotNull(ignore, "the suppression quick fix is offered once enabled");
      assertFalse(ignore.get("isPreferred").getAsBoolean());
      String silenced = applyEdits(text, ignore.getAsJsonObject("edit").getAsJsonObject("changes").getAsJsonArray(uri));
      assertTrue(silenced.contains("    // ftls: ignore[FT101] TODO: say why this is safe\n    PyObject *item = PyList_GetItem("),
          silenced);
      c.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 2),
          "contentChanges", List.of(Map.of("text", silenced))));
      JsonArray after = c.diagnostics(uri, 2).getAsJsonArray("diagnostics");
      assertEquals(1, after.size(), "FT101 silenced, the suppression counted as used: " + after);
      assertEquals("FT001", after.get(0).getAsJsonObject().get("code").getAsString());
    }
  }

  @Test
  void hoverOnACriticalSectionSaysWhatItLocks() throws Exception {
    Path file = dir.resolve("cs.c");
    String text = "#include <Python.h>\nstatic PyObject *\nf(PyObject *self, PyObject *d)\n{\n"
        + "    Py_BEGIN_CRITICAL_SECTION(d);\n    Py_ssize_t n = PyDict_Size(d);\n    Py_END_CRITICAL_SECTION();\n"
        + "    return PyLong_FromSsize_t(0);\n}\n";
    Files.writeString(file, text);
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(start())) {
      initialize(c, dir);
      c.open(uri, "c", text);
      c.diagnostics(uri, 1);
      JsonObject hover = c.hover(uri, 4, 10);
      String value = hover.getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString();
      assertTrue(value.contains("This section locks `d` (its per-object lock)"), value);
      assertTrue(value.contains("suspended"), value);
    }
  }

  @Test
  void closingStdinEndsTheServer() throws Exception {
    Process p = start();
    try (JsonRpcClient c = new JsonRpcClient(p)) {
      initialize(c, dir);
      p.getOutputStream().close();
      assertTrue(c.waitForExit(10), "the server kept running after its stdin closed");
    }
  }

  @Test
  void theServerEndsWhenItsParentProcessDies() throws Exception {
    Process parent = new ProcessBuilder("sleep", "60").start();
    Process p = start();
    try (JsonRpcClient c = new JsonRpcClient(p)) {
      c.request("initialize", Map.of("processId", parent.pid(), "rootUri", dir.toUri().toString(),
          "capabilities", Map.of()));
      c.notify("initialized", Map.of());
      assertFalse(c.waitForExit(1), "the server must keep running while its parent lives");
      parent.destroyForcibly();
      assertTrue(c.waitForExit(15), "the server kept running after its parent process died");
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void badSettingsAreReportedAndDefaultsKept() throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(start())) {
      initialize(c, dir);
      c.notify("workspace/didChangeConfiguration", Map.of("settings", Map.of("ftls", Map.of("target", "banana", "python", "none"))));
      JsonObject msg = c.await(m -> "window/showMessage".equals(JsonRpcClient.str(m, "method")), 10_000);
      assertTrue(msg.getAsJsonObject("params").get("message").getAsString().contains("banana"), msg.toString());
      c.open(uri, "c", Files.readString(file));
      assertEquals(2, c.diagnostics(uri, 1).getAsJsonArray("diagnostics").size());
    }
  }

  private static JsonObject find(JsonArray diags, String code) {
    for (JsonElement d : diags) {
      if (code.equals(d.getAsJsonObject().get("code").getAsString())) {
        return d.getAsJsonObject();
      }
    }
    throw new AssertionError("no " + code + " in " + diags);
  }

  /** Applies LSP text edits (non-overlapping) to a text. */
  static String applyEdits(String text, JsonArray edits) {
    List<int[]> ranges = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    dev.ftls.core.source.LineIndex idx = new dev.ftls.core.source.LineIndex(text);
    for (JsonElement e : edits) {
      JsonObject r = e.getAsJsonObject().getAsJsonObject("range");
      int s = idx.offset(r.getAsJsonObject("start").get("line").getAsInt(), r.getAsJsonObject("start").get("character").getAsInt());
      int en = idx.offset(r.getAsJsonObject("end").get("line").getAsInt(), r.getAsJsonObject("end").get("character").getAsInt());
      ranges.add(new int[] {s, en});
      texts.add(e.getAsJsonObject().get("newText").getAsString());
    }
    StringBuilder sb = new StringBuilder(text);
    for (int i = ranges.size() - 1; i >= 0; i--) {
      int best = 0;
      for (int j = 0; j < ranges.size(); j++) {
        if (ranges.get(j)[0] > ranges.get(best)[0]) {
          best = j;
        }
      }
      sb.replace(ranges.get(best)[0], ranges.get(best)[1], texts.get(best));
      ranges.get(best)[0] = -1;
    }
    return sb.toString();
  }

  @SuppressWarnings("unused")
  private static JsonObject parse(String s) {
    return JsonParser.parseString(s).getAsJsonObject();
  }
}
