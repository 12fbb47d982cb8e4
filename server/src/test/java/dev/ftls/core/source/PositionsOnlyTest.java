package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A report held until a check ends keeps each file's positions, not its text: the same lines and
 * columns as the whole text gives, and a clear failure for whatever would still read the text.
 */
class PositionsOnlyTest {
  @Test
  void theLinesAndColumnsStayAndTheTextIsLetGo() {
    String text = "int a;\r\n/* é */ int b;\n\nstatic int c;\n";
    SourceText whole = new SourceText(Path.of("a.c"), text);
    SourceText kept = whole.positionsOnly();
    assertEquals(whole.path(), kept.path());
    for (int offset = 0; offset <= text.length(); offset++) {
      assertEquals(whole.lines().line(offset), kept.lines().line(offset), "line of " + offset);
      assertEquals(whole.lines().column(offset), kept.lines().column(offset), "column of " + offset);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, kept::text);
    assertTrue(e.getMessage().contains("a.c"), e.getMessage());
    assertEquals(text, whole.text(), "the original keeps its text");
  }
}
