package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.parser.c.GCCScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;
import org.junit.jupiter.api.Test;

/**
 * A file's parse is given only the predefined macros it can reach ({@link MacroReach}): those
 * named in it, in their replacements, and those a paste can make; and the preprocessor hands out
 * the same tokens as with all of them.
 */
class MacroReachTest {
  private static Map<String, String> macros() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Py_INCREF(op)", "_Py_INCREF(_PyObject_CAST(op))");
    m.put("_Py_INCREF(op)", "((op)->ob_refcnt++)");
    m.put("_PyObject_CAST(op)", "((PyObject *)(op))");
    m.put("UNRELATED", "1");
    m.put("ALSO_UNRELATED(x)", "x");
    m.put("Py_UNUSED(name)", "_unused_ ## name __attribute__((unused))");
    m.put("_unused_self", "renamed_self");
    m.put("CAT(a, b)", "a ## b");
    m.put("foobar", "42");
    m.put("HAVE_THING", "1");
    m.put("JOINED", "7");
    return m;
  }

  @Test
  void reachesNamesInTheTextAndTheirReplacementsInOrder() {
    Map<String, String> reached = reach("void f(PyObject *o) { Py_INCREF(o); }\n");
    assertEquals(List.of("Py_INCREF(op)", "_Py_INCREF(op)", "_PyObject_CAST(op)"), List.copyOf(reached.keySet()));
  }

  @Test
  void namesInDirectivesCommentsAndSplitLinesCount() {
    Map<String, String> reached = reach("#ifdef HAVE_THING\n/* UNRELATED */\nint x = JOI\\\nNED;\n#endif\n");
    assertEquals(List.of("UNRELATED", "HAVE_THING", "JOINED"), List.copyOf(reached.keySet()));
  }

  @Test
  void aTextsDistinctWordsAreEachWordOnceWhereverAndHoweverItIsWritten() {
    StringBuilder text = new StringBuilder("caf\u00e9 x1 _y $z JOI\\\nNED JOI\\\r\nNED 9lives\n");
    for (int i = 0; i < 5000; i++) { // more distinct words than the first table holds, each three times
      text.append("w").append(i).append(" w").append(i).append("+JOINED*w").append(i % 7).append('\n');
    }
    List<String> distinct = MacroReach.words(text.toString());
    List<String> every = new java.util.ArrayList<>();
    MacroReach.words(text.toString(), every);
    assertEquals(new java.util.HashSet<>(every).size(), distinct.size(), "no word twice");
    assertEquals(new java.util.HashSet<>(every), new java.util.HashSet<>(distinct));
    assertEquals(true, distinct.containsAll(List.of("caf\u00e9", "x1", "_y", "$z", "JOINED", "lives", "w4999")), distinct.toString());
  }

  @Test
  void pastesReachTheNamesTheyCanMake() {
    // a word pasted onto: the names that begin with it
    assertEquals(List.of("Py_UNUSED(name)", "_unused_self"),
        List.copyOf(reach("static int f(PyObject *Py_UNUSED(self));\n").keySet()));
    // a parameter pasted onto: the names that begin with any word seen
    assertEquals(List.of("CAT(a, b)", "foobar"), List.copyOf(reach("int v = CAT(foo, bar);\n").keySet()));
  }

  @Test
  void anIndexMadeWithALayersNamesSortedOnceHoldsWhatOneMadeAloneHolds() {
    // a preamble's macros: most of them a header layer's, whose names are sorted once for every
    // file read after it; some the rest's, some of the layer's gone (undefined after it), one name
    // both a plain and a function-like macro's (named twice, as a plain sort has it twice)
    java.util.Random random = new java.util.Random(13);
    for (int round = 0; round < 200; round++) {
      Map<String, String> layer = new LinkedHashMap<>();
      Map<String, String> file = new LinkedHashMap<>();
      for (int i = 0; i < 60; i++) {
        String name = "M" + random.nextInt(40) + (random.nextBoolean() ? "_X" : "");
        String key = random.nextInt(4) == 0 ? name + "(a)" : name;
        layer.put(key, "1");
        if (random.nextInt(10) > 0) {
          file.put(key, "1"); // else undefined by the rest
        }
      }
      for (int i = 0; i < 10; i++) {
        String name = random.nextInt(3) == 0 ? "M" + random.nextInt(40) : "R" + random.nextInt(20);
        file.put(random.nextBoolean() ? name + "(b)" : name, "2");
      }
      MacroReach.SortedNames known = MacroReach.SortedNames.of(layer.keySet());
      assertEquals(new MacroReach.Index(file).names(), new MacroReach.Index(file, known).names(), file.toString());
    }
    // the names are each layer's, not another's
    Map<String, String> file = Map.of("A", "1", "B(x)", "x", "C", "3");
    assertEquals(List.of("A", "B", "C"), new MacroReach.Index(file, MacroReach.SortedNames.of(List.of("B(y)", "D"))).names());
  }

  @Test
  void thePreprocessorHandsOutTheSameTokensAsWithEveryMacro() {
    String text = "#ifdef HAVE_THING\nvoid f(PyObject *o, int Py_UNUSED(self)) { Py_INCREF(o); int v = CAT(foo, bar) + JOI\\\nNED; }\n#endif\n";
    assertEquals(tokens(text, macros()), tokens(text, reach(text)));
    assertEquals("void f ( PyObject * o , int renamed_self __attribute__ ( ( unused ) ) ) { ( ( ( ( PyObject * ) ( o ) ) )"
        + " -> ob_refcnt ++ ) ; int v = 42 + 7 ; }", tokens(text, reach(text)));
  }

  @Test
  void aParseThatNamesTheSameWordsAsTheLastReachesTheSameMacrosAndOneThatDoesNotIsReachedAnew() {
    MacroReach.Index index = new MacroReach.Index(macros());
    Map<String, String> first = MacroReach.of(macros(), index, List.of(), "void f(PyObject *o) { Py_INCREF(o); }\n");
    // an edit that moves words around and adds none: the same reach, not made again
    assertSame(first, MacroReach.of(macros(), index, List.of(), "void f(PyObject *o)\n{\n  Py_INCREF(o);  }\n"));
    // a new word that names a macro: reached
    assertEquals(List.of("Py_INCREF(op)", "_Py_INCREF(op)", "_PyObject_CAST(op)", "UNRELATED"), List.copyOf(
        MacroReach.of(macros(), index, List.of(), "void f(PyObject *o) { Py_INCREF(o); UNRELATED; }\n").keySet()));
    // a word taken out: no longer reached
    assertEquals(List.of("UNRELATED"), List.copyOf(MacroReach.of(macros(), index, List.of(), "UNRELATED\n").keySet()));
    // the same words with another replacement of a macro (the index names the same macros): its new text
    Map<String, String> changed = macros();
    changed.put("UNRELATED", "2");
    assertEquals("2", MacroReach.of(changed, index, List.of(), "UNRELATED\n").get("UNRELATED"));
    // the same text with other words of what it includes besides
    assertEquals(List.of("UNRELATED", "HAVE_THING"),
        List.copyOf(MacroReach.of(changed, index, List.of("HAVE_THING"), "UNRELATED\n").keySet()));
  }

  private static Map<String, String> reach(String text) {
    return MacroReach.of(macros(), new MacroReach.Index(macros()), List.of(), text);
  }

  private static String tokens(String text, Map<String, String> macros) {
    ExtendedScannerInfo info = new ExtendedScannerInfo(macros, new String[0], new String[0], new String[0]);
    CPreprocessor pp = new CPreprocessor(FileContent.create("/virtual/f.c", text.toCharArray()), info, ParserLanguage.C,
        new NullLogService(), GCCScannerExtensionConfiguration.getInstance(info), new HeaderProvider(false));
    return PredefinedMacrosTest.tokens(pp);
  }
}
