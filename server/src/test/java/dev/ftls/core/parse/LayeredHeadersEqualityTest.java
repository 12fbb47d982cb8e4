package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import dev.ftls.fixtures.FixedGoldensCompileTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Python's real headers (the system's 3.11, and 3.13 and 3.14 from scripts/python-headers.sh,
 * each also free-threaded), the cheaper harvest (a shared layer read once, then each file's rest
 * after it with the layer's guarded headers served empty, and the layer read back from disk) gives
 * every fact of one plain read of the whole skeleton: the macros, the names declared, the
 * includes not read, the headers read, Python.h found, the build features assumed.
 */
class LayeredHeadersEqualityTest {
  private static final String SYSTEM_311 = "/usr/include/python3.11";

  /** Beginnings and include sets as extension files have them. */
  private static final List<String> SKELETONS = List.of(
      "#include <Python.h>\n#include <structmember.h>\n",
      "#define PY_SSIZE_T_CLEAN\n#include \"Python.h\"\n#include <stdio.h>\n#include <pythread.h>\n",
      "#ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif\n#include \"Python.h\"\n"
          + "#include \"pycore_pystate.h\"\n#include <stddef.h>\n",
      "#define Py_LIMITED_API 0x03080000\n#include <Python.h>\n#include <string.h>\n",
      "#include <Python.h>\n#ifdef HAVE_FANCY_THING\n#include <pthread.h>\n#endif\n#include <datetime.h>\n",
      "#include <Python.h>\n#undef Py_PYTHON_H\n#include <Python.h>\n#include <frameobject.h>\n");

  @TempDir Path dir;

  private List<Map.Entry<String, List<String>>> configurations() {
    List<Map.Entry<String, List<String>>> out = new ArrayList<>();
    out.add(Map.entry("3.11", List.of(SYSTEM_311, SYSTEM_311 + "/internal")));
    Map<String, List<Path>> fetched = FixedGoldensCompileTest.headers();
    for (String v : List.of("3.13", "3.14")) {
      List<String> folders = new ArrayList<>();
      for (Path p : fetched.get(v)) {
        folders.add(p.toString());
        folders.add(p.resolve("internal").toString());
      }
      out.add(Map.entry(v, folders));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> theCheaperHarvestGivesTheFactsOfOneRead() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, List<String>> config : configurations()) {
      for (String target : List.of(config.getKey(), config.getKey() + "t")) {
        tests.add(DynamicTest.dynamicTest(target, () -> compare(config.getValue(), Target.parse(target))));
      }
    }
    return tests.stream();
  }

  private void compare(List<String> includeDirs, Target target) throws IOException {
    assertTrue(Files.isRegularFile(Path.of(includeDirs.get(0), "Python.h")), includeDirs.toString());
    CompileFlags flags = new CompileFlags();
    flags.includePaths.addAll(includeDirs);
    Path cache = Files.createDirectories(dir.resolve("cache-" + target));
    CParser layered = new CParser(true, true);
    layered.useHeaderCache(cache);
    for (int i = 0; i < SKELETONS.size(); i++) { // files 0, 4 and 5 share a layer
      SourceText src = new SourceText(dir.resolve("f" + i + ".c"), SKELETONS.get(i) + "int x" + i + ";\n");
      Preamble one = new CParser(true, false).preamble(src, flags, target);
      assertSame(one, layered.preamble(src, flags, target), target + " " + SKELETONS.get(i));
      CParser fromDisk = new CParser(true, true); // a later run: the layers from disk
      fromDisk.useHeaderCache(cache);
      assertSame(one, fromDisk.preamble(src, flags, target), "from disk: " + target + " " + SKELETONS.get(i));
    }
  }

  private static void assertSame(Preamble expected, Preamble actual, String what) {
    assertTrue(expected.pythonHeaderFound, what);
    assertTrue(expected.macros.size() > 500 && expected.declared.size() > 200, what);
    if (!expected.macros.equals(actual.macros)) { // a map: the preamble keeps no order
      Map<String, String> missing = new java.util.TreeMap<>(expected.macros);
      missing.entrySet().removeAll(actual.macros.entrySet());
      Map<String, String> extra = new java.util.TreeMap<>(actual.macros);
      extra.entrySet().removeAll(expected.macros.entrySet());
      assertEquals(expected.macros, actual.macros, what + ": missing " + missing + ", extra " + extra);
    }
    assertEquals(expected.declared, actual.declared, what);
    assertEquals(expected.skipped, actual.skipped, what);
    assertEquals(new HashSet<>(expected.headers), new HashSet<>(actual.headers), what);
    assertEquals(expected.pythonHeaderFound, actual.pythonHeaderFound, what);
    assertEquals(expected.assumed, actual.assumed, what);
  }
}
