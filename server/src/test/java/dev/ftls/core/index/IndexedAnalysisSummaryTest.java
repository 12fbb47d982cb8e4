package dev.ftls.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file analyzed while the project index is built is summarized from the analysis's own parse
 * and facts: the summary is the one the file alone gives, although the analysis saw the project
 * (here a global another file defines, whose writes its facts hold and a summary leaves out).
 */
class IndexedAnalysisSummaryTest {
  @TempDir Path dir;

  @Test
  void theSummaryOfAnAnalysisThatSawTheProjectIsTheFilesAlone() throws Exception {
    ProjectIndex index = new ProjectIndex();
    FileSummary other = Summaries.of(dir, "a.c", "#include <Python.h>\nint total;\nint get_total(void) { return total; }\n");
    index.put(Path.of(other.path()), other);
    String text = """
        #include <Python.h>
        static int local_count;
        int b_exported;
        static PyObject *bump(PyObject *self, PyObject *arg)
        {
            local_count++;
            b_exported = 1;
            total += 1;
            Py_RETURN_NONE;
        }
        static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "b", NULL, -1, NULL};
        PyMODINIT_FUNC PyInit_b(void)
        {
            return PyModule_Create(&def);
        }
        """;
    Path file = dir.resolve("b.c");
    Files.writeString(file, text);
    CompileFlags flags = Summaries.flags(dir, file, text);
    String stamp = Summarizer.stamp(text, flags.key());
    SourceText src = new SourceText(file, text);
    Analyzer.Indexed analyzed = Summaries.ANALYZER.analyzeForIndex(src, flags, Summaries.settings(), ProjectFacts.NONE,
        index, stamp);
    // the analysis knew total as another file's global and judged its write
    assertTrue(analyzed.result().findings().stream().anyMatch(f -> f.message().contains("'total'")),
        analyzed.result().findings().toString());
    FileSummary alone = Summaries.ANALYZER.summarize(src, flags, Summaries.settings(), stamp);
    assertEquals(alone, analyzed.summary());
    assertEquals(List.of("local_count", "b_exported"), Summaries.function(analyzed.summary(), "bump").globalWrites());
    assertEquals("module initialization", Summaries.function(analyzed.summary(), "PyInit_b").rootReason());
  }
}
