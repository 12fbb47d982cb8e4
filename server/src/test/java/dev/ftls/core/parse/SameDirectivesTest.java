package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An edit that {@link Skeleton#sameDirectives} lets through leaves the directive scans as they
 * were (the skeleton, the features tested and defined): checked against reading both texts on
 * random texts of directives, comments, strings, continued lines and code, with random edits.
 */
class SameDirectivesTest {
  private static final List<String> LINES = List.of(
      "#include <Python.h>", "#include \"local.h\"", "  #  ifdef HAVE_FOO", "#if WITH_BAR && !USE_BAZ", "#endif",
      "#else", "#define HAVE_QUX 1", "#undef WITH_BAR", "#define LONG(a) \\", "   (a + 1)", "int x = 1; \\",
      "/* a comment", "   still #include <no.h> */", "// #ifdef HAVE_LINE", "static int f(void) { return 2 * 3; }",
      "const char *s = \"/* not a comment\";", "char c = '\\'';", "    y = a / b;", "}", "", "  code();  ",
      "x = \"#include <str.h>\";", "a/\\", "* b */");
  private static final String ALPHABET = "ab1 _(){};#/*\"'\\\n\r\tHAVE_";

  private static String text(Random r) {
    StringBuilder b = new StringBuilder();
    int n = 5 + r.nextInt(25);
    for (int i = 0; i < n; i++) {
      b.append(LINES.get(r.nextInt(LINES.size()))).append(r.nextInt(8) == 0 ? "\r\n" : r.nextInt(12) == 0 ? "\r" : "\n");
    }
    return b.toString();
  }

  private static String edit(Random r, String text) {
    int at = r.nextInt(text.length() + 1);
    int cut = r.nextInt(3) == 0 ? Math.min(text.length() - at, r.nextInt(4)) : 0;
    StringBuilder insert = new StringBuilder();
    int n = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      // mostly plain characters, as typing in code is
      insert.append(r.nextInt(3) == 0 ? ALPHABET.charAt(r.nextInt(ALPHABET.length())) : "xyz 0_"
          .charAt(r.nextInt(6)));
    }
    return text.substring(0, at) + insert + text.substring(at + cut);
  }

  @Test
  void anEditLetThroughChangesNoDirectiveScan() {
    Random r = new Random(703);
    int letThrough = 0;
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      String before = text(r);
      String after = edit(r, before);
      if (Skeleton.sameDirectives(before, after)) {
        letThrough++;
        String why = "before:\n" + before + "\nafter:\n" + after;
        assertEquals(Skeleton.of(before), Skeleton.of(after), why);
        assertEquals(FeatureMacros.tested(before), FeatureMacros.tested(after), why);
        assertEquals(FeatureMacros.defined(before), FeatureMacros.defined(after), why);
      } else {
        refused++;
      }
    }
    // neither side vacuous: most edits of code lines go through, edits near directives do not
    assertTrue(letThrough > 5_000, letThrough + " let through");
    assertTrue(refused > 2_000, refused + " refused");
  }

  @Test
  void typingInCodeGoesThroughAndTouchingADirectiveCommentOrStringDoesNot() {
    String text = "#include <Python.h>\n#ifdef HAVE_X\nstatic int x = 1;\n#endif\n/* c */\nint y = 2; \\\nint z;\nconst char *s = \"q\";\n}\n";
    assertTrue(Skeleton.sameDirectives(text, text.replace("int x = 1", "int x = 12")));
    assertTrue(Skeleton.sameDirectives(text, text.replace("\n}\n", "\n }\n")), "a space at the start of a line");
    assertFalse(Skeleton.sameDirectives(text, text.replace("HAVE_X", "HAVE_Y")), "a directive's text");
    assertFalse(Skeleton.sameDirectives(text, text.replace("#endif", " #endif")), "a directive's line");
    assertTrue(Skeleton.sameDirectives(text, text.replace("/* c */", "/* cd */")), "inside a comment, away from its ends");
    assertFalse(Skeleton.sameDirectives(text, text.replace("/* c */", "/* c d*/")), "next to a comment's end");
    assertFalse(Skeleton.sameDirectives(text, text.replace("int z;", "int zz;")), "a line a backslash continues");
    assertFalse(Skeleton.sameDirectives(text, text.replace("\"q\"", "\"qq\"")), "next to a quote");
    assertFalse(Skeleton.sameDirectives(text, text.replace("int x = 1;", "int x = 1;\nint w;")), "a new line");
  }
}
