package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Settings;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.source.SourceText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the parser still cannot read is said per file, as notes: headers not found (quoted ones
 * one by one with their lines, system ones in one summary), functions not analyzed or analyzed
 * only in part. Notes do not make a file incomplete.
 */
class ParseLossNotesTest {
  @TempDir Path dir;

  private final Analyzer analyzer = new Analyzer(JsonKnowledgeBase.builtin());

  private FileResult analyze(String name, String text) {
    Settings s = new Settings();
    s.python = "none";
    return analyzer.analyze(new SourceText(dir.resolve(name), text), new CompileFlags(), s);
  }

  @Test
  void aMissingQuotedIncludeIsNamedWithItsLinesOnce() {
    FileResult r = analyze("q.c", "#include <Python.h>\n#include \"config.h\"\nint x;\n#include \"config.h\"\n");
    assertEquals(List.of("#include \"config.h\" (lines 2, 4): not found in the include paths"), r.notes());
    assertEquals(FileResult.Status.ANALYZED, r.status(), "a note does not make the file incomplete");
  }

  @Test
  void missingSystemIncludesMakeOneSummary() {
    StringBuilder text = new StringBuilder("#include <Python.h>\n#include <stdio.h>\n");
    for (char c = 'a'; c <= 'g'; c++) {
      text.append("#include <ftls_absent_").append(c).append(".h>\n");
    }
    FileResult r = analyze("sys.c", text.toString());
    assertEquals(List.of("7 system headers not found: <ftls_absent_a.h>, <ftls_absent_b.h>, <ftls_absent_c.h>,"
        + " <ftls_absent_d.h>, <ftls_absent_e.h> (the first 5)"), r.notes());

    FileResult two = analyze("two.c", "#include <ftls_absent_a.h>\n#include <ftls_absent_b.h>\n");
    assertEquals(List.of("2 system headers not found: <ftls_absent_a.h>, <ftls_absent_b.h>"), two.notes());
  }

  @Test
  void anIncludeForAnotherPlatformIsNotNoted() {
    FileResult r = analyze("win.c", "#ifdef _WIN32\n#include \"win_only.h\"\n#include <windows.h>\n#endif\nint x;\n");
    assertEquals(List.of(), r.notes());
  }

  @Test
  void withoutPythonHeadersThePythonIncludesAreNotNotedAgain() {
    FileResult r = analyze("py.c", "#include <Python.h>\n#include \"structmember.h\"\n#include \"mine.h\"\n");
    assertEquals("prelude", r.includeSource());
    assertEquals(List.of("#include \"mine.h\" (line 3): not found in the include paths"), r.notes());
  }

  @Test
  void aSyntaxErrorInOneFunctionNamesItAndKeepsTheOthersFindings() {
    String text = """
        #include <Python.h>

        static PyObject *shared_list;

        static int
        broken(int x)
        {
            x = = 2;
            return x;
        }

        static int bad_header(int a b) { return a; }

        static PyObject *
        fine(PyObject *self, PyObject *args)
        {
            PyObject *item = PyList_GetItem(shared_list, 0);
            return Py_XNewRef(item);
        }
        """;
    FileResult r = analyze("syntax.c", text);
    assertEquals(FileResult.Status.ANALYZED, r.status(), r.toString());
    assertTrue(r.findings().stream().anyMatch(f -> f.ruleId().equals("FT101")), r.findings().toString());
    assertEquals(List.of(
        "function bad_header (line 12) not analyzed: the parser could not read its declaration",
        "function broken (line 5) analyzed only in part: the parser could not read line 8"), r.notes());
  }
}
