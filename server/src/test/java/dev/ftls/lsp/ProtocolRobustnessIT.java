package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over real stdio against what a broken or hostile client sends (issue 10, defect 9):
 * it follows the protocol's lifecycle and error codes, never takes a bad change into a document,
 * never goes deaf on a bad frame, shows bad settings and files it could not analyze, and keeps
 * answering throughout.
 */
class ProtocolRobustnessIT {
  @TempDir Path dir;

  private JsonRpcClient start() throws Exception {
    return new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")));
  }

  /** spam.c of the demo workspace, copied into the temp folder; returns its uri. */
  private String spam() throws Exception {
    Path file = dir.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    return file.toUri().toString();
  }

  /** A server, initialized, with spam.c open and analyzed (version 1). */
  private JsonRpcClient startWithSpamOpen(String uri) throws Exception {
    JsonRpcClient c = start();
    c.initialize(dir, Map.of("python", "none"));
    c.open(uri, "c", spamText());
    c.diagnostics(uri, 1);
    return c;
  }

  private String spamText() throws Exception {
    return Files.readString(dir.resolve("spam.c"));
  }

  /** A hover on PyList_GetItem in spam.c (line 10): its text, or null when the server had none. */
  private static String hoverOnGetItem(JsonRpcClient c, String uri) throws Exception {
    JsonObject h = c.hover(uri, 9, 25);
    assertTrue(h.has("result"), h.toString());
    return h.get("result").isJsonNull() ? null
        : h.getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString();
  }

  private static JsonObject showMessageAfter(JsonRpcClient c, int mark) throws InterruptedException {
    return c.awaitAfter(mark, m -> "window/showMessage".equals(JsonRpcClient.str(m, "method")), 30_000)
        .getAsJsonObject("params");
  }

  private static int errorCode(JsonObject response) {
    assertTrue(response.has("error"), "an error response: " + response);
    return response.getAsJsonObject("error").get("code").getAsInt();
  }

