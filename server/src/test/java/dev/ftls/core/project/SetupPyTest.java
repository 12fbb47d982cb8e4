package dev.ftls.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** setup.py is tokenized, never run: literal Extension arguments are read, the rest is noted. */
class SetupPyTest {
  private static final Path DIR = Path.of("/proj").toAbsolutePath();

  private static ProjectBuild read(String text) {
    ProjectBuild b = new ProjectBuild(DIR);
    SetupPy.read(text, DIR, "setup.py", b);
    return b;
  }

  private static List<String> values(List<BuildFlags.Part> parts) {
    return parts.stream().map(BuildFlags.Part::value).toList();
  }

  /** The line (from 1) of the first line of {@code text} that contains {@code part}. */
  private static int lineOf(String text, String part) {
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      if (lines[n].contains(part)) {
        return n + 1;
      }
    }
    throw new AssertionError(part + " is not in the text");
  }

  @Test
  void literalArgumentsOfEachExtensionCallAreRead() {
    String text = """
        import setuptools
        from pybind11.setup_helpers import Pybind11Extension
        inc = ["src"]  # bound to a literal list
        inc += ['gen']
        exts = [
            setuptools.Extension(
                "pkg._a",
                ["src/a.c", 'src/b.c'],
                include_dirs=inc + ["."],
                define_macros=[("WITH_X", None), ("LEVEL", "2"), ('N', 3)],
                undef_macros=["NDEBUG"],
                extra_compile_args=["-O2", "-I", "third/party", "-DFAST=1", "-UOLD"],
            ),
            Pybind11Extension(name="pkg._b", sources=[r"src\\b.cpp"]),
        ]
        """;
    ProjectBuild b = read(text);
    assertEquals(2, b.units.size());
    BuildFlags a = b.units.get(0);
    assertEquals("pkg._a", a.name);
    assertEquals(List.of(DIR.resolve("src/a.c"), DIR.resolve("src/b.c")), List.copyOf(a.sources));
    assertEquals(List.of(DIR.resolve("src").toString(), DIR.resolve("gen").toString(), DIR.toString(),
        DIR.resolve("third/party").toString()), values(a.includeDirs));
    assertEquals(List.of("WITH_X", "LEVEL=2", "N=3", "FAST=1"), values(a.defines));
    assertEquals(List.of("NDEBUG", "OLD"), values(a.undefines));
    assertEquals(new Origin("setup.py", lineOf(text, "include_dirs=inc")), a.includeDirs.get(0).origin());
    assertEquals("pkg._b", b.units.get(1).name);
    assertEquals(List.of(), b.notes());
  }

  @Test
  void valuesThatAreNotLiteralAreSkippedAndNamed() {
    ProjectBuild b = read("""
        import os, glob
        from setuptools import Extension
        HERE = os.path.dirname(__file__)
        Extension("m",
                  sources=glob.glob("src/*.c"),
                  include_dirs=["inc", os.path.join(HERE, "include"), numpy.get_include()],
                  define_macros=[(n, "1") for n in FEATURES],
                  **extra)
        """);
    BuildFlags m = b.units.get(0);
    assertEquals(List.of(DIR.resolve("inc").toString()), values(m.includeDirs));
    assertTrue(m.sources.isEmpty() && m.defines.isEmpty());
    String notes = String.join("\n", b.notes());
    assertTrue(notes.contains("setup.py:5: sources: glob.glob(\"src/*.c\") is not a literal value"), notes);
    assertTrue(notes.contains("setup.py:6: include_dirs: os.path.join(HERE, \"include\") is not a literal"), notes);
    assertTrue(notes.contains("numpy.get_include()"), notes);
    assertTrue(notes.contains("setup.py:7: define_macros: [(n, \"1\") for n in FEATURES]"), notes);
    assertTrue(notes.contains("**extra"), notes);
    assertEquals(5, b.notes().size(), notes);
  }

  @Test
  void commentsStringsAndDefinitionsAreNotCalls() {
    ProjectBuild b = read("""
        # Extension("commented", include_dirs=["no"])
        doc = '''Extension("in a string", include_dirs=["no"]) ('''
        msg = f"Extension({x})"
        def Extension(name): pass
        class Extension(object): pass
        x = Extension("real", ["a.c"], include_dirs=["yes (really)"])  # paren ) in a comment
        """);
    assertEquals(1, b.units.size(), b.units.toString());
    assertEquals("real", b.units.get(0).name);
    assertEquals(List.of(DIR.resolve("yes (really)").toString()), values(b.units.get(0).includeDirs));
  }

  @Test
  void aNameReboundToSomethingElseIsNoLongerFollowed() {
    ProjectBuild b = read("""
        inc = ["old"]
        inc = compute()
        Extension("m", ["m.c"], include_dirs=inc)
        """);
    assertTrue(b.units.get(0).includeDirs.isEmpty());
    assertEquals(List.of("setup.py:3: include_dirs: inc is not a literal value ftls can read without running the build;"
        + " skipped"), b.notes());
  }

  @Test
  void stringPrefixesTripleQuotesAndContinuationsAreRead() {
    List<PythonTokens.Token> t = PythonTokens.of("a = rb'x\\\\y' + \\\n  \"\"\"one\ntwo\"\"\" # c\nb = 0x1F, 1e-3");
    assertEquals("x\\\\y", t.get(2).value());
    assertEquals("one\ntwo", t.get(4).value());
    assertEquals(2, t.get(4).line());
    assertEquals(PythonTokens.Kind.NEWLINE, t.get(5).kind());
    assertEquals("0x1F", t.get(8).text());
    assertEquals("1e-3", t.get(10).text());
  }
}
