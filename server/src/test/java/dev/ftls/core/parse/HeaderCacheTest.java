package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The texts of the headers read are kept for later reads up to {@link HeaderProvider#CACHE_CHARS}
 * characters, the least recently read forgotten first: a long session or a large tree reads
 * thousands of headers, most of them once.
 */
class HeaderCacheTest {
  @TempDir Path dir;

  private String header(String name) throws IOException {
    Path p = dir.resolve(name);
    StringBuilder text = new StringBuilder("#ifndef " + name.replace('.', '_') + "\n");
    String line = "/* " + "x".repeat(96) + " */\n";
    while (text.length() < HeaderProvider.CACHE_CHARS * 3 / 8) {
      text.append(line);
    }
    Files.writeString(p, text.append("#endif\n"));
    return p.toString();
  }

  private static void read(String path) {
    assertNotNull(new HeaderProvider(true).getContentForInclusion(path, null), path);
  }

  @Test
  void theLeastRecentlyReadHeadersAreForgottenPastTheBound() throws IOException {
    String a = header("a.h");
    String b = header("b.h");
    String c = header("c.h");
    String d = header("d.h");
    read(a);
    read(b);
    assertTrue(HeaderProvider.cached(a) && HeaderProvider.cached(b));
    read(c); // three eighths each: the three are over the bound
    assertFalse(HeaderProvider.cached(a));
    assertTrue(HeaderProvider.cached(b) && HeaderProvider.cached(c));
    read(b); // read again: now the most recent
    read(d);
    assertTrue(HeaderProvider.cached(b) && HeaderProvider.cached(d));
    assertFalse(HeaderProvider.cached(c));
    assertTrue(HeaderProvider.cachedChars() <= HeaderProvider.CACHE_CHARS);
    read(a); // a forgotten header is read again, whole
    assertEquals(Files.readString(Path.of(a)).length(),
        new HeaderProvider(true).getContentForInclusion(a, null).getSource().getLength());
  }
}
