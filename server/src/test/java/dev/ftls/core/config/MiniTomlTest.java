package dev.ftls.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniTomlTest {
  @Test
  @SuppressWarnings("unchecked")
  void readsAPyprojectLikeDocument() {
    Map<String, Object> doc = MiniToml.parse("""
        # comment
        [build-system]
        requires = ["setuptools>=61", 'wheel']   # trailing comment
        [project]
        name = "spam"
        requires-python = ">=3.9"
        description = \"\"\"
        multi "line"
        \"\"\"
        [tool.ftls]
        target = "3.13t"
        ignore = [
          "FT101",  # no borrowed refs
          "FT3",
        ]
        severity = { FT001 = "error", "FT201" = 'hint' }
        [tool.other]
        n = 1_000
        f = 1.5
        on = true
        when = 1979-05-27T07:32:00Z
        [[tool.cibuildwheel.overrides]]
        select = "*"
        """);
    Map<String, Object> ftls = (Map<String, Object>) ((Map<String, Object>) doc.get("tool")).get("ftls");
    assertEquals("3.13t", ftls.get("target"));
    assertEquals(List.of("FT101", "FT3"), ftls.get("ignore"));
    assertEquals(Map.of("FT001", "error", "FT201", "hint"), ftls.get("severity"));
    Map<String, Object> other = (Map<String, Object>) ((Map<String, Object>) doc.get("tool")).get("other");
    assertEquals(1000L, other.get("n"));
    assertEquals(1.5, other.get("f"));
    assertEquals(true, other.get("on"));
    assertEquals(">=3.9", ((Map<String, Object>) doc.get("project")).get("requires-python"));
    assertEquals("multi \"line\"\n", ((Map<String, Object>) doc.get("project")).get("description"));
  }

  @Test
  void errorsNameTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MiniToml.parse("[tool.ftls]\ntarget = \"3.14t\nignore = []\n"));
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MiniToml.parse("a = [1, 2\n"));
    assertThrows(IllegalArgumentException.class, () -> MiniToml.parse("a = 1 b\n"));
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "a = " + "[".repeat(100_000) + "\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MiniToml.parse(deep));
    assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
    String tables = "a = " + "{b = ".repeat(100_000) + "\n";
    assertThrows(IllegalArgumentException.class, () -> MiniToml.parse(tables));
    assertEquals(List.of(List.of(List.of(1L))), MiniToml.parse("a = [[[1]]]\n").get("a"));
  }
}
