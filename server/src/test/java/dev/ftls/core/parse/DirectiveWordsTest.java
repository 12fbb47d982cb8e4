package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectiveWordsTest {
  private static DirectiveWords.Words of(String text) {
    return DirectiveWords.of(text.toCharArray());
  }

  @Test
  void theWordsOfConditionsAndReplacementsWithoutComments() {
    assertEquals(Set.of("A", "defined", "B"), of("#if A && defined(B) /* C */\n#endif\n").words());
    // a replacement's words, not the macro's name or parameters it does not use
    assertEquals(Set.of("G", "x", "H"), of("#define F(x, y) G(x) + H // I\n").words());
    assertEquals(Set.of(), of("#  define W 1\n#include <E.h>\n#error F\n#pragma P\n#undef U\n").words());
    assertEquals(Set.of("D", "E"), of("#ifdef \\\n  D\n#elif E\n#endif\n").words());
    // a comment inside a directive is a space, and the directive goes on after it
    assertEquals(Set.of("A", "B"), of("#if A /* x\n y */ || B\n#endif\n").words());
    assertEquals(Set.of("Z"), of("/* c */ #if Z\n#endif\n").words());
  }

  @Test
  void theWordsOfAComputedInclude() {
    // the header it reads depends on the macro: a beginning that defines it is read as written
    assertEquals(Set.of("CONFIG_HEADER"), of("#include CONFIG_HEADER\n#include <a.h>\n#include \"b.h\"\n").words());
    assertEquals(Set.of("NEXT"), of("#  include_next NEXT\n").words());
  }

  @Test
  void noDirectiveInCommentsLiteralsOrMidLine() {
    assertEquals(Set.of(), of("/*\n#if X\n*/\n// #if Y\nconst char *s = \"\\\n#if Q\";\nint a; #if R\n").words());
    assertEquals(Set.of("K"), of("char c = '#';\n#ifndef K\n#endif\n").words());
    // a line comment continued by a backslash-newline hides the next line
    assertEquals(Set.of(), of("// note \\\n#if S\n").words());
  }

  @Test
  void theHeadersHasIncludeAsksFor() {
    DirectiveWords.Words w = of("#if __has_include(<foo.h>) || __has_include(\"bar/baz.h\")\n#endif\n"
        + "#define HAS(h) __has_include(h)\n");
    assertEquals(Set.of("foo.h", "bar/baz.h", HeaderFacts.COMPUTED_NAME), w.asked());
  }
}