  private static String hoverRequest(int id, String uri) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\",\"params\":"
        + "{\"textDocument\":{\"uri\":\"" + uri + "\"},\"position\":{\"line\":9,\"character\":25}}}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aDocumentWhoseUriNoPathCanHoldIsServedWithoutAnInternalError() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = startWithSpamOpen(uri)) {
      c.open("\u0000", "c", "int x;\n"); // a URI with a NUL: not a file, no path can name it
      JsonObject actions = c.request("textDocument/codeAction", Map.of(
          "textDocument", Map.of("uri", "\u0000"),
          "range", Map.of("start", JsonRpcClient.pos(0, 0), "end", JsonRpcClient.pos(0, 1)),
          "context", Map.of("diagnostics", List.of(), "only", List.of("quickfix"))));
      assertTrue(actions.has("result"), actions.toString());
      assertTrue(hoverOnGetItem(c, uri) != null, "the server still answers");
    }
  }

  @Test
  void aChangeWithoutTextOrWithARangeOutsideTheDocumentIsRefusedAndTheTextKept() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = startWithSpamOpen(uri)) {
      assertEquals(2, c.diagnostics(uri, 1).getAsJsonArray("diagnostics").size());

      int mark = c.mark();
      c.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 2),
          "contentChanges", List.of(Map.of())));
      JsonObject shown = showMessageAfter(c, mark);
      assertEquals(2, shown.get("type").getAsInt(), shown.toString());
      assertTrue(shown.get("message").getAsString().contains("without text"), shown.toString());
      String kept = hoverOnGetItem(c, uri);
      assertTrue(kept != null && kept.contains("PyList_GetItem"), "the document kept its text: " + kept);

      mark = c.mark();
      c.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 3),
          "contentChanges", List.of(Map.of("range", Map.of("start", JsonRpcClient.pos(9999, 0),
              "end", JsonRpcClient.pos(9999, 3)), "text", "x"))));
      assertTrue(showMessageAfter(c, mark).get("message").getAsString().contains("line 10000"));
      // a change without a uri: ignored, the server goes on
      c.notify("textDocument/didChange", Map.of("textDocument", Map.of("version", 4),
          "contentChanges", List.of(Map.of("text", ""))));
      kept = hoverOnGetItem(c, uri);
      assertTrue(kept != null && kept.contains("PyList_GetItem"), "the document kept its text: " + kept);

      // a good change is taken as always; no analysis was published for the refused versions
      c.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 5),
          "contentChanges", List.of(Map.of("text", spamText()))));
      assertEquals(2, c.diagnostics(uri, 5).getAsJsonArray("diagnostics").size());
      for (int i = 0; i < c.mark(); i++) {
        JsonObject m = c.message(i);
        if ("textDocument/publishDiagnostics".equals(JsonRpcClient.str(m, "method"))) {
          int v = m.getAsJsonObject("params").get("version").getAsInt();
          assertTrue(v == 1 || v == 5, "diagnostics for a refused version: " + m);
        }
      }
    }
  }

  @Test
  void theLifecycleIsEnforcedBeforeInitializeAfterShutdownAndOnASecondInitialize() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = start()) {
      assertEquals(-32002, errorCode(c.hover(uri, 9, 25)), "a request before initialize");
      c.open(uri, "c", spamText()); // a notification before initialize: dropped
      JsonObject init = c.initialize(dir, Map.of("python", "none"));
      assertTrue(init.has("result"), init.toString());
      assertEquals(null, hoverOnGetItem(c, uri), "the didOpen sent before initialize was dropped");

      JsonObject again = c.request("initialize", Map.of("processId", ProcessHandle.current().pid(),
          "rootUri", dir.toUri().toString(), "capabilities", Map.of()));
      assertEquals(-32600, errorCode(again), "a second initialize");

      c.open(uri, "c", spamText());
      c.diagnostics(uri, 1);
      assertTrue(c.request("shutdown", null).has("result"));
      assertEquals(-32600, errorCode(c.hover(uri, 9, 25)), "a request after shutdown");
      assertEquals(-32600, errorCode(c.request("shutdown", null)), "a second shutdown");
      c.notify("exit", null);
      assertTrue(c.waitForExit(10), "exit after shutdown ends the server");
    }
  }

  @Test
  void invalidMessagesGetJsonRpcErrorsAndTheServerAnswersTheNextRequest() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = startWithSpamOpen(uri)) {

      c.sendRaw(JsonRpcClient.frame("{\"jsonrpc\":\"2.0\",\"id\":4242}"));
      assertEquals(-32600, errorCode(c.response(4242)), "a message with only an id");

      int mark = c.mark();
      c.sendRaw(JsonRpcClient.frame("{not json}!"));
      JsonObject parseError = c.awaitAfter(mark, m -> m.has("error") && m.get("id").isJsonNull(), 30_000);
      assertEquals(-32700, errorCode(parseError), parseError.toString());

      mark = c.mark();
      c.sendRaw(JsonRpcClient.frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"te"));
      parseError = c.awaitAfter(mark, m -> m.has("error") && m.get("id").isJsonNull(), 30_000);
      assertEquals(-32700, errorCode(parseError), "a notification cut short: " + parseError);

      mark = c.mark();
      c.sendRaw(JsonRpcClient.frame("[1,2]"));
      JsonObject invalid = c.awaitAfter(mark, m -> m.has("error") && m.get("id").isJsonNull(), 30_000);
      assertEquals(-32600, errorCode(invalid), "JSON that is no message: " + invalid);

      String hv = hoverOnGetItem(c, uri);
      assertTrue(hv != null && hv.contains("PyList_GetItem"), "the server still answers: " + hv);
    }
  }

  /** The code of the next error with id null after sending raw bytes. */
  private static int nullIdErrorAfter(JsonRpcClient c, byte[] raw) throws Exception {
    int mark = c.mark();
    c.sendRaw(raw);
    return errorCode(c.awaitAfter(mark, m -> m.has("error") && m.get("id").isJsonNull(), 30_000));
  }

  @Test
  void bodiesThatAreNotJsonGetAParseErrorWithIdNull() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = startWithSpamOpen(uri)) {
      String request = hoverRequest(c.takeId(), uri);
      int half = request.length() / 2;
      Map<String, byte[]> notJson = new java.util.LinkedHashMap<>();
      notJson.put("an empty body", bytes("Content-Length: 0\r\n\r\n"));
      notJson.put("a body of one space", JsonRpcClient.frame(" "));
      byte[] notUtf8 = bytes("Content-Length: 4\r\n\r\n\"??\"");
      notUtf8[notUtf8.length - 3] = (byte) 0xff;
      notUtf8[notUtf8.length - 2] = (byte) 0xfe;
      notJson.put("a string that is not UTF-8", notUtf8);
      notJson.put("garbage after a message, inside the announced length",
          JsonRpcClient.frame("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}garbage"));
      notJson.put("a request cut short (length-short)",
          bytes("Content-Length: " + half + "\r\n\r\n" + request + "\r\n\r\n"));
      notJson.put("a request padded with spaces (truncated-body)", bytes("Content-Length: " + request.length()
          + "\r\n\r\n" + request.substring(0, half) + " ".repeat(request.length() - half)));
      for (Map.Entry<String, byte[]> e : notJson.entrySet()) {
        assertEquals(-32700, nullIdErrorAfter(c, e.getValue()), e.getKey());
      }
      String hv = hoverOnGetItem(c, uri);
      assertTrue(hv != null && hv.contains("PyList_GetItem"), "the server still answers: " + hv);
    }
  }

  @Test
  void jsonThatIsNoRequestGetsInvalidRequestAndBadParamsGetInvalidParams() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = startWithSpamOpen(uri)) {
      String hover = "\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + uri + "\"},"
          + "\"position\":{\"line\":9,\"character\":25}}}";
      // no usable id: -32600 with id null
      for (String body : List.of("null", "{}", "{\"jsonrpc\":\"2.0\",\"id\":true," + hover,
          "{\"jsonrpc\":\"2.0\",\"id\":2147483648," + hover, "{\"jsonrpc\":\"2.0\",\"id\":1.5," + hover)) {
        assertEquals(-32600, nullIdErrorAfter(c, JsonRpcClient.frame(body)), body);
      }
      // a usable id: the answer names it
      Map<String, Integer> due = new java.util.LinkedHashMap<>();
      due.put("\"method\":5}", -32600);
      due.put("\"method\":\"textDocument/hover\",\"params\":" + "{\"a\":".repeat(50_000) + "1"
          + "}".repeat(50_000) + "}", -32600);
      due.put("\"method\":\"textDocument/hover\",\"params\":\"x\"}", -32602);
      due.put("\"method\":\"textDocument/codeAction\",\"params\":3}", -32602);
      due.put("\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
          + "\"},\"position\":{\"line\":true,\"character\":24}}}", -32602);
      due.put("\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":1.5,\"range\":"
          + "{\"start\":{\"line\":5,\"character\":22},\"end\":{\"line\":5,\"character\":36}},"
          + "\"context\":{\"diagnostics\":[]}}}", -32602);
      due.put("\"method\":\"textDocument/hover\",\"params\":{}}", -32602);
      due.put("\"method\":\"textDocument/hover\",\"params\":null}", -32602);
      due.put("\"method\":\"textDocument/codeAction\"}", -32602);
      due.put("\"method\":\"textDocument/definition\",\"params\":{}}", -32601);
      due.put("\"method\":\"workspace/executeCommand\",\"params\":{}}", -32602);   // served (ftls.showSettings): no command
      due.put("\"method\":\"$/unknown\",\"params\":{}}", -32601);
      for (Map.Entry<String, Integer> d : due.entrySet()) {
        int id = c.takeId();
        c.sendRaw(JsonRpcClient.frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + "," + d.getKey()));
        JsonObject answer = c.response(id);
        assertEquals((int) d.getValue(), errorCode(answer), answer.toString());
      }
      JsonObject missing = c.request("textDocument/hover", Map.of("position", JsonRpcClient.pos(9, 25)));
      assertTrue(missing.getAsJsonObject("error").get("message").getAsString().contains("textDocument"),
          "the answer names the missing param: " + missing);
      String hv = hoverOnGetItem(c, uri);
      assertTrue(hv != null && hv.contains("PyList_GetItem"), "the server still answers: " + hv);
    }
  }

  @Test
  void initializeWithTheServersOwnPidOrADeadPidSucceedsAndTheServerStays() throws Exception {
    try (JsonRpcClient c = start()) {
      JsonObject init = c.request("initialize", Map.of("processId", c.pid(), "rootUri", dir.toUri().toString(),
          "capabilities", Map.of()));
      assertTrue(init.has("result"), "initialize with the server's own pid: " + init);
      c.notify("initialized", Map.of());
      assertFalse(c.waitForExit(2), "the server must not end on its own pid");
      assertTrue(c.request("shutdown", null).has("result"));
    }
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    try (JsonRpcClient c = start()) {
      JsonObject init = c.request("initialize", Map.of("processId", gone.pid(), "rootUri", dir.toUri().toString(),
          "capabilities", Map.of()));
      assertTrue(init.has("result"), "initialize with a pid that is not running: " + init);
      assertTrue(c.request("shutdown", null).has("result"));
    }
    assertTrue(Files.readString(dir.resolve("server.log")).contains("is not running"));
  }

  @Test
  void oversizedAndBrokenFramesAreRefusedAndReadingResumesAtTheNextHeader() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = startWithSpamOpen(uri)) {
      String junk = hoverRequest(0, uri);
      Map<String, byte[]> damaged = new java.util.LinkedHashMap<>();
      damaged.put("a frame of a billion bytes", bytes("Content-Length: 1000000000\r\n\r\n"));
      damaged.put("a Content-Length that is no number", bytes("Content-Length: lots\r\n\r\n" + junk));
      damaged.put("a negative Content-Length", bytes("Content-Length: -7\r\n\r\n" + junk));
      damaged.put("no Content-Length", bytes("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + junk));
      damaged.put("a body shorter than announced", bytes("Content-Length: " + (junk.length() + 50) + "\r\n\r\n" + junk));
      damaged.put("a body cut inside a string",
          bytes("Content-Length: " + junk.length() + "\r\n\r\n" + junk.substring(0, 40)));
      damaged.put("a header line longer than any header", bytes("x".repeat(20_000)));
      for (Map.Entry<String, byte[]> d : damaged.entrySet()) {
        int id = c.takeId();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(d.getValue());
        both.write(JsonRpcClient.frame(hoverRequest(id, uri)));
        c.sendRaw(both.toByteArray());
        JsonObject answer = c.response(id);
        assertTrue(answer.has("result") && !answer.get("result").isJsonNull(), d.getKey() + ": " + answer);
      }
      // a header line without a colon is ignored; the frame around it is read
      int id = c.takeId();
      String request = hoverRequest(id, uri);
      c.sendRaw(bytes("Content-Length: " + bytes(request).length + "\r\nno colon here\r\n\r\n" + request));
      assertTrue(c.response(id).has("result"));
    }
    String log = Files.readString(dir.resolve("server.log"));
    assertTrue(log.contains("refused a frame of 1000000000 bytes"), log);
    assertTrue(log.contains("not a number") && log.contains("negative") && log.contains("without a Content-Length")
        && log.contains("shorter than its Content-Length") && log.contains("without a colon"), log);
  }

  @Test
  void wronglyTypedSettingsNeverFailInitializeAndAreShownOnEveryPath() throws Exception {
    String uri = spam();
    Map<String, Object> objectDefines = Map.of("python", "none", "defines", Map.of("A", Map.of("x", 1)));
    try (JsonRpcClient c = start()) {
      JsonObject init = c.request("initialize", Map.of("processId", ProcessHandle.current().pid(),
          "rootUri", dir.toUri().toString(), "capabilities", Map.of(), "initializationOptions", objectDefines));
      assertTrue(init.has("result"), "initialize with an object defines: " + init);
      assertEquals(2, showMessageAfter(c, 0).get("type").getAsInt());
    }
    try (JsonRpcClient c = start()) {
      c.answerConfigurationWith(JsonParser.parseString("{\"python\":\"none\",\"defines\":{\"B\":{\"y\":2}}}"));
      JsonObject init = c.request("initialize", Map.of("processId", ProcessHandle.current().pid(),
          "rootUri", dir.toUri().toString(), "capabilities", Map.of("workspace", Map.of("configuration", true)),
          "initializationOptions", Map.of("python", "none")));
      assertTrue(init.has("result"), init.toString());
      int mark = c.mark();
      c.notify("initialized", Map.of());
      c.await(m -> "workspace/configuration".equals(JsonRpcClient.str(m, "method")), 30_000);
      assertEquals(2, showMessageAfter(c, mark).get("type").getAsInt(), "pulled settings with an object defines");

      mark = c.mark();
      c.notify("workspace/didChangeConfiguration", Map.of("settings", Map.of("ftls",
          Map.of("python", "none", "defines", List.of(List.of("C"))))));
      assertTrue(showMessageAfter(c, mark).get("message").getAsString().contains("defines"));

      mark = c.mark();
      c.notify("workspace/didChangeConfiguration", Map.of("settings", Map.of("ftls",
          Map.of("python", "none", "includePaths", List.of("in\u0000cludes")))));
      c.open(uri, "c", spamText());
      JsonArray diags = c.diagnostics(uri, 1).getAsJsonArray("diagnostics");
      assertTrue(diags.toString().contains("FT001"), "the document is analyzed: " + diags);
      assertEquals(2, showMessageAfter(c, mark).get("type").getAsInt(), "the NUL in includePaths is shown");
    }
  }

  @Test
  void aPulledConfigurationEqualToInitializeAnalyzesNothingAgain() throws Exception {
    String uri = spam();
    try (JsonRpcClient c = start()) {
      // the editor answers the pull with what it sent in initialize (VS Code does)
      c.answerConfigurationWith(JsonParser.parseString("{\"target\":\"3.14t\",\"python\":\"none\"}"));
      JsonObject init = c.request("initialize", Map.of("processId", ProcessHandle.current().pid(),
          "rootUri", dir.toUri().toString(), "capabilities", Map.of("workspace", Map.of("configuration", true)),
          "initializationOptions", Map.of("python", "none", "target", "3.14t")));
      assertTrue(init.has("result"), init.toString());
      c.open(uri, "c", spamText());
      assertTrue(c.diagnostics(uri, 1).toString().contains("FT001"));
      int mark = c.mark();
      c.notify("initialized", Map.of());
      c.awaitAfter(mark, m -> "window/logMessage".equals(JsonRpcClient.str(m, "method"))
          && m.getAsJsonObject("params").get("message").getAsString().contains("nothing to analyze again"), 30_000);
      c.notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", 2),
          "contentChanges", List.of(Map.of("text", spamText()))));
      c.diagnostics(uri, 2);
      int published = 0;
      for (int i = 0; i < c.mark(); i++) {
        JsonObject m = c.message(i);
        if ("textDocument/publishDiagnostics".equals(JsonRpcClient.str(m, "method"))
            && m.getAsJsonObject("params").has("version") && m.getAsJsonObject("params").get("version").getAsInt() == 1) {
          published++;
        }
      }
      assertEquals(1, published, "version 1 was analyzed and published once");
    }
  }

  @Test
  void filesNotAnalyzedOrSkippedAreShownAtTheirStartAndOfferNoFixes() throws Exception {
    Path binary = dir.resolve("blob.c");
    Files.writeString(binary, "#include <Python.h>\nint x\u0000;\n");
    Path vendored = dir.resolve("pythoncapi_compat.h");
    Files.writeString(vendored, "#include <Python.h>\nstatic PyObject *f(PyObject *l) { return PyList_GetItem(l, 0); }\n");
    try (JsonRpcClient c = start()) {
      c.initialize(dir, Map.of("python", "none", "suppressionFixes", true));
      String b = binary.toUri().toString();
      c.open(b, "c", Files.readString(binary));
      JsonObject d = onlyDiagnostic(c.diagnostics(b, 1));
      assertEquals("not-analyzed", d.get("code").getAsString());
      assertEquals("ftls", d.get("source").getAsString());
      assertEquals(2, d.get("severity").getAsInt());
      assertEquals(0, d.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
      assertTrue(d.get("message").getAsString().contains("binary"), d.toString());
      JsonArray actions = c.request("textDocument/codeAction", Map.of("textDocument", Map.of("uri", b),
          "range", d.get("range"), "context", Map.of("diagnostics", List.of(d)))).getAsJsonArray("result");
      assertEquals(0, actions.size(), "no fix and no suppression for a not-analyzed file: " + actions);

      String v = vendored.toUri().toString();
      c.open(v, "c", Files.readString(vendored));
      JsonObject s = onlyDiagnostic(c.diagnostics(v, 1));
      assertEquals("skipped", s.get("code").getAsString());
      assertEquals(3, s.get("severity").getAsInt());
    }
  }

  private static JsonObject onlyDiagnostic(JsonObject published) {
    JsonArray diags = published.getAsJsonArray("diagnostics");
    assertEquals(1, diags.size(), diags.toString());
    JsonElement d = diags.get(0);
    return d.getAsJsonObject();
  }
}
