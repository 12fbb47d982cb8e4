package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The include guard that encloses a whole header, and every case where there is none. */
class WholeFileGuardTest {
  private static String of(String text) {
    return WholeFileGuard.of(text.toCharArray());
  }

  @Test
  void aGuardAroundTheWholeFile() {
    assertEquals("A_H", of("#ifndef A_H\n#define A_H\nint a;\n#endif\n"));
    assertEquals("A_H", of("/* licence\n * #if 0\n */\n// note\n#ifndef A_H\n#define A_H\n#if X\nint a;\n#else\n#endif\n#endif /* A_H */\n\n"));
    assertEquals("B_H", of("#if !defined(B_H)\n#define B_H\n#endif"));
    assertEquals("B_H", of("  #  if ! defined B_H\n#define B_H\n#endif\r\n"));
    assertEquals("C_H", of("#ifndef C_H\n#define C_H\n#define LONG \\\n  #endif\n#endif\n"), "a continued line is one line");
    assertEquals("D_H", of("#ifndef D_H\nconst char *s = \"/*\";\n#endif\n"), "a comment opener in a string is text");
    assertEquals("E_H", of("#ifndef E_H\n#\nint e; /* opens\n#endif\n */\n#endif\n"), "a null directive, an #endif in a comment");
    assertEquals("F_H", of("\t\f\n#ifndef F_H\n\t#endif \t\n"), "blank lines of tabs and form feeds");
  }

  @Test
  void noneWhenSomethingIsOutsideItOrUnclear() {
    assertNull(of("int before;\n#ifndef A_H\n#define A_H\n#endif\n"));
    assertNull(of("#ifndef A_H\n#define A_H\n#endif\nint after;\n"));
    assertNull(of("#ifndef A_H\n#define A_H\n#else\nint other;\n#endif\n"));
    assertNull(of("#ifndef A_H\n#define A_H\n#elif B\n#endif\n"));
    assertNull(of("#ifndef A_H\n#define A_H\n#if X\n#endif\n"), "unbalanced");
    assertNull(of("#ifndef A_H\n#endif\n#ifndef B_H\n#endif\n"), "two guards");
    assertNull(of("#ifdef A_H\n#endif\n"));
    assertNull(of("#if A_H\n#endif\n"));
    assertNull(of("#pragma once\nint a;\n"));
    assertNull(of("#ifndef A_H\n#define A_H\n#endif\n/* unterminated"));
    assertNull(of(""));
  }
}
