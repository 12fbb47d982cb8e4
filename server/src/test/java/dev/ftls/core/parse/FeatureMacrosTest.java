package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The directives {@link FeatureMacros} reads: conditionals for the features tested, definitions for the names defined. */
class FeatureMacrosTest {
  @Test
  void conditionalsNameTheFeaturesTheyTestWhereverTheirLinesGo() {
    String text = """
        #if HAVE_A && /* HAVE_IN_COMMENT */ WITH_B
          # \tifdef USE_C
        #elif defined(ENABLE_D) || \\
              defined(HAVE_E) // HAVE_LINE_COMMENT
        #ifdefHAVE_NOT_A_DIRECTIVE
        int x = HAVE_IN_CODE; # if HAVE_NOT_AT_LINE_START
        #include "HAVE_INCLUDE.h"
        #endif
        """;
    assertEquals(Set.of("HAVE_A", "WITH_B", "USE_C", "ENABLE_D", "HAVE_E"), FeatureMacros.tested(text));
    assertEquals(Set.of("HAVE_CR", "HAVE_CRLF"), FeatureMacros.tested("int a;\r#ifdef HAVE_CR\r#endif\r\n#if HAVE_CRLF\r\n"));
  }

  @Test
  void definitionsNameWhatTheyDefineOrUndefine() {
    String text = """
        #define HAVE_A 1
          #  undef\tHAVE_B
        #define F(x) (x)
        #defineHAVE_NOT
        #define
        x = 1; #define HAVE_NOT_AT_LINE_START
        """;
    assertEquals(Set.of("HAVE_A", "HAVE_B", "F"), FeatureMacros.defined(text));
  }
}
