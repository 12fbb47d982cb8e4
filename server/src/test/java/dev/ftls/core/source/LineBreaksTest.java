package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftls.core.fix.Edits;
import org.junit.jupiter.api.Test;

/**
 * The lines a fix edits are the lines the editor shows: for every offset of texts with LF, CRLF,
 * lone CR and mixed line ends, the fixes' line helpers ({@link Edits}) and the LSP positions
 * ({@link LineIndex}) agree on where the line starts and where the next one begins.
 */
class LineBreaksTest {
  private static final String[] TEXTS = {
    "a\nbb\n\nccc", "a\r\nbb\r\n\r\nccc\r\n", "a\rbb\r\rccc\r", "a\r\n\rb\n\r\nc\r", "\r", "\n\r", "no break",
  };

  @Test
  void fixesAndEditorPositionsAgreeOnEveryLine() {
    for (String t : TEXTS) {
      LineIndex idx = new LineIndex(t);
      for (int off = 0; off <= t.length(); off++) {
        int line = idx.line(off);
        String where = show(t) + " at " + off;
        assertEquals(idx.lineStart(line), Edits.lineStart(t, off), where);
        int next = line + 1 < idx.lineCount() ? idx.lineStart(line + 1) : t.length();
        assertEquals(next, Edits.nextLineStart(t, off), where);
      }
    }
  }

  @Test
  void aLoneCrIsALineBreakAndCrlfIsOne() {
    assertEquals(4, new LineIndex("a\rb\rc\r").lineCount());
    assertEquals(3, new LineIndex("a\r\nb\r\n").lineCount());
    assertEquals(4, new LineIndex("a\n\rb\r").lineCount());
  }

  @Test
  void insertedLinesUseTheFilesLineEnd() {
    assertEquals("\r", Edits.newline("a\rb\r"));
    assertEquals("\r\n", Edits.newline("a\r\nb\r\n"));
    assertEquals("\n", Edits.newline("a\nb\n"));
    assertEquals("\n", Edits.newline("one line"));
    assertEquals("\r\n", Edits.newline("a\nb\r\n"), "a file with any CRLF gets CRLF, as before");
  }

  private static String show(String t) {
    return t.replace("\r", "\\r").replace("\n", "\\n");
  }
}
