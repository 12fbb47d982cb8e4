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
}
