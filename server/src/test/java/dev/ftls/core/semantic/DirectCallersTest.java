package dev.ftls.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectCallersTest {
  @Test
  void theNamesUsedAsValuesAreThoseATextScanFinds() {
    String text = """
        static PyObject *spam_new(PyTypeObject *t, PyObject *a, PyObject *k);
        static PyMethodDef methods[] = {{"eggs", (PyCFunction)spam_eggs, METH_O}, {NULL}};
        static int helper (int x) { return spam_count(x) + helper_value; }
        int $odd = spam_new (NULL, NULL, NULL) != NULL ? 1 : spam_last""";
    Set<String> wanted = Set.of("spam_new", "spam_eggs", "helper", "spam_count", "spam_last", "helper_value", "absent");
    assertEquals(Set.of("spam_eggs", "helper_value", "spam_last"), DirectCallers.valueNames(text, wanted));
    assertEquals(Set.of(), DirectCallers.valueNames(text, Set.of()));
  }

  @Test
  void aHashTableLookupAnswersAsEveryWordWouldBeKept() {
    Random random = new Random(13);
    List<String> words = List.of("a", "ab", "f", "func", "Aa", "BB", "x_1", "x_2", "spam", "spam_", "_spam", "é", "$d");
    for (int round = 0; round < 2000; round++) {
      StringBuilder t = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        t.append(words.get(random.nextInt(words.size())));
        t.append(List.of(" ", "(", " (", "\n", ",", "", "->", "\t(", ")").get(random.nextInt(9)));
      }
      Set<String> wanted = new HashSet<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        wanted.add(words.get(random.nextInt(words.size())));
      }
      Set<String> expected = new HashSet<>(everyValueWord(t.toString()));
      expected.retainAll(wanted);
      assertEquals(expected, DirectCallers.valueNames(t.toString(), wanted), t.toString());
    }
  }

  /** Every word of the text that is not followed by an opening parenthesis (the plain way). */
  private static Set<String> everyValueWord(String t) {
    Set<String> used = new HashSet<>();
    int i = 0;
    while (i < t.length()) {
      if (Character.isJavaIdentifierStart(t.charAt(i))) {
        int s = i;
        while (i < t.length() && Character.isJavaIdentifierPart(t.charAt(i))) {
          i++;
        }
        String rest = t.substring(i).stripLeading();
        if (!rest.startsWith("(")) {
          used.add(t.substring(s, i));
        }
      } else {
        i++;
      }
    }
    return used;
  }
}
