package dev.ftls.kbgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefcountsParserTest {
  @Test
  void readsReturnLineThenParametersInOrder() {
    Parsed<Map<String, RefcountsParser.Function>> parsed =
        RefcountsParser.parse(
            String.join(
                "\n",
                "# comment line",
                "",
                "PyList_GetItem:PyObject*::0:",
                "PyList_GetItem:PyObject*:list:0:",
                "PyList_GetItem:Py_ssize_t:index::",
                "",
                "PyLong_FromLong:PyObject*::+1:"));
    assertEquals(List.of(), parsed.problems());
    RefcountsParser.Function fn = parsed.value().get("PyList_GetItem");
    assertEquals("PyObject*", fn.returnType());
    assertEquals("0", fn.returnRefcount());
    assertEquals(
        List.of(
            new RefcountsParser.Param("list", "PyObject*", "0", null),
            new RefcountsParser.Param("index", "Py_ssize_t", null, null)),
        fn.params());
    assertEquals("+1", parsed.value().get("PyLong_FromLong").returnRefcount());
  }

  @Test
  void keepsColonsInsideTheCommentField() {
    Parsed<Map<String, RefcountsParser.Function>> parsed =
        RefcountsParser.parse(
            "PyTimeZone_FromOffset:PyObject*::+1:\n"
                + "PyTimeZone_FromOffset:PyObject*:offset:+1:not increased if offset is +00:00\n");
    assertEquals(List.of(), parsed.problems());
    RefcountsParser.Param offset = parsed.value().get("PyTimeZone_FromOffset").params().get(0);
    assertEquals("not increased if offset is +00:00", offset.comment());
  }

  @Test
  void skipsMalformedLinesAndSaysWhy() {
    Parsed<Map<String, RefcountsParser.Function>> parsed =
        RefcountsParser.parse(
            String.join(
                "\n",
                "PyFoo_Bar:PyObject*::0",
                ":PyObject*::0:",
                "PyFoo_Baz:PyObject*::+2:",
                "PyFoo_Orphan:PyObject*:o:0:",
                "PyFoo_Ok:int:::",
                "PyFoo_Ok:PyObject*::+1:"));
    assertEquals(
        List.of(
            new DatProblem("refcounts.dat", 1, "expected 5 ':'-separated fields, found 4"),
            new DatProblem("refcounts.dat", 2, "empty function name"),
            new DatProblem("refcounts.dat", 3, "unknown refcount effect '+2'"),
            new DatProblem(
                "refcounts.dat", 4, "parameter line before the return-value line of PyFoo_Orphan"),
            new DatProblem("refcounts.dat", 6, "second return-value line for PyFoo_Ok")),
        parsed.problems());
    assertEquals(List.of("PyFoo_Ok"), List.copyOf(parsed.value().keySet()));
    assertNull(parsed.value().get("PyFoo_Ok").returnRefcount());
  }

  @Test
  void shippedFileParsesWithoutProblems() throws Exception {
    String text =
        java.nio.file.Files.readString(
            RepoRoot.find().resolve(KbGenerator.INPUT_DIR).resolve(RefcountsParser.FILE));
    Parsed<Map<String, RefcountsParser.Function>> parsed = RefcountsParser.parse(text);
    assertEquals(List.of(), parsed.problems());
    long borrowed =
        parsed.value().values().stream().filter(f -> "0".equals(f.returnRefcount())).count();
    assertTrue(parsed.value().size() > 700, "functions: " + parsed.value().size());
    assertEquals(45, borrowed);
  }
}
