package dev.ftls.core.rules;

import dev.ftls.core.fix.TextEdit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.source.LineIndex;
import org.junit.jupiter.api.Test;

/** The "ignore FTnnn on this line" edit: where the comment goes, and that it silences the line. */
class SuppressionEditTest {
  private static final String REASON = Suppressions.REASON_PLACEHOLDER;

  /** Applies the edit for a finding at the first occurrence of {@code marker}; checks it silences it. */
  private static String suppress(String text, String marker, String rule) {
    int at = text.indexOf(marker);
    assertTrue(at >= 0, marker);
    TextEdit e = Suppressions.suppressionEdit(text, new LineIndex(text), at, rule);
    String out = text.substring(0, e.start()) + e.newText() + text.substring(e.end());
    int moved = out.indexOf(marker);
    LineIndex lines = new LineIndex(out);
    Suppressions s = Suppressions.scan(out, lines);
    assertTrue(s.suppresses(rule, lines.line(moved)), "the edit must silence " + rule + ":\n" + out);
    return out;
  }

  @Test
  void aLineCommentAboveIndentedLikeTheCode() {
    String text = "// spam\nint f(void) {\n    x = PyList_GetItem(l, 0);\n}\n";
    assertEquals("// spam\nint f(void) {\n    // ftls: ignore[FT101] " + REASON + "\n    x = PyList_GetItem(l, 0);\n}\n",
        suppress(text, "PyList_GetItem", "FT101"));
  }

  @Test
  void aBlockCommentInFilesWithoutLineComments() {
    String text = "/* spam */\r\nint f(void) {\r\n\tx = PyList_GetItem(l, 0);\r\n}\r\n";
    assertEquals("/* spam */\r\nint f(void) {\r\n\t/* ftls: ignore[FT101] " + REASON + " */\r\n\tx = PyList_GetItem(l, 0);\r\n}\r\n",
        suppress(text, "PyList_GetItem", "FT101"));
  }

  @Test
  void anExistingSuppressionOnTheLineGetsTheId() {
    String text = "x = PyList_GetItem(l, 0);  // ftls: ignore[FT102] filled once\n";
    assertEquals("x = PyList_GetItem(l, 0);  // ftls: ignore[FT102, FT101] filled once\n",
        suppress(text, "PyList_GetItem", "FT101"));
  }

  @Test
  void anExistingSuppressionAboveGetsTheId() {
    String text = "    /* ftls: ignore[FT203] sized under the lock */\n    x = PyList_GetItem(l, 0);\n";
    assertEquals("    /* ftls: ignore[FT203, FT101] sized under the lock */\n    x = PyList_GetItem(l, 0);\n",
        suppress(text, "PyList_GetItem", "FT101"));
  }

  @Test
  void insideAMacroBodyTheCommentStaysBeforeTheBackslash() {
    String text = "// m\n#define GET(l) \\\n    PyList_GetItem(l, 0) \\\n    /* end */\n";
    assertEquals("// m\n#define GET(l) \\\n    PyList_GetItem(l, 0) /* ftls: ignore[FT101] " + REASON + " */ \\\n    /* end */\n",
        suppress(text, "PyList_GetItem", "FT101"));
    String last = "#define GET(l) \\\n    PyList_GetItem(l, 0)\n";
    assertEquals("#define GET(l) \\\n    PyList_GetItem(l, 0) /* ftls: ignore[FT101] " + REASON + " */\n",
        suppress(last, "PyList_GetItem", "FT101"));
  }

  /** Deletes the unused suppression at {@code marker} with its fix. */
  private static String remove(String text, String marker) {
    LineIndex lines = new LineIndex(text);
    for (Suppressions.Entry e : Suppressions.scan(text, lines).entries()) {
      if (text.startsWith(marker, e.start)) {
        TextEdit t = Suppressions.removalEdit(text, e);
        return t == null ? null : text.substring(0, t.start()) + t.newText() + text.substring(t.end());
      }
    }
    throw new AssertionError(marker);
  }

  @Test
  void removingAnUnusedSuppressionKeepsTheCode() {
    assertEquals("a = f();\nb = g();\n", remove("a = f();  // ftls: ignore[FT101] old\nb = g();\n", "ftls:"));
    assertEquals("a = f();\nb = g();\n", remove("a = f();\n    // ftls: ignore[FT101] old\nb = g();\n", "ftls:"));
    assertEquals("    b = g();\n", remove("    /* ftls: ignore[FT101] old */ b = g();\n", "ftls:"));
    assertEquals("a = f(); /* keep */\n", remove("a = f(); /* ftls: ignore[FT101] old */ /* keep */\n", "ftls:"));
    assertEquals(null, remove("a = f();  // note: ftls: ignore[FT101] old\n", "ftls:"));
    assertEquals(null, remove("// ftls: ignore-begin[FT101] x\n// ftls: ignore-end[FT101]\n", "ftls:"));
  }
}
