package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.rules.Finding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReporterTest {
  @TempDir Path root;

  @Test
  void matchesGolden() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    ReportFixture.assertGolden("expected.txt", fx.run(new TextReporter()));
  }

  @Test
  void linesAreSortedByPathThenPositionWithOneBasedPositions() {
    ReportFixture fx = new ReportFixture(root);
    List<String> lines = fx.run(new TextReporter()).lines().toList();
    int at = ReportFixture.offsetOf(fx.spam, "PyList_GetItem");
    int[] lc = ReportFixture.lineColumn(fx.spam, at);
    assertTrue(lines.contains("src/spam.c:" + lc[0] + ":" + lc[1]
        + ": FT101 warning: PyList_GetItem returns a borrowed reference [-]"), lines.toString());
    List<String> findingLines = lines.subList(0, 6);
    for (String l : findingLines) {
      assertTrue(l.matches("src/(spam|unicode)\\.c:\\d+:\\d+: FT\\d{3} \\w+: .*"), l);
    }
    List<String> spamLines = findingLines.subList(0, 4);
    assertTrue(spamLines.stream().allMatch(l -> l.startsWith("src/spam.c:")), spamLines.toString());
    int previous = 0;
    for (String l : spamLines) {
      int line = Integer.parseInt(l.split(":")[1]);
      assertTrue(line > previous, "not sorted: " + findingLines);
      previous = line;
    }
    assertTrue(findingLines.get(4).startsWith("src/unicode.c:"));
  }

  @Test
  void columnsCountUtf16CodeUnitsAfterNonBmpCharacters() {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.run(new TextReporter());
    int at = ReportFixture.offsetOf(fx.unicode, "PyUnicode_READY(s);");
    int[] lc = ReportFixture.lineColumn(fx.unicode, at);
    String text = fx.unicode.text();
    int lineStart = text.lastIndexOf('\n', at) + 1;
    int codePointColumn = text.codePointCount(lineStart, at) + 1;
    // Two snakes before the call: UTF-16 counts them twice each.
    assertEquals(codePointColumn + 2, lc[1]);
    assertTrue(out.contains("src/unicode.c:" + lc[0] + ":" + lc[1] + ": FT102 hint: "), out);
    assertFalse(out.contains("src/unicode.c:" + lc[0] + ":" + codePointColumn + ":"), out);
  }

  @Test
  void marksSafeFixesOnlyAndCountsThemInTheSummary() {
    ReportFixture fx = new ReportFixture(root);
    List<String> lines = fx.run(new TextReporter()).lines().toList();
    List<String> marked = lines.stream().filter(l -> l.endsWith(" [*]")).toList();
    assertEquals(2, marked.size(), lines.toString());
    assertTrue(marked.stream().anyMatch(l -> l.contains("FT301")));
    assertTrue(marked.stream().anyMatch(l -> l.contains("FT102")));
    // FT101 on PyList_GetItem has only an unsafe fix: marked as such
    assertTrue(lines.stream().anyMatch(l -> l.contains("PyList_GetItem returns") && l.endsWith(" [-]")), lines.toString());
    assertEquals(
        List.of(
            "Found 6 findings (1 error, 3 warnings, 1 information, 1 hint) in 2 files.",
            "[*] 2 fixable with --fix.",
            "[-] 1 more fixable with --fix --unsafe-fixes (unsafe: read each fix's title first)."),
        lines.subList(lines.size() - 3, lines.size()));
  }

  @Test
  void singularSummaryAndNoFixLine() {
    ReportFixture fx = new ReportFixture(root);
    Finding one = ReportFixture.finding(fx.spam, "PyDict_GetItem", ReportFixture.FT101, "m");
    String out = fx.runOn(new TextReporter(), fx.spam, one);
    assertTrue(out.endsWith("\nFound 1 finding (1 warning) in 1 file.\n"), out);
    assertFalse(out.contains("[*]"), out);
  }

  @Test
  void noFindings() {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.runOn(new TextReporter(), fx.clean);
    assertEquals("No findings.\n", out);
  }

  @Test
  void multiLineMessagesStayOnOneLine() {
    ReportFixture fx = new ReportFixture(root);
    Finding f = ReportFixture.finding(fx.spam, "PyDict_GetItem", ReportFixture.FT101, "a\nb\r\nc");
    String out = fx.runOn(new TextReporter(), fx.spam, f);
    assertTrue(out.lines().findFirst().orElseThrow().endsWith(": FT101 warning: a b c"), out);
  }

  @Test
  void filesOutsideRootArePrintedAbsolute(@TempDir Path elsewhere) throws Exception {
    ReportFixture fx = new ReportFixture(root);
    Path file = elsewhere.resolve("other.c");
    String out = fx.runOnSmallFile(new TextReporter(), file);
    String first = out.lines().findFirst().orElseThrow();
    assertEquals(file.toAbsolutePath().normalize() + ":1:5: FT201 error: m", first);
  }

  @Test
  void everyFileThatWasNotAnalyzedInFullGetsALineAndTheSummaryCountsThem() {
    ReportFixture fx = new ReportFixture(root);
    List<String> lines = fx.runStatuses(new TextReporter()).lines().toList();
    assertTrue(lines.contains("src/deep.c:1:5: FT201 error: m"), lines.toString());
    int first = lines.indexOf("src/blob.c: not analyzed: " + ReportFixture.BINARY_REASON);
    assertTrue(first > 0, lines.toString());
    // sorted by path, after the findings, then the configuration problem (once), then the summary
    assertEquals(
        List.of(
            "src/blob.c: not analyzed: " + ReportFixture.BINARY_REASON,
            "src/clean.c: note: " + ReportFixture.NOTE,
            "src/deep.c: incomplete: " + ReportFixture.DEEP_ERROR,
            "src/pythoncapi_compat.h: skipped: " + ReportFixture.VENDORED_REASON,
            "configuration problem: " + ReportFixture.CONFIG_PROBLEM,
            "Found 7 findings (2 errors, 3 warnings, 1 information, 1 hint) in 3 files.",
            "[*] 2 fixable with --fix.",
            "[-] 1 more fixable with --fix --unsafe-fixes (unsafe: read each fix's title first).",
            "1 file not analyzed, 1 file incomplete."),
        lines.subList(first, lines.size()));
  }

  @Test
  void noExtraLinesWhenEveryFileWasAnalyzed() {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.run(new TextReporter());
    assertFalse(out.contains("not analyzed") || out.contains("incomplete") || out.contains("configuration"), out);
  }
}
