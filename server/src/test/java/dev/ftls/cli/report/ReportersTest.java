package dev.ftls.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.rules.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportersTest {
  @Test
  void knownNames() {
    assertInstanceOf(TextReporter.class, Reporters.forFormat("text"));
    assertInstanceOf(JsonReporter.class, Reporters.forFormat("json"));
    assertInstanceOf(SarifReporter.class, Reporters.forFormat("sarif"));
    assertInstanceOf(GithubReporter.class, Reporters.forFormat("github"));
    assertInstanceOf(SarifReporter.class, Reporters.forFormat(" SARIF "));
    assertEquals(List.of("text", "json", "sarif", "github"), Reporters.names());
  }

  @Test
  void unknownNameListsValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Reporters.forFormat("xml"));
    assertTrue(e.getMessage().contains("'xml'"), e.getMessage());
    for (String name : Reporters.names()) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Reporters.forFormat(null));
    assertThrows(IllegalArgumentException.class, () -> Reporters.forFormat(""));
  }

  @Test
  void severityWordsForSarifAndGithub() {
    // severity -> {SARIF level, GitHub command}
    Map<Severity, List<String>> expected = Map.of(
        Severity.ERROR, List.of("error", "error"),
        Severity.WARNING, List.of("warning", "warning"),
        Severity.INFORMATION, List.of("note", "notice"),
        Severity.HINT, List.of("note", "notice"));
    for (Severity s : Severity.values()) {
      assertEquals(expected.get(s),
          List.of(SarifReporter.level(s), GithubReporter.command(s)), s.toString());
    }
  }

  @Test
  void toolVersionIsNeverBlank() {
    assertTrue(!Reporters.toolVersion().isBlank());
  }
}
