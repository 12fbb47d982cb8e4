package dev.ftls.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor reads exclude and per-file-ignores through the same settings model as the CLI: the
 * effective settings of a file (pyproject.toml under the editor's) say it is excluded, and the
 * analysis skips it with the reason, which the editor shows as an information diagnostic.
 */
class ExcludeInTheEditorTest {
  @TempDir Path root;

  private static final String BORROW = "#include <Python.h>\nstatic PyObject *reg;\n"
      + "static PyObject *f(PyObject *s, PyObject *a) {\n    PyObject *x = PyList_GetItem(reg, 0);\n"
      + "    Py_XINCREF(x);\n    return x;\n}\n";

  private FileResult analyze(Path file, Settings editor) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, BORROW);
    Settings s = new ProjectConfig().effective(file, root, editor);
    return new Analyzer(JsonKnowledgeBase.builtin()).analyze(new SourceText(file, BORROW), new CompileFlags(), s);
  }

  @Test
  void anExcludedFileIsSkippedWithTheReason() throws IOException {
    Files.writeString(root.resolve("pyproject.toml"), "[tool.ftls]\nexclude = [\"third_party\"]\n"
        + "[tool.ftls.per-file-ignores]\n\"legacy/*.c\" = [\"FT101\"]\n");
    FileResult vendored = analyze(root.resolve("third_party/lib.c"), new Settings());
    assertEquals(FileResult.Status.SKIPPED, vendored.status());
    assertEquals(Analyzer.EXCLUDED, vendored.notAnalyzed());
    assertTrue(analyze(root.resolve("src/mod.c"), new Settings()).findings().stream()
        .anyMatch(f -> f.ruleId().equals("FT101")), "other files are analyzed");
    assertTrue(analyze(root.resolve("legacy/old.c"), new Settings()).findings().stream()
        .noneMatch(f -> f.ruleId().equals("FT101")), "per-file-ignores");
    Settings editor = SettingsJson.read(com.google.gson.JsonParser.parseString("{\"exclude\": [\"src\"]}"));
    assertEquals(FileResult.Status.SKIPPED, analyze(root.resolve("src/mod.c"), editor).status(),
        "the editor's own exclude, relative to the workspace, replaces the project's");
    assertEquals(FileResult.Status.ANALYZED, analyze(root.resolve("third_party/lib.c"), editor).status());
  }
}
