package dev.ftls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side-by-side benchmark's driver ({@code scripts/bench_compare.py}, run by
 * {@code scripts/bench-compare.sh}, README "Speed") against ftls alone on a tiny tree with a
 * compile_commands.json, so that the driver cannot rot between the runs that compare it with
 * clangd and clang-tidy. It asserts what the driver measured exists, never how fast it was.
 */
class BenchCompareIT {
  private static final String RESULT = "BENCH-RESULT ";

  @TempDir Path dir;

  @Test
  void theDriverMeasuresAnEditorSessionAndTheTreeAgainstFtlsAlone() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("shared.c"), """
        #include <Python.h>

        static PyObject *registry;

        static PyObject *
        first(PyObject *self, PyObject *args)
        {
            PyObject *item = PyList_GetItem(registry, 0);
            Py_XINCREF(item);
            return item;
        }
        """, StandardCharsets.UTF_8);
    Files.writeString(tree.resolve("plain.c"), "int plain(int x)\n{\n    return x + 1;\n}\n", StandardCharsets.UTF_8);
    JsonArray database = new JsonArray();
    for (String name : List.of("shared.c", "plain.c")) {
      JsonObject entry = new JsonObject();
      entry.addProperty("directory", tree.toString());
      entry.addProperty("file", tree.resolve(name).toString());
      entry.addProperty("command", "cc -c " + name);
      database.add(entry);
    }
    Files.writeString(tree.resolve("compile_commands.json"), database.toString(), StandardCharsets.UTF_8);

    ScriptRun run = ScriptRun.python(dir, "bench_compare.py", Map.of("FTLS_CACHE_DIR", dir.resolve("cache").toString()),
        10, "--tree", tree.toString(), "--files", "shared.c", "--sessions", "1", "--tree-counts", "1,all", "--ftls-only",
        "--synthetic", "300", "--base-jar", System.getProperty("ftls.jar"));
    String out = run.output();
    assertEquals(0, run.exit(), out);
    JsonObject result = JsonParser.parseString(run.lastLine(RESULT)).getAsJsonObject();

    JsonArray sessions = result.getAsJsonObject("editor").getAsJsonArray("ftls shared.c");
    assertEquals(1, sessions.size(), out);
    JsonObject session = sessions.get(0).getAsJsonObject();
    for (String key : List.of("open_ms", "edit_ms", "edit_ms_first", "hover_ms", "spawn_to_diagnostics_ms",
        "spawn_to_diagnostics_cpu_s", "rss_mib", "hwm_mib")) {
      assertTrue(session.get(key).getAsDouble() > 0, key + " was measured:\n" + out);
    }
    assertTrue(session.get("cpu_per_edit_ms").getAsDouble() >= 0, out);
    assertTrue(session.get("findings").getAsInt() >= 1, "the borrowed item of a shared list is reported:\n" + out);
    assertTrue(out.contains("| shared.c | 11 | "), "the editor table names the file and its lines:\n" + out);
    // the generated worst case is a row of its own, with a finding in most of its functions
    JsonObject synthetic = result.getAsJsonObject("editor").getAsJsonArray("ftls synthetic.c").get(0).getAsJsonObject();
    assertTrue(synthetic.get("findings").getAsInt() >= 10, "the synthetic file has many findings:\n" + out);
    assertTrue(synthetic.get("cpu_per_edit_ms").getAsDouble() >= 0, out);
    assertTrue(out.contains("ftls, synthetic.c / shared.c: open "), "the worst case against the real file:\n" + out);
    // another build of ftls in the same sessions, compared with this one
    assertEquals(1, result.getAsJsonObject("editor").getAsJsonArray("ftls-base shared.c").size(), out);
    assertTrue(out.contains("(ftls / ftls-base = ratio"), out);

    Set<String> runs = new TreeSet<>();
    for (JsonElement e : result.getAsJsonArray("tree")) {
      JsonObject row = e.getAsJsonObject();
      runs.add(row.get("tool").getAsString() + " " + row.get("files").getAsInt());
      assertTrue(row.get("cpu_s").getAsDouble() > 0, out);
      assertTrue(row.get("wall_s").getAsDouble() > 0, out);
      assertTrue(row.get("peak_rss_mib").getAsDouble() > 0, out);
      assertTrue(Set.of(0, 1).contains(row.get("exit").getAsInt()), "ftls check ran to its end:\n" + out);
    }
    assertTrue(runs.containsAll(Set.of("ftls check 1", "ftls check 2")), runs + "\n" + out);
    assertTrue(runs.stream().noneMatch(r -> r.startsWith("clang")), "--ftls-only runs no clang tool:\n" + out);
    assertTrue(out.contains("| ftls check: fit | "), "the linear fit of CPU per file is printed:\n" + out);
  }
}
