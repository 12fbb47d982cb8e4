package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubReporterTest {
  @TempDir Path root;

  @Test
  void matchesGolden() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    ReportFixture.assertGolden("expected.github.txt", fx.run(new GithubReporter()));
  }

  @Test
  void oneCommandPerFindingWithRangeAndTitle() {
    ReportFixture fx = new ReportFixture(root);
    List<String> lines = fx.run(new GithubReporter()).lines().toList();
    assertEquals(6, lines.size(), lines.toString());
    int start = ReportFixture.offsetOf(fx.spam, "PyDict_GetItem");
    int[] s = ReportFixture.lineColumn(fx.spam, start);
    int[] e = ReportFixture.lineColumn(fx.spam, start + "PyDict_GetItem".length());
    String expected = "::warning file=src/spam.c,line=" + s[0] + ",col=" + s[1]
        + ",endLine=" + e[0] + ",endColumn=" + e[1]
        + ",title=FT101 (borrowed-reference)::PyDict_GetItem returns a borrowed reference";
    assertTrue(lines.contains(expected), lines.toString());
  }

  @Test
  void escapesMessageAndProperties() throws Exception {
    ReportFixture fx = new ReportFixture(root);
    Path file = root.resolve("odd,name:1.c");
    String text = "int x;\n";
    Files.writeString(file, text);
    SourceText src = new SourceText(file, text);
    Finding f = ReportFixture.finding(src, "x", ReportFixture.FT201, "100% bad:\r\nsee, here");
    Finding unknownRule = new Finding("FT000", Severity.HINT, "h", 0, 3, List.of());
    String out = fx.runOn(new GithubReporter(), src, f, unknownRule);
    assertEquals(
        "::notice file=odd%2Cname%3A1.c,line=1,col=1,endLine=1,endColumn=4,title=FT000::h\n"
            + "::error file=odd%2Cname%3A1.c,line=1,col=5,endLine=1,endColumn=6,"
            + "title=FT201 (static-mutable-state)::100%25 bad:%0D%0Asee, here\n",
        out);
  }

  @Test
  void escapingFunctions() {
    assertEquals("a%25b%0Dc%0Ad:e,f", GithubReporter.escapeData("a%b\rc\nd:e,f"));
    assertEquals("a%25b%0Dc%0Ad%3Ae%2Cf", GithubReporter.escapeProperty("a%b\rc\nd:e,f"));
  }

  @Test
  void noFindingsPrintsNothing() {
    ReportFixture fx = new ReportFixture(root);
    String out = fx.runOn(new GithubReporter(), fx.clean);
    assertEquals("", out);
  }

  @Test
  void filesNotAnalyzedInFullAndConfigurationProblemsAreAnnotated() {
    ReportFixture fx = new ReportFixture(root);
    List<String> lines = fx.runStatuses(new GithubReporter()).lines().toList();
    int first = lines.indexOf("::error file=src/blob.c::ftls did not analyze this file: "
        + ReportFixture.BINARY_REASON);
    assertTrue(first > 0, lines.toString());
    assertEquals(
        List.of(
            "::error file=src/blob.c::ftls did not analyze this file: " + ReportFixture.BINARY_REASON,
            "::notice file=src/clean.c::" + ReportFixture.NOTE,
            "::warning file=src/deep.c::ftls analyzed only part of this file: " + ReportFixture.DEEP_ERROR,
            "::warning::" + ReportFixture.CONFIG_PROBLEM),
        lines.subList(first, lines.size()));
    assertFalse(lines.toString().contains("pythoncapi_compat.h"), "a file skipped on purpose needs no annotation");
  }
}
