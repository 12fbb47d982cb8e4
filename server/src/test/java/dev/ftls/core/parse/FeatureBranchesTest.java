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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code under build-feature macros nothing ftls sees defines is analyzed; platform and Python branches are not. */
class FeatureBranchesTest {
  @TempDir Path root;

  private static final Analyzer ANALYZER = new Analyzer(JsonKnowledgeBase.builtin());

  /** A function with one FT101 hazard, named after the line it is on. */
  private static String hazard(String name) {
    return "static PyObject *" + name + "(void) { PyObject *o = PyList_GetItem(shared, 0); Py_XINCREF(o); return o; }\n";
  }

  private static String under(String condition, String name) {
    return "#include <Python.h>\nstatic PyObject *shared;\n" + condition + "\n" + hazard(name) + "#endif\n";
  }

  private FileResult analyze(String name, String text, Settings s) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    CompileFlags flags = new FlagsResolver(m -> { }).resolve(file, s, root);
    return ANALYZER.analyze(new SourceText(file, text), flags, s);
  }

  private static Settings settings() {
    Settings s = new Settings();
    s.python = "none";
    return s;
  }

  private static int ft101(FileResult r) {
    return (int) r.findings().stream().map(Finding::ruleId).filter("FT101"::equals).count();
  }

  @Test
  void aHaveBranchIsAnalyzedAndSaysSo() throws IOException {
    FileResult r = analyze("a.c", under("#ifdef HAVE_LIBFOO", "with_foo"), settings());
    assertEquals(1, ft101(r), r.toString());
    assertTrue(r.includeSource().contains("build features assumed defined: HAVE_LIBFOO"), r.includeSource());
  }

  @Test
  void everyFeatureSpellingIsAnalyzed() throws IOException {
    for (String c : List.of("#if WITH_STATS", "#if defined(USE_OPENSSL) && ENABLE_CACHE", "#ifdef SIMD_ENABLED",
        "#if THREADS_SUPPORT", "#ifdef ZSTD_AVAILABLE", "#if !defined(X_UNKNOWN) && HAVE_CLOCK_GETTIME")) {
      assertEquals(1, ft101(analyze("b.c", under(c, "f"), settings())), c);
    }
  }

  @Test
  void withThePolicyOffTheBranchStaysDead() throws IOException {
    Settings s = settings();
    s.assumeFeatures = false;
    FileResult r = analyze("c.c", under("#ifdef HAVE_LIBFOO", "with_foo"), s);
    assertEquals(0, ft101(r));
    assertFalse(r.includeSource().contains("assumed"), r.includeSource());
  }

  @Test
  void platformPythonAndNegativeBranchesStayDead() throws IOException {
    for (String c : List.of("#ifdef _WIN32", "#ifdef MS_WINDOWS", "#ifdef __APPLE__", "#ifdef HAVE_WINDOWS_H",
        "#ifdef USE_WIN32_THREADS", "#ifdef Py_LIMITED_API", "#ifndef Py_GIL_DISABLED", "#ifdef NO_THREADS",
        "#if HAS_FEATURE_X", "#ifndef HAVE_LIBFOO", "#if PY_VERSION_HEX < 0x030D0000")) {
      assertEquals(0, ft101(analyze("d.c", under(c, "f"), settings())), c);
    }
  }

  @Test
  void thePythonVersionFollowsTheTarget() throws IOException {
    String text = under("#if PY_VERSION_HEX < 0x030D0000", "old");
    Settings s = settings();
    assertEquals(0, ft101(analyze("e.c", text, s)), "3.14t: a branch for older Pythons is dead");
    s.target = Target.parse("3.12");
    assertEquals(1, ft101(analyze("e.c", text, s)), "3.12: it is live");
  }

  @Test
  void theBuildsUndefineWins() throws IOException {
    Files.writeString(root.resolve("compile_commands.json"), "[{\"directory\": \"" + root.toString().replace("\\", "\\\\")
        + "\", \"file\": \"f.c\", \"command\": \"cc -UHAVE_LIBFOO -c f.c\"}]");
    FileResult r = analyze("f.c", under("#ifdef HAVE_LIBFOO", "with_foo"), settings());
    assertEquals(0, ft101(r), r.toString());
    assertFalse(r.includeSource().contains("HAVE_LIBFOO"), r.includeSource());
  }

  @Test
  void aDefineFromTheSettingsWins() throws IOException {
    Settings s = settings();
    s.defines.add("WITH_STATS=0");
    assertEquals(0, ft101(analyze("g.c", under("#if WITH_STATS", "stats"), s)));
  }

  @Test
  void aMacroTheFileDefinesItselfIsNotAssumed() throws IOException {
    String text = "#include <Python.h>\nstatic PyObject *shared;\n#ifndef USE_CACHE\n#define USE_CACHE 0\n#endif\n"
        + "#if USE_CACHE\n" + hazard("cached") + "#endif\n";
    assertEquals(0, ft101(analyze("h.c", text, settings())));
  }

  @Test
  void anIncludeGuardNamedLikeAFeatureIsNeverAffected() throws IOException {
    String text = "#ifndef HAVE_GUARD_INCLUDED\n#define HAVE_GUARD_INCLUDED\n#include <Python.h>\n"
        + "static PyObject *shared;\n" + hazard("guarded") + "#endif\n";
    FileResult r = analyze("guarded.h", text, settings());
    assertEquals(1, ft101(r), "the guarded body is analyzed: " + r);
    assertFalse(r.includeSource().contains("HAVE_GUARD_INCLUDED"), r.includeSource());
  }

  @Test
  void aFeatureTestedOnlyInAProjectHeaderIsAssumedThere() throws IOException {
    Files.writeString(root.resolve("config.h"), "#if WITH_COUNTERS\n#define COUNTING 1\n#endif\n");
    String text = "#include <Python.h>\n#include \"config.h\"\nstatic PyObject *shared;\n#ifdef COUNTING\n"
        + hazard("counting") + "#endif\n";
    FileResult r = analyze("i.c", text, settings());
    assertEquals(1, ft101(r), r.toString());
    assertTrue(r.includeSource().contains("WITH_COUNTERS"), r.includeSource());
  }

  @Test
  void aFeatureAProjectHeaderDefinesIsNotAssumed() throws IOException {
    Files.writeString(root.resolve("config2.h"), "#define HAVE_LIBFOO 0\n");
    String text = "#include <Python.h>\n#include \"config2.h\"\nstatic PyObject *shared;\n#if HAVE_LIBFOO\n"
        + hazard("foo") + "#endif\n";
    FileResult r = analyze("j.c", text, settings());
    assertEquals(0, ft101(r), r.toString());
    assertFalse(r.includeSource().contains("HAVE_LIBFOO"), r.includeSource());
  }

  @Test
  void theCachedPreambleIsKeyedByTheAssumedSet() throws IOException {
    CParser parser = new CParser();
    Path file = root.resolve("k.c");
    SourceText src = new SourceText(file, under("#ifdef HAVE_LIBFOO", "with_foo"));
    CompileFlags on = new CompileFlags();
    CompileFlags off = new CompileFlags();
    off.assumeFeatures = false;
    assertTrue(parser.parse(src, on, Target.DEFAULT).includeSource().contains("HAVE_LIBFOO"));
    ParsedFile second = parser.parse(src, off, Target.DEFAULT);
    assertFalse(second.preambleReused(), "the policy off is another preamble");
    assertFalse(second.includeSource().contains("HAVE_LIBFOO"));
    SourceText other = new SourceText(file, under("#ifdef HAVE_LIBBAR", "with_bar"));
    ParsedFile third = parser.parse(other, on, Target.DEFAULT);
    assertTrue(third.includeSource().contains("HAVE_LIBBAR"), third.includeSource());
    assertTrue(parser.parse(src, on, Target.DEFAULT).preambleReused(), "the same file and flags reuse it");
  }

  @Test
  void whichNamesLookLikeFeatures() {
    for (String yes : List.of("HAVE_LIBFOO", "WITH_STATS", "USE_OPENSSL", "ENABLE_X", "SIMD_ENABLED", "SSL_SUPPORT",
        "ZSTD_AVAILABLE")) {
      assertTrue(FeatureMacros.looksLikeFeature(yes), yes);
    }
    for (String no : List.of("_WIN32", "MS_WINDOWS", "__APPLE__", "HAVE_UNISTD_H", "USE_WIN32_API", "HAVE_LINUX_FUTEX",
        "Py_GIL_DISABLED", "Py_LIMITED_API", "PY_VERSION_HEX", "NO_THREADS", "DISABLE_X", "WITHOUT_X", "HAS_X",
        "_HAVE_PRIVATE", "FOO_H", "MODULE_STATE")) {
      assertFalse(FeatureMacros.looksLikeFeature(no), no);
    }
    assertEquals(Set.of("HAVE_A", "WITH_B"), FeatureMacros.tested("#if HAVE_A /* USE_C */\n#elif defined(WITH_B)\n"));
  }
}
