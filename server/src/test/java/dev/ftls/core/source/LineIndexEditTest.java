package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An editor's document keeps its line index up to date edit by edit ({@link LineIndex#edited}):
 * after any edit it answers exactly as an index built from the whole new text, also where a CR
 * and an LF meet or part at the edit's ends.
 */
class LineIndexEditTest {
  private static final String[] PIECES = {"a", "bc", "\n", "\r", "\r\n", " ", "x\ny", "\n\n", "\u00e9", ""};

  @Test
  void anEditedIndexIsTheIndexOfTheNewText() {
    Random random = new Random(13);
    for (int round = 0; round < 20_000; round++) {
      String text = randomText(random, random.nextInt(12));
      int start = random.nextInt(text.length() + 1);
      int end = start + random.nextInt(text.length() - start + 1);
      String inserted = randomText(random, random.nextInt(4));
      String edited = text.substring(0, start) + inserted + text.substring(end);
      LineIndex expected = new LineIndex(edited);
      LineIndex actual = new LineIndex(text).edited(edited, start, end, inserted.length());
      String what = "[" + escape(text) + "] with [" + start + ", " + end + ") replaced by [" + escape(inserted) + "]";
      assertEquals(expected.lineCount(), actual.lineCount(), what);
      for (int line = 0; line < expected.lineCount(); line++) {
        assertEquals(expected.lineStart(line), actual.lineStart(line), what + ", line " + line);
      }
      for (int offset = 0; offset <= edited.length(); offset++) {
        assertEquals(expected.line(offset), actual.line(offset), what + ", offset " + offset);
        assertEquals(expected.column(offset), actual.column(offset), what + ", offset " + offset);
      }
    }
  }

  @Test
  void anEditThatDoesNotFitTheTextBuildsTheIndexAgain() {
    LineIndex index = new LineIndex("a\nb\n");
    LineIndex other = index.edited("one\ntwo\nthree", 0, 1, 1); // the lengths disagree
    assertEquals(3, other.lineCount());
    assertEquals(8, other.lineStart(2));
  }

  private static String randomText(Random random, int pieces) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < pieces; k++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static String escape(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
