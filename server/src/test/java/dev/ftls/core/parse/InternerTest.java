package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Equal strings come back as one object, and the strings kept stay bounded ({@link Interner}). */
class InternerTest {
  @Test
  void equalStringsAreOneAndTheKeptStringsStayBounded() {
    String first = Interner.of(new String("Py_INCREF(op)"));
    assertSame(first, Interner.of(new String("Py_INCREF(op)")));
    assertEquals("Py_INCREF(op)", first);
    for (int i = 0; i < Interner.MAX + 10; i++) {
      String s = "interner-test-" + i;
      assertEquals(s, Interner.of(s));
      assertTrue(Interner.size() <= Interner.MAX);
    }
    String again = new String("interner-test-" + (Interner.MAX + 9));
    assertSame(Interner.of(again), Interner.of(new String(again)));
  }
}
