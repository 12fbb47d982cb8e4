package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Settings;
import dev.ftls.core.config.Target;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.internal.core.dom.parser.ASTQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attribute-like macro whose header was not found (generated at build time) must not drop the
 * functions declared with it: the parser assumes it empty, says so in a note, and reads them.
 * Each case is checked against a parser that does not recover, so the test shows the loss it
 * guards against.
 */
class UnknownAttributeMacrosTest {
  private static final Target TARGET = Target.parse("3.14t");

  @TempDir Path dir;

  private final Analyzer analyzer = new Analyzer(JsonKnowledgeBase.builtin());

  private static Settings settings() {
    Settings s = new Settings();
    s.python = "none";
    return s;
  }

  private FileResult analyze(String name, String text) {
    return analyzer.analyze(new SourceText(dir.resolve(name), text), new CompileFlags(), settings());
  }

  /** The functions the parser read, by name. */
  private static List<String> functions(ParsedFile parsed) {
    List<String> out = new ArrayList<>();
    for (IASTDeclaration d : parsed.ast().getDeclarations()) {
      if (d instanceof IASTFunctionDefinition fn && d.isPartOfTranslationUnitFile()
          && parsed.source().path().toString().equals(d.getFileLocation().getFileName())) {
        out.add(ASTQueries.findInnermostDeclarator(fn.getDeclarator()).getName().toString());
      }
    }
    return out;
  }

  private List<String> functions(String name, String text, boolean recover) {
    return functions(new CParser(recover).parse(new SourceText(dir.resolve(name), text), new CompileFlags(), TARGET));
  }

  private static final String THREE_API_FUNCTIONS = """
      #include <Python.h>
      #include "config.h"

      static PyObject *shared_list;

      static MYLIB_API PyObject *
      first(PyObject *self, PyObject *args)
      {
          return Py_NewRef(self);
      }

      static MYLIB_API PyObject *
      second(PyObject *self, PyObject *args)
      {
          PyObject *item = PyList_GetItem(shared_list, 0);
          return Py_XNewRef(item);
      }

      static MYLIB_API PyObject *
      third(PyObject *self, PyObject *args)
      {
          return Py_NewRef(args);
      }
      """;

  @Test
  void threeFunctionsWithAnUnknownApiMacroAreAllAnalyzed() {
    assertEquals(List.of(), functions("api.c", THREE_API_FUNCTIONS, false), "without recovery all three are lost");
    assertEquals(List.of("first", "second", "third"), functions("api.c", THREE_API_FUNCTIONS, true));

    FileResult r = analyze("api.c", THREE_API_FUNCTIONS);
    assertEquals(FileResult.Status.ANALYZED, r.status(), r.toString());
    List<Finding> ft101 = r.findings().stream().filter(f -> f.ruleId().equals("FT101")).toList();
    assertEquals(1, ft101.size(), r.findings().toString());
    int at = ft101.get(0).start();
    assertTrue(at > THREE_API_FUNCTIONS.indexOf("second(") && at < THREE_API_FUNCTIONS.indexOf("third("),
        "the finding is inside second()");
    assertTrue(r.notes().contains("MYLIB_API assumed to be an empty attribute macro"
        + " (no definition found; was its header generated at build time?)"), r.notes().toString());
    assertTrue(r.notes().contains("#include \"config.h\" (line 2): not found in the include paths"), r.notes().toString());
    assertFalse(r.notes().stream().anyMatch(n -> n.contains("not analyzed")), r.notes().toString());
  }

  @Test
  void aCallingConventionBetweenTheStarAndTheName() {
    String text = """
        #include <Python.h>
        PyObject * MYLIB_CALL make(PyObject *self)
        {
            return Py_NewRef(self);
        }
        """;
    assertEquals(List.of(), functions("call.c", text, false));
    assertEquals(List.of("make"), functions("call.c", text, true));
    FileResult r = analyze("call.c", text);
    assertEquals(List.of("MYLIB_CALL assumed to be an empty attribute macro"
        + " (no definition found; was its header generated at build time?)"), r.notes());
  }

