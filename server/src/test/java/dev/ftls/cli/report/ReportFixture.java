package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.FileResult;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.SourceText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shared test data: the C files under src/test/resources/report/src copied into a root directory,
 * findings placed on them by marker strings, a rule list, and golden-file comparison.
 */
final class ReportFixture {
  static final String TEST_VERSION = "0.0.0-test";

  static final RuleMeta FT101 =
      rule("FT101", "borrowed-reference", Severity.WARNING, "API returns a borrowed reference");
  static final RuleMeta FT102 =
      rule("FT102", "unicode-ready", Severity.HINT, "PyUnicode_READY is a no-op");
  static final RuleMeta FT201 =
      rule("FT201", "static-mutable-state", Severity.ERROR, "Mutable static module state");
  static final RuleMeta FT301 =
      rule("FT301", "missing-gil-slot", Severity.INFORMATION, "Module does not declare GIL use");
  /** Enabled but never found: SARIF must still list it. */
  static final RuleMeta FT999 =
      rule("FT999", "never-found", Severity.WARNING, "Rule without findings in the fixture");

  static final List<RuleMeta> RULES = List.of(FT101, FT102, FT201, FT301, FT999);

  final Path root;
  final SourceText spam;
  final SourceText unicode;
  final SourceText clean;
  final List<FileResult> results;

  ReportFixture(Path root) {
    this.root = root;
    this.spam = copy("src/spam.c");
    this.unicode = copy("src/unicode.c");
    this.clean = copy("src/clean.c");
    Finding borrowedList =
        finding(spam, "PyList_GetItem", FT101, "PyList_GetItem returns a borrowed reference",
            new Fix("Use PyList_GetItemRef (returns a new reference: release it)", false,
                List.of(edit(spam, "PyList_GetItem", "PyList_GetItemRef"))));
    Finding borrowedDictAlone =
        finding(spam, "PyDict_GetItem", FT101, "PyDict_GetItem returns a borrowed reference");
    int declared = offsetOf(spam, "registry;");
    Finding borrowedDict = new Finding(borrowedDictAlone.ruleId(), borrowedDictAlone.severity(),
        borrowedDictAlone.message(),
        "PyDict_GetItem returns a borrowed reference that another thread can invalidate by changing 'registry'",
        borrowedDictAlone.start(), borrowedDictAlone.end(), List.of(),
        List.of(new Finding.Related("'registry' is declared here", declared, declared + "registry".length())));
    Finding state =
        finding(spam, "registry;", FT201,
            "static 'registry' is shared, mutable state: 100% of threads see it, \"racily\"");
    Finding gilSlot =
        finding(spam, "PyModule_Create(&spam_module)", FT301,
            "module does not declare whether it needs the GIL",
            new Fix("Declare Py_MOD_GIL_NOT_USED", true,
                List.of(
                    edit(spam, "return PyModule_Create(&spam_module);",
                        "PyObject *m = PyModule_Create(&spam_module);\n"
                            + "    if (m != NULL) {\n"
                            + "        PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);\n"
                            + "    }\n"
                            + "    return m;"))));
    Finding ready =
        finding(unicode, "PyUnicode_READY(s);", FT102, "PyUnicode_READY does nothing since 3.12",
            new Fix("Remove the call", true, List.of(edit(unicode, "PyUnicode_READY(s);", ""))));
    Finding borrowedUnicode =
        finding(unicode, "PyList_GetItem", FT101, "PyList_GetItem returns a borrowed reference");
    // Deliberately out of order: reporters sort by path, then position.
    this.results =
        List.of(
            new FileResult(unicode, List.of(borrowedUnicode, ready), "prelude"),
            new FileResult(clean, List.of(), "prelude"),
            new FileResult(spam, List.of(gilSlot, borrowedDict, state, borrowedList), "prelude"));
  }

  /** Runs a reporter on the fixture and returns what it printed. */
  String run(Reporter reporter) {
    return run(reporter, results, RULES, root);
  }

  static final String BINARY_REASON = "it looks binary (it contains NUL bytes)";
  static final String DEEP_ERROR = "rule FT303 stopped: the file nests too deeply";
  static final String VENDORED_REASON = "a vendored copy of pythoncapi_compat.h";
  static final String NOTE = "#include \"/dev/zero\" was not read: not a regular file (a character device)";
  static final String CONFIG_PROBLEM = "pyproject.toml [tool.ftls]: defines: found a table, "
      + "expected a list of strings like [\"NAME=VALUE\"]; ignored";

