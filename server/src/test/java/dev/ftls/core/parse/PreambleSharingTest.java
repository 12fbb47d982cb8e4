package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kept preambles share their strings: two files that read the same project header, each in a read
 * of its own (their beginnings differ, so no header layer is shared), hold one copy of the
 * header's macro names and texts, declared names and paths, not one each (what let a check of a
 * large tree fill its heap with copies of the same macros).
 */
class PreambleSharingTest {
  @TempDir Path dir;

  @Test
  void twoFilesReadingTheSameHeaderShareItsStrings() throws Exception {
    Path include = Files.createDirectories(dir.resolve("include"));
    Files.writeString(include.resolve("project.h"), """
        #ifndef PROJECT_H
        #define PROJECT_H
        #define PROJECT_BUFFER_SIZE (4096 * sizeof(long) + 17)
        int project_buffer_fill(char *buffer, int size);
        #endif
        """);
    CompileFlags flags = new CompileFlags();
    flags.includePaths.add(include.toString());
    CParser parser = new CParser();
    Target target = Target.parse("3.14t");
    Preamble first = parser.preamble(new SourceText(dir.resolve("a.c"),
        "#define FIRST_FILE 1\n#include \"project.h\"\nint a;\n"), flags, target);
    Preamble second = parser.preamble(new SourceText(dir.resolve("b.c"),
        "#define SECOND_FILE 2\n#include \"project.h\"\nint b;\n"), flags, target);
    assertNotSame(first, second);

    Map.Entry<String, String> one = entry(first, "PROJECT_BUFFER_SIZE");
    Map.Entry<String, String> two = entry(second, "PROJECT_BUFFER_SIZE");
    assertEquals("(4096 * sizeof(long) + 17)", one.getValue());
    assertSame(one.getKey(), two.getKey(), "the macro's name is one string");
    assertSame(one.getValue(), two.getValue(), "the macro's text is one string");
    assertSame(declared(first, "project_buffer_fill"), declared(second, "project_buffer_fill"));
    String header = include.resolve("project.h").toString();
    assertSame(stamp(first, header), stamp(second, header), "the header's path is one string");
  }

  private static Map.Entry<String, String> entry(Preamble p, String name) {
    return p.macros.entrySet().stream().filter(e -> e.getKey().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + p.macros.keySet()));
  }

  private static String declared(Preamble p, String name) {
    assertTrue(p.declared.contains(name), p.declared.toString());
    return p.declared.stream().filter(name::equals).findFirst().orElseThrow();
  }

  private static String stamp(Preamble p, String path) {
    return p.headers.stream().map(Preamble.HeaderStamp::path).filter(path::equals).findFirst()
        .orElseThrow(() -> new AssertionError(path + " not in " + p.headers));
  }
}
