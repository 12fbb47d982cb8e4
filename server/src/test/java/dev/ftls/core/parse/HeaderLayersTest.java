package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preambles read in layers (Python's headers once for the files that begin alike, then each
 * file's own) give exactly the macros of one read of the whole skeleton; what a file defines
 * before Python.h, and a changed header, are never served from another file's layer.
 */
class HeaderLayersTest {
  @TempDir Path root;

  private CompileFlags flags;

  @BeforeEach
  void pythonHeaders() throws IOException {
    Path py = Files.createDirectories(root.resolve("py"));
    Files.writeString(py.resolve("Python.h"), """
        #ifndef Py_PYTHON_H
        #define Py_PYTHON_H
        #include "pyport.h"
        #ifdef MY_MODE
        #define MODE_MACRO 1
        #else
        #define MODE_MACRO 2
        #endif
        #ifdef PY_SSIZE_T_CLEAN
        #define CLEAN_SEEN 1
        #endif
        #if HAVE_FANCY
        #define FANCY_ON 1
        #endif
        #define PY_HDR_VALUE 7
        #define Py_FN(a) ((a) + 1)
        #define Py_GONE 1
        #endif
        """);
    Files.writeString(py.resolve("pyport.h"), """
        #ifndef Py_PYPORT_H
        #define Py_PYPORT_H
        #define PORT_VALUE 3
        #define HAVE_CONFIGURED 1
        #endif
        """);
    Files.writeString(root.resolve("own.h"), """
        #ifndef OWN_H
        #define OWN_H
        #undef Py_GONE
        #define PY_HDR_VALUE 9
        #define Py_FN 5
        #if PORT_VALUE == 3
        #define OWN_SAW_PORT 1
        #endif
        #ifdef OWN_MODE
        #define OWN_MODE_SEEN 1
        #endif
        #endif
        """);
    flags = new CompileFlags();
    flags.includePaths.add(py.toString());
    flags.quoteIncludePaths.add(root.toString());
    flags.defines.put("ALIAS_OF_HDR", "PY_HDR_VALUE");
  }

  private Map<String, String> macros(CParser parser, String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.writeString(file, text);
    return parser.parse(new SourceText(file, text), flags, Target.parse("3.14t")).headerMacros().macros();
  }

  private static final List<String> FILES = List.of(
      "#include <Python.h>\n#include \"own.h\"\nint a;\n",
      "#define MY_MODE\n#include <Python.h>\nint b;\n",
      "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#include \"own.h\"\nint c;\n",
      "#include <Python.h>\n#if HAVE_FANCY\nint fancy;\n#endif\n",
      "#include \"own.h\"\n#include <Python.h>\nint e;\n",
      "#ifdef MY_MODE\n#include <Python.h>\n#endif\nint f;\n",
      // conditionals before Python.h: layered when the headers name nothing they test
      "#ifndef Py_BUILD_CORE_BUILTIN\n#  define OWN_MODE 1\n#endif\n#include <Python.h>\n#include \"own.h\"\nint g;\n",
      "#ifndef PY_HDR_VALUE\n#define OWN_MODE\n#endif\n#include <Python.h>\n#include \"own.h\"\nint h;\n",
      "#if ALIAS_OF_HDR\n#else\n#define OWN_MODE\n#endif\n#include <Python.h>\n#include \"own.h\"\nint i;\n",
      "#if defined(MY_MODE) || 1\n#define MY_MODE\n#endif\n#include <Python.h>\nint j;\n",
      // read as what they do (HeaderLayers.effect)
      "#ifndef MY_MODE\n#define PY_SSIZE_T_CLEAN\n#endif\n#include <Python.h>\n#include \"own.h\"\nint m;\n",
      "#define MY_MODE 1\n#undef MY_MODE\n#define ALIAS_OF_HDR PY_HDR_VALUE\n#include <Python.h>\nint n;\n",
      "#if defined(MY_MODE) && !defined ALIAS_OF_HDR\n#define X 1\n#elif 1\n#define OWN_MODE\n#endif\n#include <Python.h>\n"
          + "#include \"own.h\"\nint p;\n",
      // spelled otherwise, read as "#include <Python.h>"
      "#include \"Python.h\"\n#include \"own.h\"\nint k;\n",
      "#  include<Python.h>\nint l;\n");

  @Test
  void layeredMacrosAreThoseOfOneRead() throws IOException {
    CParser layered = new CParser(true, true);
    for (int round = 0; round < 2; round++) { // the second round reads the layers from the cache
      for (int i = 0; i < FILES.size(); i++) {
        String name = "f" + i + ".c";
        assertEquals(macros(new CParser(true, false), name, FILES.get(i)), macros(layered, name, FILES.get(i)), FILES.get(i));
      }
    }
  }

  @Test
  void featuresTheHeadersDefinedBeforeAreNotAssumedInAFilesFirstRead() throws IOException {
    CParser parser = new CParser(true, true);
    String tests = "#include <Python.h>\n#if HAVE_CONFIGURED\nint b;\n#endif\n#ifdef HAVE_LIBFOO\nint c;\n#endif\n";
    macros(parser, "a.c", "#include <Python.h>\nint a;\n");
    int before = parser.headerReads();
    Path file = root.resolve("b.c");
    Files.writeString(file, tests);
    ParsedFile b = parser.parse(new SourceText(file, tests), flags, Target.parse("3.14t"));
    // HAVE_CONFIGURED, which pyport.h defines, is not assumed in the first read, so the rest is read
    // once (with it assumed first, it was read twice: the revision drops it)
    assertEquals(1, parser.headerReads() - before);
    ParsedFile alone = new CParser(true, true).parse(new SourceText(file, tests), flags, Target.parse("3.14t"));
    assertEquals(alone.headerMacros().macros(), b.headerMacros().macros());
    assertEquals(alone.includeSource(), b.includeSource());
    assertTrue(b.includeSource().contains("HAVE_LIBFOO") && !b.includeSource().contains("HAVE_CONFIGURED"),
        b.includeSource());
  }

  @Test
  void conditionalsBeforePythonHAreLayeredOnlyWhenTheHeadersNameNothingTheyTest() throws IOException {
    CParser parser = new CParser();
    assertEquals("1", macros(parser, "g.c", FILES.get(6)).get("OWN_MODE_SEEN"));
    assertEquals("1", macros(parser, "h.c", FILES.get(7)).get("OWN_MODE_SEEN"), "PY_HDR_VALUE is not defined yet");
    assertEquals("1", macros(parser, "i.c", FILES.get(8)).get("OWN_MODE_SEEN"), "nor what the flags' macro names");
    assertEquals("1", macros(parser, "j.c", FILES.get(9)).get("MODE_MACRO"));
  }

  /** Reads 40 files of distinct include sets twice in order; which of the second reads reused their preamble. */
  private List<Boolean> twoPasses(CParser parser) throws IOException {
    List<Boolean> reused = new java.util.ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < 40; i++) {
        Path file = root.resolve("scan" + i + ".c");
        String text = "#include <Python.h>\n#define V" + i + "\n#include \"own.h\"\nint s;\n";
        boolean r = parser.parse(new SourceText(file, text), flags, Target.parse("3.14t")).preambleReused();
        if (pass == 1) {
          reused.add(r);
        }
      }
    }
    return reused;
  }

  @Test
  void aScanKeepsTheFirstPreamblesAndMakesTheOthersAgainWithoutReadingHeaders() throws IOException {
    assertTrue(twoPasses(new CParser()).stream().noneMatch(r -> r), "an editor's cache keeps the 32 most recent");
    CParser scan = new CParser();
    scan.useHeaderCache(Files.createDirectories(root.resolve("cache")));
    scan.startScan();
    List<Boolean> reused = twoPasses(scan);
    assertEquals(List.of(true, false), List.of(reused.get(31), reused.get(32)), "when full, the first ones stay");
    int reads = scan.headerReads();
    twoPasses(scan);
    assertEquals(reads, scan.headerReads(), "made again from the layers and the rest kept, no header read");
  }

  @Test
  void whatAFileDefinesBeforePythonHIsNotSharedWithOthers() throws IOException {
    CParser parser = new CParser();
    assertEquals("2", macros(parser, "plain.c", FILES.get(0)).get("MODE_MACRO"));
    assertEquals("1", macros(parser, "mode.c", FILES.get(1)).get("MODE_MACRO"));
    assertNull(macros(parser, "plain2.c", "#include <Python.h>\nint z;\n").get("CLEAN_SEEN"));
    assertEquals("1", macros(parser, "clean.c", FILES.get(2)).get("CLEAN_SEEN"));
    Map<String, String> own = macros(parser, "own.c", FILES.get(0));
    assertEquals("9", own.get("PY_HDR_VALUE"), "the project's header redefines it after Python.h");
    assertEquals("5", own.get("Py_FN"));
    assertTrue(!own.containsKey("Py_FN(a)") && !own.containsKey("Py_GONE"), own.toString());
    assertEquals("1", own.get("OWN_SAW_PORT"), "the project's header sees Python's macros");
    assertEquals("1", macros(parser, "fancy.c", FILES.get(3)).get("FANCY_ON"), "a build feature the file tests");
    assertNull(macros(parser, "plain3.c", "#include <Python.h>\nint y;\n").get("FANCY_ON"));
  }

  @Test
  void aChangedHeaderIsReadAgain() throws IOException {
    CParser parser = new CParser();
    assertEquals("7", macros(parser, "one.c", "#include <Python.h>\nint one;\n").get("PY_HDR_VALUE"));
    Path h = root.resolve("py/Python.h");
    Files.writeString(h, Files.readString(h).replace("PY_HDR_VALUE 7", "PY_HDR_VALUE 8"));
    Files.setLastModifiedTime(h, FileTime.fromMillis(Files.getLastModifiedTime(h).toMillis() + 5_000));
    assertEquals("8", macros(parser, "two.c", "#include <Python.h>\nint two;\n").get("PY_HDR_VALUE"));
    Path p = root.resolve("py/pyport.h");
    Files.writeString(p, Files.readString(p).replace("PORT_VALUE 3", "PORT_VALUE 4"));
    Files.setLastModifiedTime(p, FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 5_000));
    Map<String, String> three = macros(parser, "three.c", FILES.get(0));
    assertEquals("4", three.get("PORT_VALUE"));
    assertNull(three.get("OWN_SAW_PORT"));
  }

  @Test
  void beginningsThatFindTheSameHeadersShareOneLayerWhateverTheirSpelling() throws IOException {
    Path cache = Files.createDirectories(root.resolve("cache"));
    CParser parser = new CParser();
    parser.useHeaderCache(cache);
    Path sub = Files.createDirectories(root.resolve("sub"));
    Files.writeString(sub.resolve("other.h"), "#define OTHER 1\n");
    Map<String, String> first = macros(parser, "q.c", "#include \"Python.h\"\nint q;\n");
    assertEquals(first, macros(parser, "sub/q2.c", "#include \"Python.h\"\nint q2;\n"));
    assertEquals(first, macros(parser, "a.c", "#include <Python.h>\nint a;\n"));
    assertEquals(first, macros(parser, "a2.c", "# include<Python.h>\nint a2;\n"));
    assertEquals(1, storedLayers(cache), "one read of Python's headers for the four files");
    // a folder with a Python.h of its own: its quoted include finds that one
    Path own = Files.createDirectories(root.resolve("own"));
    Files.writeString(own.resolve("Python.h"), "#define OWN_PYTHON 1\n");
    assertEquals("1", macros(parser, "own/o.c", "#include \"Python.h\"\nint o;\n").get("OWN_PYTHON"));
    assertEquals(2, storedLayers(cache));
    assertNull(macros(parser, "own/o2.c", "#include <Python.h>\nint o2;\n").get("OWN_PYTHON"));
    assertEquals(2, storedLayers(cache), "its angle-bracket include is the shared layer's");
  }

  @Test
  void includeFoldersThatHoldNoneOfTheHeadersLookedUpShareTheLayer() throws IOException {
    Path cache = Files.createDirectories(root.resolve("cache2"));
    CParser parser = new CParser();
    parser.useHeaderCache(cache);
    Path port = root.resolve("py/pyport.h");
    Files.writeString(port, Files.readString(port).replace("#define PORT_VALUE 3",
        "#define PORT_VALUE 3\n#ifdef __has_include\n#if __has_include(\"optional.h\")\n#define HAS_OPTIONAL 1\n#endif\n#endif"));
    String text = "#include <Python.h>\nint a;\n";
    Map<String, String> plain = macros(parser, "a.c", text);
    assertNull(plain.get("HAS_OPTIONAL"));
    folderFirst("unrelated", "zzz.h", "#define ZZZ 1\n");
    flags.includePaths.add(flags.includePaths.get(1)); // listed twice: searched once
    assertEquals(plain, macros(parser, "b.c", text));
    assertEquals(1, storedLayers(cache), "a folder with none of the names looked up changes no lookup");
    folderFirst("optional", "optional.h", "#define OPTIONAL_READ 1\n");
    Map<String, String> asked = macros(parser, "e.c", text);
    assertEquals("1", asked.get("HAS_OPTIONAL"), "a folder that holds a header __has_include asks for");
    assertEquals(macros(new CParser(true, false), "e.c", text), asked);
    assertEquals(2, storedLayers(cache), "the same key: its file keeps both layers");
    flags.includePaths.remove(0);
    folderFirst("shadow", "Python.h", "#define SHADOW_PYTHON 1\n");
    Map<String, String> shadowed = macros(parser, "c.c", text);
    assertEquals("1", shadowed.get("SHADOW_PYTHON"), "a folder that holds Python.h first is read");
    assertEquals(macros(new CParser(true, false), "c.c", text), shadowed);
    assertEquals(3, storedLayers(cache));
    flags.includePaths.remove(0);
    assertEquals(plain, macros(parser, "d.c", text), "and the first layer still serves the first folders");
  }

  /** The layers in the cache's files. */
  private static int storedLayers(Path cache) throws IOException {
    int n = 0;
    try (var files = Files.list(cache.resolve("headers"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        n += com.google.gson.JsonParser.parseString(Files.readString(f)).getAsJsonObject().getAsJsonArray("layers").size();
      }
    }
    return n;
  }

  @Test
  void aBeginningIsWrittenTheWayEveryFileThatReadsItAlikeWritesIt() throws IOException {
    Path folder = Files.createDirectories(root.resolve("mod"));
    Files.writeString(folder.resolve("local.h"), "#define LOCAL 1\n");
    CompileFlags search = new CompileFlags();
    search.includePaths.add(root.resolve("py").toString());
    assertEquals("#define X 1\n#include <Python.h>\n",
        HeaderLayers.canonical("#  define   X 1\n#include \"Python.h\"\n", folder, search, false));
    assertEquals("#include <Python.h>\n", HeaderLayers.canonical("#include<Python.h>\n", folder, search, false));
    assertEquals("#include \"local.h\"\n", HeaderLayers.canonical("#include \"local.h\"\n", folder, search, false),
        "found in the file's folder only");
    Path quoted = Files.createDirectories(root.resolve("quoted"));
    Files.writeString(quoted.resolve("Python.h"), "#define OTHER_PYTHON 1\n");
    search.quoteIncludePaths.add(quoted.toString());
    assertEquals("#include \"Python.h\"\n", HeaderLayers.canonical("#include \"Python.h\"\n", folder, search, false),
        "a quoted include folder holds another Python.h");
    assertEquals("#include \"missing.h\"\n", HeaderLayers.canonical("#include \"missing.h\"\n", folder, search, false),
        "found nowhere: as written, for the note");
  }

  @Test
  void beginningsThatLeaveTheSameMacrosShareOneLayer() throws IOException {
    Path cache = Files.createDirectories(root.resolve("cache3"));
    CParser parser = new CParser();
    parser.useHeaderCache(cache);
    flags.defines.put("Py_BUILD_CORE_MODULE", "1");
    Map<String, String> first = macros(parser, "r.c", "#define PY_SSIZE_T_CLEAN\n#define MY_MODE\n#include <Python.h>\nint r;\n");
    assertEquals(first, macros(parser, "s.c", "#ifndef Py_BUILD_CORE_BUILTIN\n#define Py_BUILD_CORE_MODULE 1\n#endif\n"
        + "#define MY_MODE\n#define PY_SSIZE_T_CLEAN\n#include <Python.h>\nint s;\n"));
    assertEquals(1, storedLayers(cache), "one read of Python's headers for both");
    assertEquals("1", first.get("CLEAN_SEEN"));
    assertEquals("1", first.get("MODE_MACRO"));
  }

  @Test
  void definesThePythonHeadersNeverMentionShareTheirLayer() throws IOException {
    for (boolean plainFirst : new boolean[] {true, false}) {
      CParser parser = new CParser();
      String plain = "#include <Python.h>\n#include \"own.h\"\nint a;\n";
      String versioned = "#define MODULE_VERSION \"2.0\"\n#define OWN_MODE 1\n#include <Python.h>\n#include \"own.h\"\nint b;\n";
      String first = plainFirst ? plain : versioned;
      String second = plainFirst ? versioned : plain;
      assertEquals(macros(new CParser(true, false), "one1.c", first), macros(parser, "one.c", first));
      int reads = parser.headerReads();
      // the second reads only the rest of its headers: own.h tests OWN_MODE, Python's headers do not
      Map<String, String> two = macros(parser, "two.c", second);
      assertEquals(reads + 1, parser.headerReads(), "no layer read of its own");
      assertEquals(macros(new CParser(true, false), "two1.c", second), two);
    }
    // a name Python's headers test keeps its own layer
    CParser parser = new CParser();
    assertNull(macros(parser, "p.c", "#include <Python.h>\nint p;\n").get("CLEAN_SEEN"));
    assertEquals("1", macros(parser, "q.c", "#define PY_SSIZE_T_CLEAN\n#define V 1\n#include <Python.h>\nint q;\n")
        .get("CLEAN_SEEN"));
  }

  @Test
  void aDefineTheHeadersTurnOutToMentionIsReadAsWritten() throws IOException {
    Path py = Files.createDirectories(root.resolve("py2"));
    Files.writeString(py.resolve("Python.h"), "#ifndef P2_H\n#define P2_H\n#ifdef WITH_EXTRA\n#include \"extra.h\"\n#endif\n"
        + "#define BASE 1\n#endif\n");
    Files.writeString(py.resolve("extra.h"), "#ifdef EXTRA_FLAG\n#define GOT_FLAG 1\n#endif\n");
    flags = new CompileFlags();
    flags.includePaths.add(py.toString());
    CParser parser = new CParser();
    // learns the words of Python.h read without WITH_EXTRA: extra.h, which tests EXTRA_FLAG, was not read
    assertEquals("1", macros(parser, "a.c", "#include <Python.h>\nint a;\n").get("BASE"));
    // the layer of the beginning without EXTRA_FLAG reads extra.h, which tests it: read as written
    String both = "#define WITH_EXTRA\n#define EXTRA_FLAG\n#include <Python.h>\nint b;\n";
    Map<String, String> b = macros(parser, "b.c", both);
    assertEquals("1", b.get("GOT_FLAG"));
    assertEquals(macros(new CParser(true, false), "b1.c", both), b);
  }

  @Test
  void aBeginningWithoutDefinesOfOtherNames() {
    String py = "#include <Python.h>\n";
    assertEquals("#define A 1\n#undef NDEBUG\n" + py,
        HeaderLayers.without("#define A 1\n#define B \"x\"\n#undef NDEBUG\n" + py, n -> !n.equals("B")));
    // anything but defines and undefs before the include is kept as written
    for (String kept : List.of("#define G(x) x\n" + py, "#ifdef X\n#define B\n#endif\n" + py, "#define B\n")) {
      assertEquals(kept, HeaderLayers.without(kept, n -> false), kept);
    }
  }

  @Test
  void aBeginningIsReadAsWhatItDoes() {
    Map<String, String> base = Map.of("Py_BUILD_CORE_MODULE", "1", "NDEBUG", "1", "F(x)", "x");
    String py = "#include <Python.h>\n";
    // CPython's modules: a define the build already made
    assertEquals(py, HeaderLayers.effect("#ifndef Py_BUILD_CORE_BUILTIN\n#define Py_BUILD_CORE_MODULE 1\n#endif\n" + py, base));
    // sorted, spacing made one, undone and repeated definitions as they end
    assertEquals("#define A 1\n#define B (2 + 3)\n#undef NDEBUG\n" + py, HeaderLayers.effect(
        "#define B  (2 +  3)\n#define C\n#undef C\n#undef NDEBUG\n#define A 0\n#define A 1\n" + py, base));
    assertEquals(HeaderLayers.effect("#define A 1\n#define B 2\n" + py, base),
        HeaderLayers.effect("#define B 2\n#define A 1\n" + py, base));
    // conditionals on what is defined, with #elif and #else
    assertEquals("#define Y 1\n" + py, HeaderLayers.effect(
        "#if defined(NDEBUG) && !defined X\n#define Y 1\n#elif 1\n#define Z 1\n#else\n#define W 1\n#endif\n" + py, base));
    assertEquals("#define W 1\n" + py, HeaderLayers.effect(
        "#if 0 || (defined(X))\n#define Y 1\n#elif defined(X)\n#define Z 1\n#else\n#define W 1\n#endif\n" + py, base));
    assertEquals("#undef F\n" + py, HeaderLayers.effect("#undef F\n" + py, base));
    // a literal keeps its spaces
    assertEquals("#define S \"a  b\"\n" + py, HeaderLayers.effect("#define S  \"a  b\"\n" + py, base));
    // anything else is kept as written
    for (String kept : List.of("#define G(x) x\n" + py, "#if X > 1\n#define Y\n#endif\n" + py, "#ifdef X\n#define Y\n" + py,
        "#include <stddef.h>\n#define Y\n" + py, "#pragma once\n" + py, "#define Y\n")) {
      assertEquals(kept, HeaderLayers.effect(kept, base), kept);
    }
  }

  @Test
  void theBeginningIsUpToPythonHOrTheFirstInclude() {
    assertEquals("#define X\n#include <Python.h>\n", HeaderLayers.prefix("#define X\n#include <Python.h>\n#include \"a.h\"\n"));
    assertEquals("#include \"mod.h\"\n", HeaderLayers.prefix("#include \"mod.h\"\n#include <stdio.h>\n"));
    assertEquals("#include <stdio.h>\n#include \"Python.h\"\n", HeaderLayers.prefix("#include <stdio.h>\n#include \"Python.h\"\n#if X\n#endif\n"));
    assertNull(HeaderLayers.prefix("#ifndef GUARD_H\n#define GUARD_H\n#include <Python.h>\n#endif\n"));
    assertNull(HeaderLayers.prefix("#define ONLY 1\n"));
    String guarded = "#ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif\n#include \"Python.h\"\n";
    assertEquals(guarded, HeaderLayers.prefix(guarded + "#include \"pycore_x.h\"\n"));
    assertEquals("#if A\n#include <a.h>\n#endif\n#include <b.h>\n",
        HeaderLayers.prefix("#if A\n#include <a.h>\n#endif\n#include <b.h>\n#include <c.h>\n"), "the first include outside a conditional");
    assertNull(HeaderLayers.prefix("#if A\n#include <Python.h>\n#else\n#include <b.h>\n#endif\n"));
    assertNull(HeaderLayers.prefix("#endif\n#include <Python.h>\n"));
    assertNull(HeaderLayers.prefix("#pragma once\n#include <Python.h>\n"));
    assertTrue(HeaderLayers.key("s", "#include \"mod.h\"\n", root.resolve("a/x.c"))
        .contains(root.resolve("a").toString()), "a quoted include is looked up in the file's folder");
  }

  /** Puts a folder holding one header first on the include path. */
  private void folderFirst(String folder, String header, String text) throws IOException {
    Path dir = Files.createDirectories(root.resolve(folder));
    Files.writeString(dir.resolve(header), text);
    flags.includePaths.add(0, dir.toString());
  }
}