  @Test
  void anInlineMacroBeforeTheReturnType() {
    String text = """
        static FORCE_INLINE int
        twice(int x)
        {
            return 2 * x;
        }
        """;
    assertEquals(List.of(), functions("inline.c", text, false));
    assertEquals(List.of("twice"), functions("inline.c", text, true));
  }

  @Test
  void aFunctionLikeMacroThatHoldsTheReturnTypeStandsForIt() {
    String text = """
        #include <Python.h>
        MY_LOCAL_INLINE(Py_ssize_t) smaller(Py_ssize_t a, Py_ssize_t b) { return a < b ? a : b; }
        MY_DEPRECATED("use smaller") int older(int a) { return a; }
        static int after(int a) MY_ATTR(cold) { return a; }
        """;
    assertEquals(List.of("MY_ATTR"), functions("fnlike.c", text, false), "without recovery, after() reads as MY_ATTR()");
    ParsedFile parsed = new CParser().parse(new SourceText(dir.resolve("fnlike.c"), text), new CompileFlags(), TARGET);
    assertEquals(List.of("smaller", "older", "after"), functions(parsed));
    assertEquals(List.of(
        "MY_LOCAL_INLINE(...) assumed to stand for its argument, a type"
            + " (no definition found; was its header generated at build time?)",
        "MY_DEPRECATED(...) assumed to be an empty attribute macro"
            + " (no definition found; was its header generated at build time?)",
        "MY_ATTR(...) assumed to be an empty attribute macro"
            + " (no definition found; was its header generated at build time?)"), parsed.notes());
    String smaller = parsed.ast().getDeclarations()[parsed.ast().getDeclarations().length - 3].getRawSignature();
    assertTrue(smaller.startsWith("MY_LOCAL_INLINE(Py_ssize_t) smaller"), smaller);
  }

  @Test
  void aNameTheHeadersDeclareIsNeverAssumed() throws Exception {
    // FOO_T BAR_T f(): alone, the first name would read as the type; the header says BAR_T is one
    Files.writeString(dir.resolve("types.h"), "typedef int BAR_T;\n");
    String text = "#include \"types.h\"\nFOO_T BAR_T answer(void) { return 42; }\n";
    ParsedFile parsed = new CParser().parse(new SourceText(dir.resolve("typed.c"), text), new CompileFlags(), TARGET);
    assertEquals(List.of("answer"), functions(parsed));
    assertEquals(List.of("FOO_T assumed to be an empty attribute macro"
        + " (no definition found; was its header generated at build time?)"), parsed.notes());

    Files.writeString(dir.resolve("types.h"), "typedef int BAR_T;\n#define FOO_T static\n");
    ParsedFile defined = new CParser().parse(new SourceText(dir.resolve("typed.c"), text), new CompileFlags(), TARGET);
    assertEquals(List.of("answer"), functions(defined));
    assertEquals(List.of(), defined.notes(), "a macro the header defines is used, not assumed");
  }

  @Test
  void aNameTheFileUsesAsAValueIsNeverAssumed() {
    // LIMIT is a constant here (its header is missing too): assuming it empty would break "n < LIMIT"
    String text = """
        static LIMIT int
        clamp(int n)
        {
            return n < LIMIT ? n : 0;
        }
        """;
    ParsedFile parsed = new CParser().parse(new SourceText(dir.resolve("value.c"), text), new CompileFlags(), TARGET);
    assertFalse(parsed.notes().stream().anyMatch(n -> n.contains("assumed")), parsed.notes().toString());
    assertEquals(List.of("function clamp (line 2) not analyzed: the parser could not read its declaration"),
        parsed.notes());
  }

  @Test
  void aFileWithoutProblemsIsParsedOnce() {
    String text = "#include <Python.h>\nstatic int ok(void) { return 0; }\n";
    ParsedFile parsed = new CParser().parse(new SourceText(dir.resolve("ok.c"), text), new CompileFlags(), TARGET);
    assertEquals(List.of("ok"), functions(parsed));
    assertEquals(List.of(), parsed.notes());
  }
}
