package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RegexTest {
  @Test
  void aPatternIsCompiledOnceAndAnswersAsStringsDo() {
    assertSame(Regex.of("[A-Za-z_]\\w*(->|\\.).*"), Regex.of("[A-Za-z_]\\w*(->|\\.).*"));
    for (String text : new String[] {"self->dict", "st.cache", "3x->y", "plain", ""}) {
      assertEquals(text.matches("[A-Za-z_]\\w*(->|\\.).*"), Regex.matches("[A-Za-z_]\\w*(->|\\.).*", text), text);
      assertEquals(text.replaceAll("\\s+", ""), Regex.replaceAll(text, "\\s+", ""), text);
      assertArrayEquals(text.split("->|\\.", 2), Regex.of("->|\\.").split(text, 2), text);
    }
    assertEquals("(PyObject *) self", Regex.replaceAll("( (PyObject *) self )", "^\\(\\s*|\\s*\\)$", ""));
  }

  @Test
  void theKeptPatternsAreBounded() {
    var first = Regex.of("first_local\\s*=");
    for (int i = 0; i < Regex.MAX; i++) {
      Regex.of("local_" + i + "\\s*=");
    }
    assertNotSame(first, Regex.of("first_local\\s*="), "dropped once more than MAX were asked for");
    assertEquals(first.pattern(), Regex.of("first_local\\s*=").pattern());
  }
}