  /**
   * The fixture's files, but not every file analyzed: src/blob.c not analyzed, src/deep.c
   * incomplete (with one FT201 error on "deep"), src/pythoncapi_compat.h skipped, a note on
   * src/clean.c, and one configuration problem (twice: a run reports each once).
   */
  RunResults statusRun() {
    SourceText deep = new SourceText(root.resolve("src/deep.c"), "int deep;\n");
    return new RunResults(
        List.of(
            results.get(0),
            results.get(2),
            new FileResult(deep, List.of(finding(deep, "deep", FT201, "m")), "prelude", List.of(DEEP_ERROR)),
            FileResult.notAnalyzed(new SourceText(root.resolve("src/blob.c"), ""), BINARY_REASON),
            new FileResult(clean, List.of(), "prelude").withNotes(List.of(NOTE)),
            FileResult.skipped(new SourceText(root.resolve("src/pythoncapi_compat.h"), ""), VENDORED_REASON)),
        List.of(CONFIG_PROBLEM, CONFIG_PROBLEM));
  }

  /** Runs a reporter on {@link #statusRun()}. */
  String runStatuses(Reporter reporter) {
    return run(reporter, statusRun(), RULES, root);
  }

  /** Runs a reporter on one file's findings, with the fixture's rules and root. */
  String runOn(Reporter reporter, SourceText source, Finding... findings) {
    return run(reporter, List.of(new FileResult(source, List.of(findings), "prelude")), RULES, root);
  }

  /**
   * Writes {@code int x;} to {@code file} (usually outside the root) and runs a reporter on
   * it with one FT201 error on {@code x}, message "m", at 1:5.
   */
  String runOnSmallFile(Reporter reporter, Path file) throws IOException {
    Files.writeString(file, "int x;\n", StandardCharsets.UTF_8);
    SourceText src = new SourceText(file, "int x;\n");
    return runOn(reporter, src, finding(src, "x", FT201, "m"));
  }

  static String run(Reporter reporter, List<FileResult> results, List<RuleMeta> rules, Path root) {
    return run(reporter, RunResults.of(results), rules, root);
  }

  static String run(Reporter reporter, RunResults run, List<RuleMeta> rules, Path root) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      reporter.report(run, rules, root, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private SourceText copy(String resource) {
    try (InputStream in = ReportFixture.class.getResourceAsStream("/report/" + resource)) {
      assertNotNull(in, "missing test resource report/" + resource);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Path file = root.resolve(resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return new SourceText(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Start offset of {@code marker}, which must occur exactly once in the source. */
  static int offsetOf(SourceText source, String marker) {
    int at = source.text().indexOf(marker);
    assertTrue(at >= 0, "marker not found: " + marker);
    assertEquals(at, source.text().lastIndexOf(marker), "marker not unique: " + marker);
    return at;
  }

  static Finding finding(
      SourceText source, String marker, RuleMeta rule, String message, Fix... fixes) {
    int start = offsetOf(source, marker);
    return new Finding(
        rule.id(), rule.defaultSeverity(), message, start, start + marker.length(), List.of(fixes));
  }

  static TextEdit edit(SourceText source, String marker, String newText) {
    int start = offsetOf(source, marker);
    return new TextEdit(start, start + marker.length(), newText);
  }

  /**
   * 1-based line and UTF-16 column of an offset, counted here from the raw text (independently of
   * LineIndex) so tests can check what reporters print.
   */
  static int[] lineColumn(SourceText source, int offset) {
    String text = source.text();
    int line = 1;
    int lineStart = 0;
    for (int k = 0; k < offset; k++) {
      if (text.charAt(k) == '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }

  private static RuleMeta rule(String id, String name, Severity severity, String summary) {
    String docs =
        "# " + id + " " + name + "\n\n" + summary + ".\n\n## What it flags\n\n`<code>` & \"quotes\".\n";
    return new RuleMeta(id, name, severity, summary, docs, true);
  }

  /**
   * Compares {@code actual} with the golden file src/test/resources/report/{name}; with
   * -Dftls.regenerate=true it rewrites the golden file instead.
   */
  static void assertGolden(String name, String actual) throws IOException {
    Path golden = goldenDir().resolve(name);
    if (Boolean.getBoolean("ftls.regenerate")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      System.out.println("regenerated " + golden);
      return;
    }
    assertTrue(Files.isRegularFile(golden),
        "missing golden file " + golden + "; run the tests with -Dftls.regenerate=true");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        "output differs from " + name + " (rerun with -Dftls.regenerate=true if intended)");
  }

  /** The checked-in source directory of the goldens (not the copy on the class path). */
  static Path goldenDir() {
    return repoRoot().resolve("server/src/test/resources/report");
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("ftls.repoRoot", "..")).toAbsolutePath().normalize();
  }
}
