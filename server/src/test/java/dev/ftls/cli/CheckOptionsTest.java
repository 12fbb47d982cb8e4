package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options that make `ftls check` fit the habits of ruff users: --exit-zero, --fail-on,
 * --statistics, --exclude and per-file ignores, baselines, and unknown rule ids refused.
 */
class CheckOptionsTest {
  @TempDir Path dir;

  @BeforeEach
  void copyDemo() throws IOException {
    CheckRun.copyDemo(dir);
  }

  private CheckRun check(String... args) {
    return CheckRun.in(dir, args);
  }

  @Test
  void everyNewOptionIsInTheHelpAndTheReadme() throws IOException {
    String readme = Files.readString(dev.ftls.kbgen.RepoRoot.find().resolve("README.md"));
    for (String opt : new String[] {"--exit-zero", "--fail-on", "--statistics", "--exclude", "--extend-exclude",
        "--write-baseline", "--baseline", "--timings"}) {
      assertTrue(dev.ftls.Main.USAGE.contains(" " + opt + " ") || dev.ftls.Main.USAGE.contains(" " + opt + "\n")
          || dev.ftls.Main.USAGE.contains(" " + opt + ","), opt + " missing in the help");
      assertTrue(readme.contains("\n| `" + opt), opt + " missing in README's check options table");
    }
  }

