package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Settings;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A header with no Python.h of its own is parsed in the context of a file that includes it. */
class HeaderContextTest {
  @TempDir Path root;

  private static final Analyzer ANALYZER = new Analyzer(JsonKnowledgeBase.builtin());

  /** Uses Python.h's own macro: alone it is dead code, in the includer's context it is analyzed. */
  static final String HELPER = """
      #ifndef HELPER_H
      #define HELPER_H
      #ifdef Py_PYTHON_H
      static PyObject *
      first_entry(void)
      {
          PyObject *item = PyList_GetItem(registry, 0);
          Py_XINCREF(item);
          return item;
      }
      #endif
      #endif
      """;

  private Path write(String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** Settings with a stand-in Python.h (defining Py_PYTHON_H) in an include folder, never python3-config. */
  private Settings settings() throws IOException {
    write("pyinclude/Python.h", "#ifndef Py_PYTHON_H\n#define Py_PYTHON_H\n#endif\n");
    Settings s = new Settings();
    s.python = "none";
    s.includePaths.add(root.resolve("pyinclude").toString());
    return s;
  }

  private FileResult analyze(Path file, Settings s) throws IOException {
    CompileFlags flags = new FlagsResolver(m -> { }).resolve(file, s, root);
    return ANALYZER.analyze(new SourceText(file, Files.readString(file)), flags, s);
  }

  @Test
  void aHelperHeaderGetsTheFindingLocatedInTheHeader() throws IOException {
    Settings s = settings();
    Path h = write("src/helper.h", HELPER);
    write("src/mod.c", "#include <Python.h>\nstatic PyObject *registry;\n#include \"helper.h\"\n");
    FileResult r = analyze(h, s);
    assertEquals(List.of("FT101"), r.findings().stream().map(Finding::ruleId).toList(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals("PyList_GetItem", HELPER.substring(f.start(), f.start() + "PyList_GetItem".length()),
        "the offsets are the header's own");
    assertTrue(r.includeSource().contains("in the context of src/mod.c"), r.includeSource());
    assertEquals(List.of(), r.notes());
  }

  @Test
  void withoutAnIncluderTheHeaderIsAnalyzedAloneWithANote() throws IOException {
    Settings s = settings();
    Path h = write("src/helper.h", HELPER);
    write("src/mod.c", "#include <Python.h>\n#include \"other.h\"\n");
    FileResult r = analyze(h, s);
    assertEquals(List.of(), r.findings());
    assertEquals(List.of(CParser.ALONE), r.notes());
    assertEquals(FileResult.Status.ANALYZED, r.status(), "a note does not make the file incomplete");
  }

  @Test
  void aHeaderThatIncludesPythonHItselfNeedsNoNote() throws IOException {
    Settings s = settings();
    Path h = write("src/own.h", "#include <Python.h>\n" + HELPER);
    FileResult r = analyze(h, s);
    assertEquals(List.of("FT101"), r.findings().stream().map(Finding::ruleId).toList());
    assertEquals(List.of(), r.notes());
  }

  @Test
  void aHeaderThatIncludesPythonHItselfNeedsNoNoteEvenWhenPythonHIsNotFound() throws IOException {
    Settings s = new Settings();
    s.python = "none"; // no Python headers at all: the built-in prelude stands in
    Path h = write("src/own.h", "#include <Python.h>\n" + HELPER);
    FileResult r = analyze(h, s);
    assertEquals(List.of(), r.notes().stream().filter(n -> n.startsWith("analyzed alone")).toList());
  }

  @Test
  void theIncludersMacrosBeforeTheIncludeCountAndThoseAfterDoNot() throws IOException {
    Settings s = settings();
    String header = "#if defined(MOD_BUILD) && !defined(MOD_LATER)\n"
        + "static PyObject *f(void) { PyObject *o = PyList_GetItem(shared, 0); Py_XINCREF(o); return o; }\n#endif\n";
    Path h = write("src/part.h", header);
    Path c = write("src/mod.c", "#include <Python.h>\n#define MOD_BUILD 1\n#include \"part.h\"\n#define MOD_LATER 1\n");
    assertEquals(1, analyze(h, s).findings().size());
    Files.writeString(c, "#include <Python.h>\n#include \"part.h\"\n#define MOD_BUILD 1\n");
    assertEquals(0, analyze(h, s).findings().size(), "a define after the include is not seen by the header");
  }

  @Test
  void throughAnotherHeaderWithTheIncludersFolderForItsQuotedIncludes() throws IOException {
    Settings s = settings();
    write("src/modconfig.h", "#define MOD_BUILD 1\n");
    Path h = write("src/detail/part.h", "#ifdef MOD_BUILD\n"
        + "static PyObject *f(void) { PyObject *o = PyList_GetItem(shared, 0); Py_XINCREF(o); return o; }\n#endif\n");
    write("src/detail/all.h", "#ifndef ALL_H\n#define ALL_H\n#include \"part.h\"\n#endif\n");
    write("src/mod.c", "#include <Python.h>\n#include \"modconfig.h\"\n#include \"detail/all.h\"\n");
    FileResult r = analyze(h, s);
    assertEquals(1, r.findings().size(), r.toString());
    assertTrue(r.includeSource().contains("context of src/mod.c"), r.includeSource());
  }

  @Test
  void aHeaderReadBeforeThroughAnotherHeaderIsStillAnalyzed() throws IOException {
    Settings s = settings();
    Path h = write("src/helper.h", HELPER);
    write("src/all.h", "#include \"helper.h\"\n");
    write("src/mod.c", "#include <Python.h>\n#include \"all.h\"\n#include \"helper.h\"\n");
    assertEquals(1, analyze(h, s).findings().size(), "its include guard from the earlier read is not kept");
  }

  @Test
  void theIncludersCompileDatabaseEntryIsUsed() throws IOException {
    Settings s = settings();
    Path h = write("src/helper.h", "#ifdef FROM_DB\n"
        + "static PyObject *f(void) { PyObject *o = PyList_GetItem(shared, 0); Py_XINCREF(o); return o; }\n#endif\n");
    write("src/mod.c", "#include <Python.h>\n#include \"helper.h\"\n");
    write("compile_commands.json", "[{\"directory\": \"" + root.toString().replace("\\", "\\\\")
        + "\", \"file\": \"src/mod.c\", \"command\": \"cc -DFROM_DB -c src/mod.c\"}]");
    FileResult r = analyze(h, s);
    assertEquals(1, r.findings().size(), r.toString());
    assertTrue(r.includeSource().startsWith("compile_commands.json"), r.includeSource());
  }

  @Test
  void aHeaderOutsideTheWorkspaceRootIsLookedUpFromItsOwnFolder() throws IOException {
    Settings s = settings();
    Path h = write("elsewhere/helper.h", HELPER);
    write("elsewhere/mod.c", "#include <Python.h>\nstatic PyObject *registry;\n#include \"helper.h\"\n");
    Path otherRoot = Files.createDirectories(root.resolve("workspace"));
    CompileFlags flags = new FlagsResolver(m -> { }).resolve(h, s, otherRoot);
    FileResult r = ANALYZER.analyze(new SourceText(h, Files.readString(h)), flags, s);
    assertEquals(1, r.findings().size(), r.toString());
  }

  @Test
  void aSourceFileIsNotGivenAnotherContext() throws IOException {
    Settings s = settings();
    Path c = write("src/mod.c", "#include <Python.h>\n");
    write("src/other.c", "#include \"mod.c\"\n");
    CompileFlags flags = new FlagsResolver(m -> { }).resolve(c, s, root);
    assertNull(flags.includer);
    assertTrue(!flags.headerAlone);
  }
}
