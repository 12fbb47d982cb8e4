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
    // the other build checks the same files in turn
    assertTrue(runs.containsAll(Set.of("ftls-base check 1", "ftls-base check 2")), runs + "\n" + out);
    assertTrue(out.contains("ratios at 2 files, ftls check / ftls-base check: CPU "), out);
    // each build's check again on the cache folder its first check of the same files left
    assertTrue(runs.containsAll(Set.of("ftls check again 1", "ftls check again 2", "ftls-base check again 1",
        "ftls-base check again 2")), runs + "\n" + out);
    Map<String, String> firstCache = new java.util.HashMap<>();
    for (JsonElement e : result.getAsJsonArray("tree")) {
      JsonObject row = e.getAsJsonObject();
      String tool = row.get("tool").getAsString();
      String key = tool.replace(" again", "") + " " + row.get("files").getAsInt();
      String folder = row.get("cache").getAsString();
      if (tool.endsWith(" again")) {
        assertEquals(firstCache.get(key), folder, "run again on the folder of " + key + ":\n" + out);
      } else {
        assertTrue(firstCache.values().stream().noneMatch(folder::equals), "a first run gets a new folder:\n" + out);
        firstCache.put(key, folder);
      }
    }
    assertTrue(out.contains("ratios at 2 files, ftls check again / ftls-base check again: CPU "), out);
    assertTrue(runs.stream().noneMatch(r -> r.startsWith("clang")), "--ftls-only runs no clang tool:\n" + out);
    assertTrue(out.contains("| ftls check: fit | "), "the linear fit of CPU per file is printed:\n" + out);
  }

  /**
   * The scale mode's parts ({@code bench-compare.sh --scale}): the compile database of CPython
   * source trees ({@code scripts/cpython_database.py}) on a miniature of CPython's layout, then the
   * tree alone at growing sizes with the default {@code --jobs} only and each check's GC log read.
   */
  @Test
  void theScaleModeMeasuresCpythonTreesAtGrowingSizesWithTheirGcLogs() throws Exception {
    Path pyconfig = Files.createDirectories(dir.resolve("pyconfig"));
    Files.writeString(pyconfig.resolve("pyconfig.h"), "#define HAVE_UNISTD_H 1\n", StandardCharsets.UTF_8);
    Path cpython = dir.resolve("Python-3.x");
    String python = """
        #include "pyconfig.h"
        typedef struct _object { long ob_refcnt; } PyObject;
        PyObject *PyList_GetItem(PyObject *list, long i);
        """;
    Files.createDirectories(cpython.resolve("Include/internal"));
    Files.writeString(cpython.resolve("Include/Python.h"), python, StandardCharsets.UTF_8);
    List<String> sources = List.of("Objects/listobject.c", "Python/ceval.c", "Parser/parser.c", "Modules/_io/fileio.c",
        "Modules/_decimal/libmpdec/mpdecimal.c", "Modules/spammodule.c");
    for (String name : sources) {
      Path f = cpython.resolve(name);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "#include \"Python.h\"\nint f_" + f.getFileName().toString().replace(".c", "")
          + "(int x)\n{\n    return x + 1;\n}\n", StandardCharsets.UTF_8);
    }
    Files.createDirectories(cpython.resolve("Lib"));
    Files.writeString(cpython.resolve("Lib/notbuilt.c"), "int lib;\n", StandardCharsets.UTF_8);
    Path tree = Files.createDirectories(dir.resolve("scale"));
    Path database = tree.resolve("compile_commands.json");
    Process writer = new ProcessBuilder("python3",
        Path.of(System.getProperty("ftls.repoRoot"), "scripts", "cpython_database.py").toString(), database.toString(),
        "--core", cpython.toString(), pyconfig.toString()).redirectErrorStream(true).start();
    String written = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, writer.waitFor(), written);
    assertTrue(written.contains("compile_commands.json: 6 files"), "Objects/, Python/, Parser/, Modules/ at any depth, not Lib/:\n" + written);
    Set<String> coreFlags = new TreeSet<>();
    for (JsonElement e : JsonParser.parseString(Files.readString(database)).getAsJsonArray()) {
      JsonObject entry = e.getAsJsonObject();
      String file = entry.get("file").getAsString();
      List<String> args = new java.util.ArrayList<>();
      entry.getAsJsonArray("arguments").forEach(a -> args.add(a.getAsString()));
      assertTrue(args.contains("-I" + pyconfig), "the given pyconfig.h folder: " + args);
      assertTrue(args.contains("-I" + cpython.resolve("Include")), args.toString());
      assertEquals(file.contains("/Modules/"), args.contains("-DPy_BUILD_CORE_MODULE"), file + " " + args);
      assertEquals(file.contains("/_decimal/"), args.contains("-DCONFIG_64=1"), file + " " + args);
      if (!file.contains("/Modules/")) {
        coreFlags.add(String.valueOf(args.contains("-DPy_BUILD_CORE")));
      }
    }
    assertEquals(Set.of("true"), coreFlags, "the interpreter's own files are built as the core");

    ScriptRun run = ScriptRun.python(dir, "bench_compare.py", Map.of("FTLS_CACHE_DIR", dir.resolve("cache").toString()),
        10, "--tree", tree.toString(), "--no-editor", "--no-jobs-1", "--no-again", "--gc-log", "--tree-counts", "2,4,all",
        "--ftls-only");
    String out = run.output();
    assertEquals(0, run.exit(), out);
    JsonObject result = JsonParser.parseString(run.lastLine(RESULT)).getAsJsonObject();
    assertEquals(0, result.getAsJsonObject("editor").size(), "--no-editor runs no session:\n" + out);
    Set<String> runs = new TreeSet<>();
    for (JsonElement e : result.getAsJsonArray("tree")) {
      JsonObject row = e.getAsJsonObject();
      runs.add(row.get("tool").getAsString() + " " + row.get("files").getAsInt());
      // every check's GC log was read: at least the heap's maximum (the launcher's -Xmx400m)
      assertEquals(400, row.get("heap_max_mib").getAsDouble(), 1, out);
      assertTrue(row.get("gc_count").getAsInt() >= 0, out);
      assertTrue(row.get("gc_s").getAsDouble() >= 0, out);
      assertTrue(row.get("gc_cpu_s").getAsDouble() >= 0, out);
    }
    assertEquals(Set.of("ftls check 2", "ftls check 4", "ftls check 6"), runs,
        "--no-jobs-1 --no-again: the default --jobs only, first runs only\n" + out);
    assertTrue(out.contains("| ftls check | 4 | "), out);
    assertTrue(out.contains("| CPU per added file (s) | GC CPU (s) |"), "the table has the added file's CPU and the GC's:\n" + out);
    assertTrue(out.contains("| ftls check: fit | "), out);
  }
}