  @Test
  void exitZeroStillReportsTheFindings() {
    CheckRun r = check("--exit-zero", "demo");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("demo/spam.c:10:22: FT101 warning: "), r.out());
    CheckRun missing = check("--exit-zero", "demo", "nothing-here.c");
    assertEquals(3, missing.code(), "a file not analyzed still says so: " + missing.err());
  }

  @Test
  void unsafeFixesAreVisibleInTheTextOutput() {
    CheckRun r = check("demo");
    assertTrue(r.out().contains("demo/spam.c:10:22: FT101 warning: ") && r.out().contains(" [*]\n"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("demo/spam.c:43:1: FT001 ") && l.endsWith(" [-]")), r.out());
    assertTrue(r.out().endsWith("[*] 1 fixable with --fix.\n"
        + "[-] 1 more fixable with --fix --unsafe-fixes (unsafe: read each fix's title first).\n"), r.out());
    CheckRun diff = check("--diff", "--unsafe-fixes", "demo");
    assertTrue(diff.out().contains("\n# FT001 (unsafe fix): ") || diff.out().startsWith("# FT001 (unsafe fix): "), diff.out());
  }

  @Test
  void informationAloneDoesNotFailTheRunUnlessAsked() throws IOException {
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftls]\nseverity = { FT101 = \"information\" }\n");
    CheckRun byDefault = check("--select", "FT101", "demo");
    assertTrue(byDefault.out().contains("FT101 information: "), byDefault.out());
    assertEquals(0, byDefault.code(), "the default --fail-on is warning");
    assertEquals(1, check("--select", "FT101", "--fail-on", "information", "demo").code());
    assertEquals(1, check("--select", "FT101", "--fail-on=hint", "demo").code());
    Files.delete(dir.resolve("pyproject.toml"));
    assertEquals(1, check("--fail-on", "warning", "demo").code(), "warnings fail at warning");
    assertEquals(0, check("--fail-on", "error", "demo").code(), "only errors fail at error");
    CheckRun bad = check("--fail-on", "loud", "demo");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--fail-on needs one of error, warning, information, hint, not 'loud'"), bad.err());
  }

  @Test
  void statisticsCountEachRule() throws IOException {
    Files.copy(dir.resolve("demo/spam.c"), dir.resolve("demo/eggs.c"));
    CheckRun text = check("--statistics", "demo");
    assertEquals(1, text.code(), text.err());
    assertEquals("2\tFT001\t[-] module-without-gil-declaration\n2\tFT101\t[*] borrowed-reference-from-shared-container\n",
        text.out());
    CheckRun json = check("--statistics", "--format", "json", "demo");
    JsonArray rows = JsonParser.parseString(json.out()).getAsJsonArray();
    JsonObject ft101 = rows.get(1).getAsJsonObject();
    assertEquals("FT101", ft101.get("code").getAsString());
    assertEquals(2, ft101.get("count").getAsInt());
    assertEquals(2, ft101.get("fixable").getAsInt());
    CheckRun sarif = check("--statistics", "--format", "sarif", "demo");
    assertEquals(2, sarif.code());
    assertTrue(sarif.err().contains("--statistics prints text or json"), sarif.err());
  }

  @Test
  void timingsPrintTheCpuOfEachPhaseOnStderrAndChangeNothingElse() {
    CheckRun plain = check("demo");
    CheckRun timed = check("--timings", "demo");
    assertEquals(plain.out(), timed.out());
    assertEquals(plain.code(), timed.code());
    assertFalse(plain.err().contains("CPU time by phase"), plain.err());
    assertTrue(timed.err().contains("ftls: CPU time by phase over 1 file(s)"), timed.err());
    // a row for each rule that ran and for the file's parse, each once
    java.util.regex.Pattern row = java.util.regex.Pattern.compile("\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d%\\s+1  (.+)");
    java.util.Set<String> phases = new java.util.HashSet<>();
    timed.err().lines().map(row::matcher).filter(java.util.regex.Matcher::matches).forEach(m -> phases.add(m.group(1)));
    assertTrue(phases.containsAll(java.util.List.of("rule FT101", "rule FT001", "parse: files")), timed.err());
    assertTrue(timed.err().contains(" 100.0%           all timed phases\n"), timed.err());
    assertTrue(timed.err().contains("ftls: of its time, garbage collection "), timed.err());
    // off again: the next run without the option times nothing
    assertFalse(check("demo").err().contains("CPU time by phase"));
  }

  @Test
  void unknownRuleIdsAreRefusedByName() throws IOException {
    CheckRun select = check("--select", "FT999", "demo");
    assertEquals(2, select.code(), "not 'No findings.' and 0");
    assertTrue(select.err().contains("--select: FT999 is not a rule of ftls"), select.err());
    assertEquals("", select.out());
    CheckRun several = check("--ignore", "FT101,FT77,FT8", "demo");
    assertEquals(2, several.code());
    assertTrue(several.err().contains("FT77, FT8 are not rules of ftls"), several.err());
    assertEquals(1, check("--select", "FT1", "demo").code(), "a prefix of real rules is fine");
    Files.writeString(dir.resolve("pyproject.toml"), "[tool.ftls]\nselect = [\"FT101\", \"FT999\"]\n");
    CheckRun project = check("demo");
    assertTrue(project.err().contains("pyproject.toml [tool.ftls]: select: FT999 is not a rule of ftls;"), project.err());
    assertTrue(project.out().contains("configuration problem: pyproject.toml [tool.ftls]: select: FT999"), project.out());
    assertTrue(project.out().contains("FT101") && !project.out().contains("FT001"), "FT101 still selected: " + project.out());
  }

  @Test
  void excludeLeavesFilesOutWherePatternsSay() throws IOException {
    Files.createDirectories(dir.resolve("demo/vendor"));
    Files.copy(dir.resolve("demo/spam.c"), dir.resolve("demo/vendor/lib.c"));
    Files.copy(dir.resolve("demo/spam.c"), dir.resolve("demo/spam_gen.c"));
    assertTrue(check("demo").out().contains("demo/vendor/lib.c"));
    CheckRun byName = check("--exclude", "vendor,*_gen.c", "demo");
    assertEquals(1, byName.code());
    assertTrue(byName.out().contains("demo/spam.c:") && !byName.out().contains("lib.c")
        && !byName.out().contains("spam_gen.c"), byName.out());
    CheckRun anchored = check("--exclude", "vendor", "--exclude=demo/spam*.c", "demo");
    assertEquals("No findings.\n", anchored.out());
    assertEquals(0, anchored.code());
    assertTrue(check("--exclude", "/vendor", "demo").out().contains("lib.c"), "a leading / anchors at the current folder");
    CheckRun given = check("--exclude", "demo/vendor/**", "demo/vendor/lib.c");
    assertEquals("No findings.\n", given.out(), "a file given by name is left out too");
    CheckRun badGlob = check("--exclude", "[abc", "demo");
    assertEquals(2, badGlob.code());
    assertTrue(badGlob.err().contains("has a [ without its ]"), badGlob.err());
  }

  @Test
  void pyprojectExcludeIsRelativeToItsFolderAndTheFlagsReplaceOrExtendIt() throws IOException {
    Files.createDirectories(dir.resolve("demo/vendor"));
    Files.copy(dir.resolve("demo/spam.c"), dir.resolve("demo/vendor/lib.c"));
    Files.writeString(dir.resolve("demo/pyproject.toml"), "[tool.ftls]\nexclude = [\"/vendor\"]\n");
    CheckRun project = check("demo");
    assertTrue(project.out().contains("demo/spam.c:") && !project.out().contains("lib.c"), project.out());
    CheckRun replaced = check("--exclude", "nothing", "demo");
    assertTrue(replaced.out().contains("lib.c"), "--exclude replaces the project's list: " + replaced.out());
    CheckRun extended = check("--extend-exclude", "spam.c", "demo");
    assertEquals("No findings.\n", extended.out(), "--extend-exclude adds to it");
    Files.writeString(dir.resolve("demo/pyproject.toml"), "[tool.ftls]\nexclude = \"vendor\"\n");
    assertFalse(check("demo").out().contains("lib.c"), "one string is a list of one");
    Files.writeString(dir.resolve("demo/pyproject.toml"), "[tool.ftls]\nexclude = 5\n");
    CheckRun bad = check("demo");
    assertTrue(bad.out().contains("lib.c"), "a bad value is ignored: " + bad.out());
    assertTrue(bad.err().contains("demo/pyproject.toml [tool.ftls]: exclude: found the number 5"), bad.err());
  }

  @Test
  void perFileIgnoresSilenceRulesOnMatchingFiles() throws IOException {
    Files.createDirectories(dir.resolve("demo/vendor"));
    Files.copy(dir.resolve("demo/spam.c"), dir.resolve("demo/vendor/lib.c"));
    Files.writeString(dir.resolve("demo/pyproject.toml"),
        "[tool.ftls.per-file-ignores]\n\"vendor/*.c\" = [\"FT1\"]\n\"spam.c\" = [\"FT001\", \"FT998\"]\n");
    CheckRun r = check("demo");
    assertTrue(r.out().contains("demo/vendor/lib.c:43:1: FT001"), r.out());
    assertFalse(r.out().contains("demo/vendor/lib.c:10:22: FT101"), r.out());
    assertTrue(r.out().contains("demo/spam.c:10:22: FT101"), r.out());
    assertFalse(r.out().contains("demo/spam.c:43:1: FT001"), r.out());
    assertTrue(r.err().contains("per-file-ignores.\"spam.c\": FT998 is not a rule of ftls"), r.err());
  }

  @Test
  void aBaselineHidesKnownFindingsEvenWhenLinesMove() throws IOException {
    CheckRun write = check("--write-baseline", "ftls-baseline.json", "demo");
    assertEquals(0, write.code(), write.err());
    assertTrue(write.err().contains("wrote 2 finding(s) to ftls-baseline.json"), write.err());
    String json = Files.readString(dir.resolve("ftls-baseline.json"));
    assertTrue(json.contains("\"function\": \"spam_first\"") && json.contains("\"rule\": \"FT101\"")
        && !json.contains("\"line\""), json);
    CheckRun hidden = check("--baseline", "ftls-baseline.json", "demo");
    assertEquals(0, hidden.code(), hidden.out());
    assertEquals("No findings.\n", hidden.out());
    // lines added above: the findings stay hidden
    Path spam = dir.resolve("demo/spam.c");
    String text = Files.readString(spam);
    Files.writeString(spam, text.replace("static PyObject *registry;", "/* one\n * two\n */\nstatic PyObject *registry;"));
    assertEquals("No findings.\n", check("--baseline", "ftls-baseline.json", "demo").out());
    // the same call a second time in the same function: counted, so the new one shows
    String twice = Files.readString(spam).replace("    if (item == NULL) {\n        return NULL;\n    }\n    Py_INCREF(item);",
        "    if (item == NULL) {\n        return NULL;\n    }\n    PyObject *item = PyList_GetItem(registry, 0);\n    Py_INCREF(item);");
    Files.writeString(spam, twice.replaceFirst("PyObject \\*item = PyList_GetItem", "item = PyList_GetItem"));
    Files.writeString(spam, twice);
    CheckRun duplicate = check("--baseline", "ftls-baseline.json", "--select", "FT101", "demo");
    assertEquals(1, duplicate.code(), duplicate.out());
    assertTrue(duplicate.out().contains("Found 1 finding"), duplicate.out());
    assertTrue(duplicate.err().contains("1 finding(s) hidden by the baseline"), duplicate.err());
  }

  @Test
  void aBaselineThatCannotBeUsedIsAUsageError() throws IOException {
    Files.writeString(dir.resolve("b.json"), "{\"something\": 1}");
    CheckRun r = check("--baseline", "b.json", "demo");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--baseline b.json: the file is not an ftls baseline"), r.err());
    CheckRun missing = check("--baseline", "none.json", "demo");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--baseline none.json: the file cannot be read"), missing.err());
    assertEquals(2, check("--baseline", "b.json", "--fix", "demo").code());
  }
}
