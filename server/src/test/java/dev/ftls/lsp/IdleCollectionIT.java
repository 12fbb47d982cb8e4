package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server, started by the launcher with the settings every editor gets, gives the heap a large
 * file's analysis grew back once it is idle (README "Start-up"): over real stdio, with the idle
 * period shortened.
 */
class IdleCollectionIT {
  @TempDir Path dir;

  private static final Pattern COLLECTED = Pattern.compile(
      "idle for 1500 ms: a full collection; heap committed (\\d+) MiB before, (\\d+) MiB after, (\\d+) MiB in use");

  /** A C file of many small functions that call the C API: enough to make the heap grow. */
  private static String largeFile(int functions) {
    StringBuilder b = new StringBuilder("#include <Python.h>\nstatic PyObject *cache;\n");
    for (int i = 0; i < functions; i++) {
      b.append("static PyObject *\nf").append(i).append("(PyObject *self, PyObject *args)\n{\n")
          .append("    PyObject *item = PyList_GetItem(args, ").append(i % 7).append(");\n")
          .append("    if (item == NULL) {\n        return NULL;\n    }\n")
          .append("    Py_XSETREF(cache, Py_NewRef(item));\n")
          .append("    return PyLong_FromLong(").append(i).append(");\n}\n\n");
    }
    return b.toString();
  }

  @Test
  void anIdleServerGivesTheGrownHeapBack() throws Exception {
    Path file = dir.resolve("large.c");
    Files.writeString(file, largeFile(8000));
    Path cache = Files.createDirectories(dir.resolve("cache"));
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startLauncher(dir.resolve("server.log"),
        Map.of("FTLS_CACHE_DIR", cache.toString(), "FTLS_JAVA_ARGS", "-Dftls.idleCollectMs=1500")))) {
      c.initialize(dir, Map.of("python", "none", "index", false));
      String uri = file.toUri().toString();
      c.open(uri, "c", Files.readString(file));
      c.diagnostics(uri, 1);
      String line = c.await(m -> "window/logMessage".equals(JsonRpcClient.str(m, "method"))
          && m.getAsJsonObject("params").get("message").getAsString().startsWith("idle for"), 60_000)
          .getAsJsonObject("params").get("message").getAsString();
      Matcher m = COLLECTED.matcher(line);
      assertTrue(m.matches(), line);
      long before = Long.parseLong(m.group(1));
      long after = Long.parseLong(m.group(2));
      assertTrue(before >= 64, "the analysis of a large file grew the heap from the launcher's 32 MiB: " + line);
      assertTrue(after * 4 <= before * 3, "the idle collection gave at least a quarter of it back: " + line);
    }
  }
}
