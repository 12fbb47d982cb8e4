package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code #include "/dev/stdin"} names the process's own input: {@code check} must not wait on it
 * (CI runners give a pipe that never closes) and {@code serve} must not swallow its JSON-RPC
 * input with it. The real jar, as a process, with stdin a pipe the test keeps open.
 */
class StdinIncludeIT {
  @TempDir Path dir;

  @Test
  void checkDoesNotReadItsOwnStdin() throws Exception {
    Path file = dir.resolve("stdin.c");
    Files.writeString(file, "#include <Python.h>\n#include \"/dev/stdin\"\nint x;\n");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-jar", System.getProperty("ftls.jar"), "check", "--python", "none",
        "--format", "json", file.toString())
        .redirectError(dir.resolve("check.log").toFile())
        .redirectOutput(dir.resolve("check.json").toFile())
        .start();
    try (OutputStream stdin = p.getOutputStream()) { // open, never written, closed only after the check
      stdin.write("int never_read;\n".getBytes(StandardCharsets.US_ASCII));
      stdin.flush();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "check finished while its stdin stayed open");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("check.log")));
  }

  @Test
  void serveKeepsAnsweringAfterADocumentIncludesStdin() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    String uri = ws.resolve("stdin.c").toUri().toString();
    String other = ws.resolve("other.c").toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")))) {
      c.initialize(ws, Map.of("python", "none"));
      c.open(uri, "c", "#include <Python.h>\n#include \"/dev/stdin\"\nint x;\n");
      c.diagnostics(uri, 1);
      c.open(other, "c", "#include <Python.h>\nstatic PyObject *shared;\n"
          + "static PyObject *f(PyObject *s, PyObject *a) { return PyList_GetItem(shared, 0); }\n");
      assertEquals(1, c.diagnostics(other, 1).getAsJsonArray("diagnostics").size(), "the next document is analyzed");
      JsonObject shutdown = c.request("shutdown", null);
      assertTrue(shutdown.has("result"), shutdown.toString());
    }
  }
}
