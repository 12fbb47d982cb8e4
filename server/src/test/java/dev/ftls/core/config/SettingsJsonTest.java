package dev.ftls.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.ftls.core.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {
  private static Settings read(String json) {
    return SettingsJson.read(JsonParser.parseString(json));
  }

  @Test
  void readsEveryKey() {
    Settings s = read("{\"ftls\": {\"target\": \"3.13t\", \"select\": [\"FT1\"], \"ignore\": \"FT101\","
        + " \"severity\": {\"FT001\": \"error\"}, \"includePaths\": [\"inc\"], \"defines\": {\"A\": \"1\", \"B\": null},"
        + " \"compileCommands\": \"build\", \"python\": \"none\"}}");
    assertEquals(List.of(), s.problems);
    assertEquals("3.13t", s.target.toString());
    assertTrue(s.isEnabled("FT102") && !s.isEnabled("FT101") && !s.isEnabled("FT001"));
    assertEquals(Severity.ERROR, s.severityFor("FT001", Severity.WARNING));
    assertEquals(List.of("inc"), s.includePaths);
    assertEquals(List.of("A=1", "B"), s.defines);
    assertEquals("build", s.compileCommands);
    assertEquals("none", s.python);
  }

  @Test
  void unknownRuleIdsInTheEditorSettingsAreNamedProblems() {
    Settings s = read("{\"select\": [\"FT101\", \"FT999\"], \"severity\": {\"FT998\": \"error\"}}");
    assertEquals(List.of(
        "ftls settings: select: FT999 is not a rule of ftls; " + RuleIds.EXPECTED + "; ignored",
        "ftls settings: severity.FT998: FT998 is not a rule of ftls; " + RuleIds.EXPECTED + "; ignored"), s.problems);
    assertTrue(s.isEnabled("FT101") && !s.isEnabled("FT102"), "the known id still applies");
  }

  @Test
  void excludeAndPerFileIgnoresApplyToTheFilesTheyMatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) {
    Settings s = read("{\"exclude\": [\"build\", \"*_gen.c\"], \"perFileIgnores\": {\"src/vendor/**\": [\"FT1\"]}}");
    assertEquals(List.of(), s.problems);
    assertTrue(s.forFile(root.resolve("build/x.c"), root).excluded);
    assertTrue(s.forFile(root.resolve("a/b/spam_gen.c"), root).excluded);
    assertTrue(!s.forFile(root.resolve("src/spam.c"), root).excluded);
    Settings vendor = s.forFile(root.resolve("src/vendor/deep/lib.c"), root);
    assertTrue(!vendor.isEnabled("FT101") && vendor.isEnabled("FT001"));
    assertTrue(s.forFile(root.resolve("src/spam.c"), root).isEnabled("FT101"));
    Settings bad = read("{\"exclude\": [\"\"], \"perFileIgnores\": [\"x\"]}");
    assertEquals(2, bad.problems.size(), bad.problems.toString());
    assertTrue(bad.problems.get(0).startsWith("ftls settings: exclude: an empty pattern"), bad.problems.toString());
    assertTrue(bad.problems.get(1).startsWith("ftls settings: perFileIgnores: found an array"), bad.problems.toString());
  }

  @Test
  void emptyTablesFromNeovimAreEmptySettings() {
    assertEquals(List.of(), read("[]").problems);
    assertEquals(List.of(), read("{\"ftls\": []}").problems);
  }

  @Test
  void badValuesAreReportedByKeyAndDefaultsKept() {
    Settings s = read("{\"target\": \"4.0\", \"severity\": {\"FT001\": \"loud\"}, \"select\": [\"X1\"], \"colour\": 1}");
    assertEquals(Target.DEFAULT, s.target);
    assertEquals(4, s.problems.size(), s.problems.toString());
    assertTrue(s.problems.get(0).contains("target"), s.problems.toString());
    assertTrue(String.join(" ", s.problems).contains("colour"), s.problems.toString());
  }

  @Test
  void assumeFeaturesIsOnUnlessSetToFalse() {
    assertTrue(new Settings().assumeFeatures);
    assertTrue(!read("{\"ftls\": {\"assumeFeatures\": false}}").assumeFeatures);
    Settings bad = read("{\"assumeFeatures\": \"no\"}");
    assertTrue(bad.assumeFeatures && bad.problems.get(0).contains("assumeFeatures"), bad.problems.toString());
    Settings overlaid = Settings.overlay(read("{\"assumeFeatures\": false}"), read("{\"target\": \"3.13t\"}"));
    assertTrue(!overlaid.assumeFeatures, "a key the editor does not set comes from the project");
  }

  @Test
  void suppressionFixesAreOffUnlessSetToTrue() {
    assertTrue(!new Settings().suppressionFixes);
    assertTrue(read("{\"ftls\": {\"suppressionFixes\": true}}").suppressionFixes);
    Settings bad = read("{\"suppressionFixes\": \"yes\"}");
    assertTrue(!bad.suppressionFixes && bad.problems.get(0).contains("suppressionFixes"), bad.problems.toString());
    Settings overlaid = Settings.overlay(read("{\"suppressionFixes\": true}"), read("{\"target\": \"3.13t\"}"));
    assertTrue(overlaid.suppressionFixes, "a key the editor does not set comes from the project");
  }

  @Test
  void aRejectedValueDoesNotOverrideTheProject() {
    Settings project = read("{\"target\": \"3.13\", \"minimumPython\": \"3.10\"}");
    Settings editor = read("{\"target\": \"banana\", \"minimumPython\": \"new\"}");
    Settings s = Settings.overlay(project, editor);
    assertEquals("3.13", s.target.toString());
    assertEquals("3.10", s.minimumPython);
    assertEquals(2, s.problems.size(), s.problems.toString());
  }

  @Test
  void aNulInAPathIsAProblemAndTheOtherPathsStay() {
    Settings s = read("{\"includePaths\": [\"inc\", \"a\\u0000b\"], \"compileCommands\": \"b\\u0000\","
        + " \"python\": \"py\\u0000\", \"target\": \"3.13\"}");
    assertEquals(List.of("inc"), s.includePaths);
    assertEquals(null, s.compileCommands);
    assertEquals(null, s.python);
    assertEquals("3.13", s.target.toString());
    assertEquals(3, s.problems.size(), s.problems.toString());
    assertEquals("ftls settings: includePaths: \"a\\u0000b\" is not a valid path (nul character not allowed);"
        + " expected folder paths; ignored", s.problems.get(0));
    assertTrue(s.problems.get(1).startsWith("ftls settings: compileCommands: "), s.problems.toString());
    assertTrue(s.problems.get(2).startsWith("ftls settings: python: "), s.problems.toString());
  }

  @Test
  void invalidDefinesAreAProblemAndDoNotHideTheProjectsDefines() {
    Settings project = read("{\"defines\": [\"P=1\"]}");
    for (String bad : List.of("{\"A\": {}}", "{\"A\": [1, 2]}", "[1, {}]", "[[\"A\"]]", "[\"=1\"]")) {
      Settings editor = read("{\"ftls\": {\"defines\": " + bad + ", \"target\": \"3.13\"}}");
      assertEquals(1, editor.problems.size(), bad + ": " + editor.problems);
      assertTrue(editor.problems.get(0).startsWith("ftls settings: defines: "), editor.problems.toString());
      Settings s = Settings.overlay(project, editor);
      assertEquals(List.of("P=1"), s.defines, bad);
      assertEquals("3.13", s.target.toString(), bad);
    }
    Settings partly = read("{\"defines\": {\"A\": 2, \"B\": [1], \"C\": true, \"D\": null}}");
    assertEquals(List.of("A=2", "C=true", "D"), partly.defines);
    assertEquals(1, partly.problems.size(), partly.problems.toString());
    assertEquals(List.of("A=2", "C=true", "D"), Settings.overlay(project, partly).defines,
        "good items of a partly bad value still replace the project's");
  }
}
