package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Telling a .h that is C++ from one that is C, on the inputs that once hung it. */
class SourceTextTest {
  private static boolean cpp(String name, String text) {
    return new SourceText(Path.of(name), text).isCpp();
  }

  @Test
  void aHeaderOfBlankLinesIsCAndAnsweredAtOnce() {
    // found by scripts/fuzz.sh: 64 KB of newlines kept the check busy for minutes (a generous
    // limit here: the test says it finishes at all, not how fast)
    assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cpp("blank.h", "\n".repeat(70_000))));
    assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cpp("blank.h", " \n\t\r\n".repeat(20_000))));
  }

  @Test
  void cppMarkersAfterBlankLinesAndIndentationStillCount() {
    assertTrue(cpp("a.h", "\n\n   namespace spam {\n}\n"));
    assertTrue(cpp("a.h", "\n\t#include <vector>\n"));
    assertTrue(cpp("a.h", "/* c */\n\ttemplate <typename T> T id(T t) { return t; }\n"));
    assertFalse(cpp("a.h", "\n\n  static int namespace_count;\n"));
    assertTrue(cpp("a.cpp", "int x;\n"));
  }
}
