package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The searches near a name find what the pattern finds over the whole text: the same matches, in
 * order, with the same groups, on random C-like texts (the patterns the rules use), and nothing
 * where a match would reach farther from the name than {@link WordSearch#REACH}.
 */
class WordSearchTest {
  private static final String[] PIECES = {
    "x", "xs", "_x", "x1", "self", "(", ")", "*", " ", "  ", "\n", ";", "{", "}", ",", "=", "->", ".",
    "char", "int", "static", "PyMutex", "struct", "Obj", "offsetof", "return", "#define", "[i]", "++", "é",
  };

  private static final String[] PATTERNS = {
    "\\bx\\b",
    "(?:^|[;{}(,\\s])((?:char|int)\\s*\\*+|[A-Za-z_][A-Za-z0-9_]*\\s*\\*\\s*\\*+)\\s*x\\s*[;,=\\[)]",
    "\\(\\s*(?:struct\\s+)?([A-Za-z_]\\w*)\\s*\\*\\s*\\)\\s*x\\b",
    "[;{}]\\s*x\\s*=\\s*(?:\\([^()]*\\*\\s*\\)\\s*)?([A-Za-z_]\\w*)\\s*;",
    "static\\s+PyMutex\\s+(x\\d*)\\s*;",
    "\\bx\\s*\\[[^\\]]*\\]\\s*([-+*/|&^]?=(?!=)|\\+\\+|--)|(?:^|[;{}])\\s*\\*\\s*x\\s*=(?!=)|\\bx\\s*->\\s*\\w+\\s*=(?!=)",
    "#\\s*define\\s+x\\b",
    "\\bx(?=\\s*;)|(?<=return )x",
  };

  @Test
  void findsWhatTheWholeTextSearchFinds() {
    Random random = new Random(703);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(60);
      for (int i = 0; i < n; i++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String text = sb.toString();
      for (String p : PATTERNS) {
        Pattern pattern = Pattern.compile(p);
        List<String> expected = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          expected.add(shown(m));
        }
        List<String> actual = new ArrayList<>();
        for (MatchResult r : WordSearch.all(pattern, text, "x")) {
          actual.add(shown(r));
        }
        String where = p + " in " + text.replace("\n", "\\n");
        assertEquals(expected, actual, where);
        MatchResult first = WordSearch.first(pattern, text, "x");
        assertEquals(expected.isEmpty() ? null : expected.get(0), first == null ? null : shown(first), where);
        assertEquals(!expected.isEmpty(), WordSearch.finds(pattern, text, "x"), where);
        assertEquals(Pattern.compile("\\bx\\b").matcher(text).find(), WordSearch.containsWord(text, "x"), where);
        if (p.startsWith("[;{}]\\s*x")) { // matches start at the ';', '{' or '}' before a place of x
          List<String> after = new ArrayList<>();
          for (MatchResult r : WordSearch.allAfter(pattern, text, "x", ";{}")) {
            after.add(shown(r));
          }
          assertEquals(expected, after, where);
        }
      }
    }
  }

  @Test
  void aSearchFromThePunctuationBeforeTheNameFindsWhatTheWholeTextSearchFinds() {
    Pattern assigned = Pattern.compile(PATTERNS[3]);
    for (String text : List.of(
        "{ x = a; x = b; }",
        "if (y) { f(); }\n\t  x = (Obj *) op;\n",
        "y = 1;x=c;xs = d; _x = e; (x = f;) ; x == g;",
        "int x; x\n=\ny\n;",
        "")) {
      List<String> expected = new ArrayList<>();
      Matcher m = assigned.matcher(text);
      while (m.find()) {
        expected.add(shown(m));
      }
      List<String> actual = new ArrayList<>();
      for (MatchResult r : WordSearch.allAfter(assigned, text, "x", ";{}")) {
        actual.add(shown(r));
      }
      assertEquals(expected, actual, text);
    }
  }

  private static String shown(MatchResult m) {
    StringBuilder sb = new StringBuilder(m.start() + "-" + m.end());
    for (int g = 1; g <= m.groupCount(); g++) {
      sb.append('|').append(m.group(g));
    }
    return sb.toString();
  }

  @Test
  void findsAMatchAmongFarApartPlacesOfTheName() {
    String filler = "y;\n".repeat(2000);
    String text = "x + 1;\n" + filler + "static PyMutex x_mutex;\n" + filler + "x = 2;\n";
    MatchResult r = WordSearch.first(Pattern.compile("static\\s+PyMutex\\s+(x_mutex\\d*)\\s*;"), text, "x_mutex");
    assertEquals("x_mutex", r.group(1));
    assertEquals(text.indexOf("static"), r.start());
    assertEquals(2, WordSearch.all(Pattern.compile("\\bx\\b"), text, "x").size());
  }

  @Test
  void aMatchReachingFartherThanTheReachIsNotFound() {
    String far = "static" + " ".repeat(WordSearch.REACH + 10) + "PyMutex x;";
    assertTrue(Pattern.compile("static\\s+PyMutex\\s+x;").matcher(far).find());
    assertNull(WordSearch.first(Pattern.compile("static\\s+PyMutex\\s+x;"), far, "x"));
    String near = "static" + " ".repeat(WordSearch.REACH - 20) + "PyMutex x;";
    assertTrue(WordSearch.finds(Pattern.compile("static\\s+PyMutex\\s+x;"), near, "x"));
  }

  @Test
  void wholeWordsOnly() {
    assertTrue(WordSearch.containsWord("a Py_MOD_GIL_NOT_USED}", "Py_MOD_GIL_NOT_USED"));
    assertFalse(WordSearch.containsWord("Py_MOD_GIL_NOT_USED2 xPy_MOD_GIL_NOT_USED", "Py_MOD_GIL_NOT_USED"));
    assertTrue(WordSearch.containsWord("xPy_MOD_GIL_NOT_USED, Py_MOD_GIL_NOT_USED", "Py_MOD_GIL_NOT_USED"));
    assertFalse(WordSearch.containsWord("", "x"));
  }
}
